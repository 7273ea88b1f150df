// Japanese is written without spaces, and PostgreSQL's text search splits
// words at spaces and punctuation only, so a Japanese sentence would be one
// "word". This splits text into words with the runtime's ICU word breaker
// (Intl.Segmenter, dictionary-based for Japanese) the same way when a module
// is published and when someone searches, so a word typed in the search box
// is the word stored in the search vector (docs/decisions/039-modules-in-two-languages.md).
// Pure: no database, usable in the browser too.

// Made on first use: this module reaches the browser bundle (catalogue-params.ts),
// where a browser without Intl.Segmenter must still load the page.
let segmenter: Intl.Segmenter | null = null;

// Japanese script, and the punctuation and full-width forms only Japanese
// (and Chinese) text uses: PostgreSQL's parser reads 「」 or ！ as letters in
// a C locale (embedded PGlite) and as punctuation elsewhere, so such a search
// is read here, the same on both.
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u3000-\u303f\u30fb\uff01-\uffef]/u;
// A lone hiragana character is a particle or an inflection ending (の, を, に,
// は, ます's ま…): in nearly every text, so it finds nothing and costs an
// index lookup. Left out on both sides.
const LONE_KANA = /^\p{Script=Hiragana}$/u;

export type Word = { word: string; start: number; end: number };

/** Whether the text has any Japanese script (hiragana, katakana or kanji) or Japanese punctuation. */
export function hasJapanese(text: string): boolean {
  return JAPANESE.test(text);
}

/** The words of `text` in order, with where each is in it; punctuation, spaces and lone particles are left out. */
export function japaneseWords(text: string): Word[] {
  const words: Word[] = [];
  segmenter ??= new Intl.Segmenter("ja", { granularity: "word" });
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike || LONE_KANA.test(s.segment)) continue;
    words.push({ word: s.segment, start: s.index, end: s.index + s.segment.length });
  }
  return words;
}

/**
 * The text as search words separated by spaces, for to_tsvector('simple', …).
 * NFKC first, so half-width katakana and full-width letters are stored as
 * they are usually typed.
 */
export function wordsForSearch(text: string): string {
  return japaneseWords(text.normalize("NFKC"))
    .map((w) => w.word)
    .join(" ");
}

/**
 * A search containing Japanese, as websearch_to_tsquery('simple', …) should
 * read it: each word of each space-separated part, so all of them must be
 * found (AND); "-part" still excludes (as a phrase of its words), "or" still
 * means or. Never a syntax error: websearch_to_tsquery takes any text.
 */
export function japaneseSearchQuery(q: string): string {
  const parts: string[] = [];
  for (const token of q.normalize("NFKC").split(/\s+/)) {
    if (!token) continue;
    if (/^or$/i.test(token)) {
      parts.push("or");
      continue;
    }
    const excluded = token.startsWith("-");
    const words = japaneseWords(token);
    if (!words.length) continue;
    parts.push(excluded ? `-"${words.map((w) => w.word).join(" ")}"` : katakanaRunsAsPhrases(words).join(" "));
  }
  return parts.join(" ");
}

// Katakana only (with the long-vowel mark and the middle dot): loanwords, which the word breaker's
// dictionary often does not know and then cuts into pieces (スチュワードシップ → ス チ ュ ワード シ ッ プ).
const KATAKANA = /^[\p{Script=Katakana}ー・]+$/u;

/**
 * The words of one search term, with each run of katakana pieces that touch in
 * the text kept together as a phrase ("ス チ ュ ワード シ ッ プ"): the stored
 * text was cut the same way, so the phrase finds the loanword, where the
 * pieces one by one would also find every module that has them anywhere.
 */
function katakanaRunsAsPhrases(words: Word[]): string[] {
  const out: string[] = [];
  let run: Word[] = [];
  const flush = () => {
    if (run.length === 1) out.push(run[0]!.word);
    else if (run.length > 1) out.push(`"${run.map((w) => w.word).join(" ")}"`);
    run = [];
  };
  for (const w of words) {
    const katakana = KATAKANA.test(w.word);
    if (katakana && run.length && run.at(-1)!.end === w.start) run.push(w);
    else {
      flush();
      if (katakana) run.push(w);
      else out.push(w.word);
    }
  }
  flush();
  return out;
}

/** `text` up to the end of its `max`-th search word, and whether anything was cut. */
export function limitJapaneseWords(text: string, max: number): { text: string; cut: boolean } {
  const words = japaneseWords(text);
  if (words.length <= max) return { text, cut: false };
  return { text: text.slice(0, words[max - 1]!.end), cut: true };
}
