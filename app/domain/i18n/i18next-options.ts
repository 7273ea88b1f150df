// The i18next settings the server's instances and the browser's share, so a
// page renders the same text on both sides of hydration. The catalogues are
// bundled (app/locales via catalogues.ts): no backend, no extra request.
import type { InitOptions } from "i18next";
import { CATALOGUES, NAMESPACES } from "./catalogues";
import { FALLBACK_LANGUAGE, LANGUAGES } from "./languages";

export const i18nextOptions = {
  resources: CATALOGUES,
  supportedLngs: [...LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  ns: [...NAMESPACES],
  defaultNS: "common",
  // React escapes what it renders; plain-text emails and calendar files must not get HTML entities.
  interpolation: { escapeValue: false },
  returnNull: false,
  // Resources are in memory, so init finishes synchronously.
  initImmediate: false,
  react: { useSuspense: false },
} satisfies InitOptions;
