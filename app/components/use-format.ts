// The formatters of format-time.ts bound to the page's language, for components.
import { useTranslation } from "react-i18next";
import { isLanguage, type Language } from "../domain/i18n/languages";
import { formatDateInZone, formatDateTimeInZone, formatList, formatNumber, formatRelativeTime } from "./format-time";

export function usePageLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : "en";
}

export function useFormat() {
  const language = usePageLanguage();
  return {
    language,
    date: (iso: string | Date, timeZone: string) => formatDateInZone(iso, timeZone, language),
    dateTime: (iso: string | Date, timeZone: string) => formatDateTimeInZone(iso, timeZone, language),
    number: (value: number) => formatNumber(value, language),
    /** "a, b and c" / "a、b、c". */
    list: (items: readonly string[]) => formatList(items, language),
    /** "a, b, c" / "a、b、c": names, tags and roles side by side. */
    enumerate: (items: readonly string[]) => formatList(items, language, "enumeration"),
    relative: (iso: string | Date, now: Date) => formatRelativeTime(iso, now, language),
  };
}
