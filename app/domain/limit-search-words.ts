// The one rule for how many words a search may use. A word is a run of
// letters or digits, as PostgreSQL's text-search parser reads it, so
// "a,b,c" is three words even without spaces. Every word becomes a lookup
// in a search index, so a search does a bounded amount of work whatever is
// typed. Not a .server file: pure, and usable anywhere.

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of `text`, lower-cased, in order. */
export function searchWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** `text` up to the end of its `max`-th word, and whether anything was cut. */
export function limitSearchWords(text: string, max: number): { text: string; cut: boolean } {
  const words = [...text.matchAll(WORD)];
  if (words.length <= max) return { text, cut: false };
  const last = words[max - 1]!;
  return { text: text.slice(0, last.index + last[0].length), cut: true };
}
