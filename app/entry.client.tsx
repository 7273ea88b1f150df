import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nextOptions } from "./domain/i18n/i18next-options";
import { isLanguage } from "./domain/i18n/languages";
import { RequestInfoProvider, requestInfoFromDocument } from "./request-info";

// The page's language is the one the server rendered in (<html lang>); the
// root route switches it after a navigation brings another (useChangeLanguage).
const lang = document.documentElement.lang;
void i18next.use(initReactI18next).init({ ...i18nextOptions, lng: isLanguage(lang) ? lang : "en" });

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nextProvider i18n={i18next}>
        <RequestInfoProvider value={requestInfoFromDocument()}>
          <RemixBrowser />
        </RequestInfoProvider>
      </I18nextProvider>
    </StrictMode>,
  );
});
