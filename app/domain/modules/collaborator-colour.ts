// Each co-author's caret and name tag keep one colour wherever they appear,
// derived from their id, so nobody has to pick one and it never changes.

// Dark enough for white text on the caret's name tag (WCAG AA).
const PALETTE = ["#1f5f8b", "#a12a2a", "#2d6a3e", "#7b3fa0", "#8a4b08", "#0f6e6e", "#b0306a", "#4a5a12", "#3d4db7", "#6b4f2a"] as const;

/** A stable #rrggbb colour for this person. */
export function collaboratorColour(userId: string): string {
  // FNV-1a: cheap, and spreads similar ids over the palette.
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length]!;
}
