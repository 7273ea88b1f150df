// Messages whose values are lists or messages themselves: a catalogue key
// with its values, encoded as message.ts encodes every message, where a value
// may also be a list (people's names), shown as a list in the reader's
// language, another message (a meeting band, "Group 3", a field's own
// validation message), translated in turn, or a moment (when a submission
// was decided), written as a date and time in the reader's language. The
// formation engine writes these (it runs in a worker thread and in the
// browser and knows no reader), and so do the CSV import reports; pages
// translate them with translateNestedMessage.
import { formatDateTimeInZone, formatList } from "../../components/format-time";
import { isLanguage } from "./languages";
import { FORMER_MEMBER_KEY, isFormerMember } from "../people/person-name";
import { message, readMessage, type MessageValues } from "./message";
import { CATALOGUE_KEY } from "./namespaces";

/** A moment shown as a date and time in `timeZone`, in the reader's language. */
export type MomentValue = { moment: string; timeZone: string };
type Value = string | number | readonly string[] | MomentValue;
export type NestedValues = Record<string, Value>;

/** "cohorts:formation.problems.nobody", or with values, as message() writes them. */
export function nestedMessage(key: string, values?: NestedValues): string {
  return message(key, values as MessageValues | undefined);
}

export const momentValue = (at: Date, timeZone = "UTC"): MomentValue => ({ moment: at.toISOString(), timeZone });

const isMoment = (value: unknown): value is MomentValue => typeof value === "object" && value !== null && typeof (value as MomentValue).moment === "string" && typeof (value as MomentValue).timeZone === "string";

/** What translateNestedMessage needs of an i18next instance. */
type Translator = { language: string; exists: (key: string) => boolean; t: (key: string, values?: Record<string, string | number>) => unknown };

function isMessage(text: string) {
  return CATALOGUE_KEY.test(readMessage(text).key);
}

/** The message in the translator's language; a sentence that is not a key (a plan stored before the catalogues) is returned as written. */
export function translateNestedMessage(i18n: Translator, text: string): string {
  const { key, values } = readMessage(text) as { key: string; values: Record<string, unknown> };
  if (!i18n.exists(key) && !CATALOGUE_KEY.test(key)) return text;
  const language = isLanguage(i18n.language) ? i18n.language : "en";
  const shown = (value: unknown): string | number => {
    if (isMoment(value)) return formatDateTimeInZone(value.moment, value.timeZone, language);
    if (Array.isArray(value)) return formatList(value.map((v) => String(shown(v))), language);
    if (typeof value === "string" && isMessage(value)) return translateNestedMessage(i18n, value);
    // The name an erased account keeps (a person in a stored label or reason), in the reader's words.
    if (typeof value === "string" && isFormerMember(value)) return String(i18n.t(FORMER_MEMBER_KEY));
    return typeof value === "number" ? value : String(value);
  };
  return String(i18n.t(key, Object.fromEntries(Object.entries(values).map(([name, value]) => [name, shown(value)]))));
}
