// The one rule for text that reaches us from people (forms, query strings,
// uploaded CSV, the collaborative module editor): characters nobody types and nobody can see are dropped
// before anything else reads the text (docs/decisions/020-control-characters-in-input.md).
// Not a .server file: pure, and usable anywhere.

/**
 * C0 controls but tab, newline and carriage return (NUL among them, which
 * PostgreSQL cannot store in text); DEL and the C1 controls; the
 * noncharacters U+FFFE and U+FFFF; and halves of a surrogate pair without
 * their other half, which have no UTF-8 form.
 */
const INVISIBLE_JUNK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(INVISIBLE_JUNK, "");
}
