// What the notes analysis and the hiding of names both need to know about a
// name written in Japanese: that it is in Japanese script, its parts (family
// and given name, split at an ASCII or full-width space), and the honorifics
// that follow a name in running text ("田中さん"). Pure.

export const JAPANESE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

export const HONORIFICS = ["さん", "さま", "様", "くん", "君", "ちゃん", "氏", "先生", "殿"] as const;

/** An optional or required honorific, as a regular-expression source. */
export const HONORIFIC_PATTERN = `(?:${HONORIFICS.join("|")})`;

/** The parts of a name, split at spaces of either width. */
export function nameParts(name: string): string[] {
  return name.split(/[\s\u3000]+/).filter(Boolean);
}
