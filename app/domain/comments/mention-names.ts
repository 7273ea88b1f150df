// Reads "@Full Name" mentions out of a comment. A name is up to four words,
// so every "@" gives up to four candidate names; the longest one that names
// a real person who can see the comment wins (see find-mentions.server.ts).

const MAX_NAME_WORDS = 4;
// Punctuation that ends a sentence or clause, not a name: "@Ann Lee, thanks".
const TRAILING_PUNCTUATION = /[.,;:!?)\]}"'’”]+$/u;

export const normaliseName = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

/** For each "@", its candidate names, longest first, lower-cased. */
export function mentionCandidates(body: string): string[][] {
  const mentions: string[][] = [];
  const at = /(?:^|[^\p{L}\p{N}_])@(?=\S)/gu;
  for (const match of body.matchAll(at)) {
    const rest = body.slice(match.index! + match[0].length);
    const words = rest.split(/\s+/, MAX_NAME_WORDS).filter(Boolean);
    const names = new Set<string>();
    for (let n = words.length; n >= 1; n--) {
      const raw = words.slice(0, n).join(" ");
      const trimmed = raw.replace(TRAILING_PUNCTUATION, "");
      // The punctuated form first: a name may itself end in a full stop ("Jr.").
      for (const name of [raw, trimmed]) if (name) names.add(normaliseName(name));
    }
    if (names.size) mentions.push([...names]);
  }
  return mentions;
}
