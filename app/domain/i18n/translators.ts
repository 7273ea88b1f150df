// One i18next instance per language, built once when the module loads (never
// per request), each fixed to its language so concurrent requests in
// different languages share them. The server renders pages with them and
// writes emails, notifications and calendar files; page titles (meta, which
// runs on both sides and has no hooks) use them too. A key that is asked for
// and no catalogue has is recorded (the page test reads the list) and logged once.
import { createInstance, type i18n } from "i18next";
import { i18nextOptions } from "./i18next-options";
import { isLanguage, LANGUAGES, type Language } from "./languages";
import { translateMessage } from "./message";
import { translateNestedMessage } from "./nested-message";
import { nameFormerMembersIn } from "../people/person-name";

const missing = new Set<string>();

/** Keys asked for that no catalogue has ("ja:common:nav.home"), since the process started. */
export function missingTranslationKeys(): string[] {
  return [...missing];
}

function buildInstance(language: Language): i18n {
  // No react-i18next plugin: pages get their instance from I18nextProvider, and
  // registering one as react-i18next's global would change the browser's.
  const instance = createInstance();
  void instance.init({
    ...i18nextOptions,
    lng: language,
    saveMissing: true,
    missingKeyHandler: (_languages, namespace, key) => {
      const id = `${language}:${namespace}:${key}`;
      if (missing.has(id)) return;
      missing.add(id);
      console.warn(`missing translation ${id}`);
    },
  });
  return instance;
}

const instances = Object.fromEntries(LANGUAGES.map((language) => [language, buildInstance(language)])) as Record<Language, i18n>;

/** The i18next instance that renders pages in `language` (English for anything else). */
export function i18nFor(language: Language | string | null | undefined): i18n {
  return instances[isLanguage(language) ? language : "en"];
}

/** A translator for text written outside React: emails, notifications, calendar files. */
export function translatorFor(language: Language | string | null | undefined, namespace = "common") {
  const instance = i18nFor(language);
  return instance.getFixedT(instance.language, namespace);
}

type RouteMatch = { id: string; data: unknown };

/** A page's <title> in the page's language: meta has no hooks, so it reads the root's locale. A former member in it (a pair's title) is named in that language too. */
export function pageTitle(matches: readonly RouteMatch[], key: string, values: Record<string, unknown> = {}) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const t = translatorFor(root?.locale);
  return [{ title: t("pageTitle", { page: t(key, nameFormerMembersIn(values, (k) => t(k))) }) }];
}

/** A validation message (a catalogue key, message.ts) as a sentence in `language`, for reports written on the server. */
export function messageIn(language: Language, text: string): string {
  return translateMessage(instances[language], text);
}

/** A message whose values may be messages or lists themselves (nested-message.ts), as a sentence in `language`. */
export function nestedMessageIn(language: Language, text: string): string {
  return translateNestedMessage(instances[language], text);
}

/**
 * A refusal thrown as a 4xx Response whose body is a message, written out in
 * `language`: for answers no page renders (calendar files are plain text).
 * Anything else is returned unchanged, to be thrown again.
 */
export async function plainTextRefusalIn(language: Language, error: unknown): Promise<unknown> {
  if (!(error instanceof Response) || error.status < 400 || error.status >= 500) return error;
  return new Response(nestedMessageIn(language, await error.text()), { status: error.status, statusText: error.statusText, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
