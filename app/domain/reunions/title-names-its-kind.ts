// Whether an occasion's title already says what it is, so lists that mix
// kinds (calendars, the audit log) need not name the kind before it: as a
// whole word in English (occasion-words.ts), anywhere in Japanese, which has
// no spaces between words (the nouns of calendar.json, kind).
import { LANGUAGES, type Language } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";
import { occasionWords, type Owned } from "./occasion-words";

export function titleNamesItsKind(occasion: Owned & { title: string }, language: Language): boolean {
  const words = occasionWords(occasion);
  if (language === "en") return words.titled(occasion.title) === occasion.title;
  return occasion.title.includes(translatorFor(language, "calendar")(`kind.${words.kind}`));
}

/** In any language: a title stored in Japanese ("メンタリングのチェックイン：…") names its kind as well as an English one. */
export const titleNamesItsKindInAnyLanguage = (occasion: Owned & { title: string }) => LANGUAGES.some((language) => titleNamesItsKind(occasion, language));
