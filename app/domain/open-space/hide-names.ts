// Hiding names in published proceedings: every known full name becomes
// "a participant", in the reader's language (reunions:proceedings.hiddenName).
// Known names are those of the reunion's audience, its organiser and its
// conveners; longer names go first, so "Ann Lee-Smith" is not half-replaced
// by "Ann Lee".
//
// Japanese is written without spaces between words, so a name there has no
// word boundary to look for ("田中花子さんが提案した"): a name in Japanese
// script is found wherever it stands, written with or without the space
// between family and given name, and either part alone is found where an
// honorific follows it ("田中さん", "花子さん"), which is how colleagues are
// named in Japanese notes. The honorific goes with the name.

import { HONORIFIC_PATTERN, JAPANESE_SCRIPT, nameParts } from "../people/japanese-names";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");


/** The patterns one known name is written as. */
function spellings(name: string): { spaced: string[]; unspaced: string[] } {
  if (!JAPANESE_SCRIPT.test(name)) return { spaced: [name], unspaced: [] };
  const parts = nameParts(name);
  const honorific = HONORIFIC_PATTERN;
  const whole = [...new Set([name, parts.join(""), parts.join(" "), parts.join("\u3000")])].map(escape);
  const partAlone = parts.length > 1 ? parts.map((p) => `${escape(p)}${honorific}`) : [];
  return { spaced: [], unspaced: [`(?:${whole.join("|")})${honorific}?`, ...partAlone] };
}

export function nameHider(names: Iterable<string>, hiddenName: string): (text: string) => string {
  const known = [...new Set([...names].map((n) => n.trim()).filter((n) => n.length >= 2))];
  if (known.length === 0) return (text) => text;
  const spaced = new Set<string>();
  const unspaced = new Set<string>();
  for (const name of known) {
    const s = spellings(name);
    s.spaced.forEach((p) => spaced.add(p));
    s.unspaced.forEach((p) => unspaced.add(p));
  }
  // Longest first in each alternation, so a longer name or spelling wins over its beginning.
  const alternation = (patterns: Set<string>) => [...patterns].sort((a, b) => b.length - a.length).join("|");
  const pieces = [
    spaced.size > 0 ? `(?<![\\p{L}\\p{N}])(?:${alternation(spaced)})(?![\\p{L}\\p{N}])` : null,
    unspaced.size > 0 ? `(?:${alternation(unspaced)})` : null,
  ].filter((p): p is string => p !== null);
  const pattern = new RegExp(pieces.join("|"), "giu");
  return (text) => text.replace(pattern, hiddenName);
}
