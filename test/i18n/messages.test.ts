// Messages written now and translated later (validation, notices): a key
// with its variables survives the trip as one string, and a sentence that is
// not a key is shown as written.
import { message, readMessage } from "~/domain/i18n/message";
import { messageIn, missingTranslationKeys } from "~/domain/i18n/translators";

test("a message with variables comes back with them, whatever the variables hold", () => {
  const text = message("modules:catalogue.notes.noWords", { q: 'the "and" {of} 信頼' });
  expect(readMessage(text)).toEqual({ key: "modules:catalogue.notes.noWords", values: { q: 'the "and" {of} 信頼' } });
  expect(messageIn("en", text)).toBe("We could not search for “the \"and\" {of} 信頼”: it has no words to look for (very common words such as “the” and “and” are left out). Try a more specific word.");
  expect(messageIn("ja", text)).toContain("「the \"and\" {of} 信頼」では検索できませんでした");
});

test("plural forms follow the count in each language", () => {
  expect(messageIn("en", message("validation:signIn.throttledSeconds", { count: 1 }))).toContain("wait 1 second and");
  expect(messageIn("en", message("validation:signIn.throttledSeconds", { count: 30 }))).toContain("wait 30 seconds and");
  expect(messageIn("ja", message("validation:signIn.throttledMinutes", { count: 2 }))).toContain("2 分待って");
});

test("a sentence that is not a key, even one with a colon or braces, is shown as written", () => {
  // Workers keep modules from file to file (vitest.config.ts), so compare with what was recorded before.
  const before = missingTranslationKeys().length;
  for (const sentence of ["That topic is not one we know.", "Note: see page 2.", 'ok {"a":1}', "validation: a sentence after a colon"]) {
    expect(messageIn("ja", sentence)).toBe(sentence);
  }
  expect(missingTranslationKeys()).toHaveLength(before);
});

test("a key that no catalogue has is recorded as missing", () => {
  messageIn("ja", "validation:no.such.key");
  expect(missingTranslationKeys()).toContain("ja:validation:no.such.key");
});
