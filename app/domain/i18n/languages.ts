// The languages Roundtable speaks, and the one rule for choosing a page's
// language: the person's own choice, else their organisation's default, else
// the browser's Accept-Language, else English. Pure: no request, no database.
import { z } from "zod";

export const LANGUAGES = ["en", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = "en";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** A language code from a form: one of ours, with a message a person understands otherwise. */
export const languageSchema = z.enum(LANGUAGES, {
  // A catalogue key (app/locales/<language>/validation.json), translated where it is shown.
  errorMap: () => ({ message: "validation:language.unknown" }),
});

/**
 * The best of our languages for an Accept-Language header (RFC 9110 §12.5.4):
 * highest q first, ties in the order written; "ja-JP" counts as "ja"; "*"
 * or nothing we speak gives null.
 */
export function languageFromAcceptLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const ranges = header
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, order };
    })
    .filter((r) => r.tag !== "" && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  for (const { tag } of ranges) {
    const primary = tag.split("-")[0];
    if (isLanguage(primary)) return primary;
  }
  return null;
}

export function chooseLanguage(sources: {
  person?: string | null;
  organisation?: string | null;
  acceptLanguage?: string | null;
}): Language {
  if (isLanguage(sources.person)) return sources.person;
  if (isLanguage(sources.organisation)) return sources.organisation;
  return languageFromAcceptLanguage(sources.acceptLanguage) ?? FALLBACK_LANGUAGE;
}
