// The one place dates, times, numbers, lists and relative times are written
// for people, with Intl, in the person's time zone and language. English
// keeps its day-month-year order; Japanese gets its own order with the
// weekday (2026年12月7日(月)) and the 24-hour clock. Time zones are always
// explicit. Building a formatter takes about 0.25 ms and using one about
// 1 µs, so each is built once per language and time zone (valid zones are a
// few hundred; an invalid one throws before it is kept).
import type { Language } from "../domain/i18n/languages";

const LOCALE: Record<Language, string> = { en: "en-GB", ja: "ja-JP" };

const DATE: Record<Language, Intl.DateTimeFormatOptions> = {
  en: { dateStyle: "medium" },
  ja: { year: "numeric", month: "long", day: "numeric", weekday: "short" },
};
const DATE_TIME: Record<Language, Intl.DateTimeFormatOptions> = {
  en: { dateStyle: "medium", timeStyle: "short" },
  ja: { year: "numeric", month: "long", day: "numeric", weekday: "short", hour: "numeric", minute: "2-digit", hourCycle: "h23" },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(kind: "date" | "dateTime", language: Language, timeZone: string) {
  const key = `${kind} ${language} ${timeZone}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE[language], { ...(kind === "date" ? DATE : DATE_TIME)[language], timeZone });
    cache.set(key, format);
  }
  return format;
}

const toDate = (iso: string | Date) => (typeof iso === "string" ? new Date(iso) : iso);

export function formatDateInZone(iso: string | Date, timeZone: string, language: Language = "en") {
  return dateFormatter("date", language, timeZone).format(toDate(iso));
}

/** Date and time with the zone named after it, e.g. "7 Dec 2026, 14:30 (Europe/Amsterdam)". */
export function formatDateTimeInZone(iso: string | Date, timeZone: string, language: Language = "en") {
  return `${dateFormatter("dateTime", language, timeZone).format(toDate(iso))} (${timeZone.replace(/_/g, " ")})`;
}

const numberFormats = new Map<Language, Intl.NumberFormat>();
export function formatNumber(value: number, language: Language = "en") {
  let format = numberFormats.get(language);
  if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(LOCALE[language])));
  return format.format(value);
}

const listFormats = new Map<string, Intl.ListFormat>();
/**
 * "a, b and c" / "a、b、c" (and), "a, b or c" (or), or a plain enumeration
 * (enumeration): "a, b, c" in English, "a、b、c" in Japanese, whose unit
 * lists separate with spaces.
 */
export function formatList(items: readonly string[], language: Language = "en", kind: "and" | "or" | "enumeration" = "and") {
  const key = `${language} ${kind}`;
  let format = listFormats.get(key);
  if (!format) {
    const type = kind === "or" ? "disjunction" : kind === "enumeration" && language !== "ja" ? "unit" : "conjunction";
    listFormats.set(key, (format = new Intl.ListFormat(LOCALE[language], { type, style: "long" })));
  }
  return format.format(items);
}

const relativeFormats = new Map<Language, Intl.RelativeTimeFormat>();
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["week", 7 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
];
/** "in 3 days", "yesterday" / "3 日後", "昨日": the largest whole unit between `iso` and `now`. */
export function formatRelativeTime(iso: string | Date, now: Date, language: Language = "en") {
  let format = relativeFormats.get(language);
  if (!format) relativeFormats.set(language, (format = new Intl.RelativeTimeFormat(LOCALE[language], { numeric: "auto" })));
  const diff = toDate(iso).getTime() - now.getTime();
  for (const [unit, size] of UNITS) if (Math.abs(diff) >= size) return format.format(Math.trunc(diff / size), unit);
  return format.format(0, "minute");
}
