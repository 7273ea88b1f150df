// Hiding names in published proceedings: every known full name becomes
// "a participant", in the reader's language (reunions:proceedings.hiddenName).
// Known names are those of the reunion's audience, its organiser and its
// conveners; longer names go first, so "Ann Lee-Smith" is not half-replaced
// by "Ann Lee".

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function nameHider(names: Iterable<string>, hiddenName: string): (text: string) => string {
  const known = [...new Set([...names].map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  if (known.length === 0) return (text) => text;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${known.map(escape).join("|")})(?![\\p{L}\\p{N}])`, "giu");
  return (text) => text.replace(pattern, hiddenName);
}
