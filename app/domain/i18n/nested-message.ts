// Messages whose values are lists or messages themselves: a catalogue key
// with its values, encoded as message.ts encodes every message, where a value
// may also be a list (people's names), shown as a list in the reader's
// language, or another message (a meeting band, "Group 3", a field's own
// validation message), translated in turn, or an instant (dateTimeValue),
// written in the reader's language and the time zone it names. The formation engine writes these
// (it runs in a worker thread and in the browser and knows no reader), and so
// do the CSV import reports; pages translate them with translateNestedMessage.
import { formatDateTimeInZone, formatList } from "../../components/format-time";
import { isLanguage } from "./languages";
import { message, readMessage, type MessageValues } from "./message";
import { CATALOGUE_KEY } from "./namespaces";

type Value = string | number | readonly string[];
export type NestedValues = Record<string, Value>;

/** "cohorts:formation.problems.nobody", or with values, as message() writes them. */
export function nestedMessage(key: string, values?: NestedValues): string {
  return message(key, values as MessageValues | undefined);
}

const DATE_TIME = /^@dateTime ([0-9T:.\-]+Z) (\S+)$/;

/** An instant as a message value: shown as a date and time in `timeZone`, in the reader's language. */
export function dateTimeValue(at: Date, timeZone: string): string {
  return `@dateTime ${at.toISOString()} ${timeZone}`;
}

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
    if (Array.isArray(value)) return formatList(value.map((v) => String(shown(v))), language);
    if (typeof value === "string" && isMessage(value)) return translateNestedMessage(i18n, value);
    const instant = typeof value === "string" ? DATE_TIME.exec(value) : null;
    if (instant) return formatDateTimeInZone(instant[1]!, instant[2]!, language);
    return typeof value === "number" ? value : String(value);
  };
  return String(i18n.t(key, Object.fromEntries(Object.entries(values).map(([name, value]) => [name, shown(value)]))));
}
