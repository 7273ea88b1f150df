// A reunion's time as people read it: day, start–end, and the zone named,
// in the reader's language (Japanese: year, month, day and weekday, and the
// 24-hour clock, as format-time.ts). Plain module: used by the pages in the
// browser as well.
import type { Language } from "../i18n/languages";

const LOCALE: Record<Language, string> = { en: "en-GB", ja: "ja-JP" };
const DAY: Record<Language, Intl.DateTimeFormatOptions> = {
  en: { weekday: "short", day: "numeric", month: "short", year: "numeric" },
  ja: { year: "numeric", month: "long", day: "numeric", weekday: "short" },
};
// Between the day and the times: English writes a comma, Japanese a space.
const AFTER_DAY: Record<Language, string> = { en: ", ", ja: " " };

export function formatSlot(startsAt: string | Date, endsAt: string | Date, zone: string, language: Language = "en"): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const dayFormat = new Intl.DateTimeFormat(LOCALE[language], { ...DAY[language], timeZone: zone });
  const timeFormat = new Intl.DateTimeFormat(LOCALE[language], { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone });
  const day = dayFormat.format(start);
  const endDay = dayFormat.format(end);
  const sep = AFTER_DAY[language];
  return `${day}${sep}${timeFormat.format(start)}–${endDay === day ? "" : `${endDay}${sep}`}${timeFormat.format(end)} (${zone.replace(/_/g, " ")})`;
}
