// The snippet of a Japanese module in the search results. PostgreSQL's
// ts_headline cannot find words in text without spaces, so the excerpt
// around the first match (cut by the search's statement) is marked here:
// every place the text holds one of the searched words.

/**
 * The summary and the excerpt, each kept only when it holds a searched word,
 * with each occurrence between `start` and `end`; null when neither does.
 */
export function japaneseSnippet(summary: string, excerpt: string, words: readonly string[], start: string, end: string): string | null {
  const wanted = [...new Set(words.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!wanted.length) return null;
  const pattern = new RegExp(wanted.map(escapeRegExp).join("|"), "giu");
  // Words found side by side are one mark.
  const mark = (text: string) => text.replace(pattern, (w) => `${start}${w}${end}`).replaceAll(`${end}${start}`, "");
  const has = (text: string) => new RegExp(pattern.source, "iu").test(text);
  const parts: string[] = [];
  if (has(summary)) parts.push(mark(summary));
  const cut = excerpt.replace(/\s+/g, " ").trim();
  if (cut && has(cut)) parts.push(`…${mark(cut)}…`);
  return parts.length ? parts.join(" ") : null;
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
