// Ranking the people a group might invite (docs/group-suggestions.md). Pure:
// the query finds who may be suggested; this decides how well each matches
// the group's field and in which order they are shown.

// Words that say nothing about a speciality.
const STOPWORDS = new Set(["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]);

/** Lower-case words of letters and digits, a plural "s" dropped, so "Pumps" meets "pump". */
export function terms(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && !STOPWORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
  return [...new Set(words)];
}

export type ExpertiseMatch = { strength: number; matchedTags: string[] };

/**
 * How well a person's expertise matches the group's field: each word of the
 * field found in their expertise tags counts 2, found only in their bio
 * (when they show it) 1. Zero means no match.
 */
export function expertiseMatch(field: string, person: { tags: readonly string[]; bio: string }): ExpertiseMatch {
  const wanted = terms(field);
  const tagTerms = person.tags.map((tag) => ({ tag, words: new Set(terms(tag)) }));
  const bioWords = new Set(terms(person.bio));
  let strength = 0;
  for (const word of wanted) {
    if (tagTerms.some((t) => t.words.has(word))) strength += 2;
    else if (bioWords.has(word)) strength += 1;
  }
  const matchedTags = tagTerms.filter((t) => wanted.some((w) => t.words.has(w))).map((t) => t.tag);
  return { strength, matchedTags };
}

export type SuggestionCandidate = {
  id: string;
  name: string;
  /** How many of the group's current members this person already shares a group with. */
  metMembers: number;
  strength: number;
};

/**
 * New connections first (fewest members met before in any group), then the
 * stronger expertise match, then by name. People with no match are left out.
 */
export function rankSuggestions<T extends SuggestionCandidate>(candidates: readonly T[]): T[] {
  return candidates
    .filter((c) => c.strength > 0)
    .sort((a, b) => a.metMembers - b.metMembers || b.strength - a.strength || a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id));
}
