// A message for a person that is written later, in their language: a
// catalogue key, with its variables when it has any. Domain rules and zod
// schemas return these instead of sentences, so no sentence is built from
// pieces in code; the page (useFormErrors) or the email translates them.
// Encoded as one string because validation messages travel as strings
// (zod issues, InputError fields, the JSON an action returns).
import { nameFormerMembersIn } from "../people/person-name";
import { CATALOGUE_KEY } from "./namespaces";

export type MessageValues = Record<string, string | number>;

const SEPARATOR = " ";

/** "validation:tooMany" or, with variables, "validation:tooMany {"max":8}". */
export function message(key: string, values?: MessageValues): string {
  return values && Object.keys(values).length ? `${key}${SEPARATOR}${JSON.stringify(values)}` : key;
}

export function readMessage(text: string): { key: string; values: MessageValues } {
  const at = text.indexOf(SEPARATOR);
  if (at < 0 || text[at + 1] !== "{") return { key: text, values: {} };
  try {
    const values = JSON.parse(text.slice(at + 1)) as MessageValues;
    return { key: text.slice(0, at), values };
  } catch {
    return { key: text, values: {} };
  }
}

/** What translateMessage needs of an i18next instance. */
type Translator = { exists: (key: string) => boolean; t: (key: string, values: MessageValues) => unknown };

/**
 * The message in the translator's language; a sentence that is not a key is
 * returned as written. A key no catalogue has still goes through i18next,
 * which records it as missing (the page test fails on it). A value that is
 * an erased account's stored name (written before or after the erasure)
 * reads as a former member in that language.
 */
export function translateMessage(i18n: Translator, text: string): string {
  const { key, values } = readMessage(text);
  return i18n.exists(key) || CATALOGUE_KEY.test(key) ? String(i18n.t(key, nameFormerMembersIn(values, (k) => String(i18n.t(k, {}))))) : text;
}
