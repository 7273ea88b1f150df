// Shows a search snippet whose matches the database marked with control
// characters, as <mark> elements. The text itself is never parsed as HTML.
const MARK_START = "\u0002";
const MARK_END = "\u0003";

export function HighlightedText({ text }: { text: string }) {
  const parts: { text: string; marked: boolean }[] = [];
  for (const chunk of text.split(MARK_START)) {
    const end = chunk.indexOf(MARK_END);
    if (end === -1) parts.push({ text: chunk, marked: false });
    else {
      parts.push({ text: chunk.slice(0, end), marked: true });
      parts.push({ text: chunk.slice(end + 1), marked: false });
    }
  }
  return <>{parts.map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : p.text ? <span key={i}>{p.text}</span> : null))}</>;
}
