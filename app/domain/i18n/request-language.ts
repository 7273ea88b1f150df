// The language of one request, by the one rule (languages.ts): the signed-in
// person's choice, their organisation's default, the browser's Accept-Language.
// The session lookup already read both settings, so this costs no query.
// server/http-app.ts calls it once per request and hands it to Remix as
// context.language.
import type { Authentication } from "../accounts/authenticate-request.server";
import { chooseLanguage, type Language } from "./languages";

export function requestLanguage(auth: Authentication, acceptLanguage: string | null | undefined): Language {
  const user = auth.status === "signed-in" ? auth.user : null;
  return chooseLanguage({ person: user?.language, organisation: user?.orgLanguage, acceptLanguage });
}
