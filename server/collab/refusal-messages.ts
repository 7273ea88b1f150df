// What the collaboration server says when it refuses an upgrade or closes a
// socket, in the person's language (app/locales/<language>/refusals.json):
// the person's own choice once their session is known, else the browser's.
import type { Language } from "../../app/domain/i18n/languages";
import { translatorFor } from "../../app/domain/i18n/translators";

export type UpgradeRefusal = "notFound" | "otherSite" | "signIn" | "tooManyForPerson" | "tooManyForAddress" | "restarting" | "cannotCheck" | "cannotLoad";
export type CloseKey = "accessChanged" | "tooFast" | "documentTooLarge" | "messageTooLarge" | "badMessage" | "slowReader" | "reloading" | "goingAway";

/** A close frame's reason holds at most 123 bytes of UTF-8 (RFC 6455 §5.5); ws throws on more. */
export const MAX_CLOSE_REASON_BYTES = 123;

export function upgradeRefusal(language: Language, key: UpgradeRefusal, values: Record<string, unknown> = {}): string {
  return translatorFor(language, "refusals")(`collab.${key}`, values);
}

export function closeReason(language: Language, key: CloseKey): string {
  const text = translatorFor(language, "refusals")(`closed.${key}`);
  if (Buffer.byteLength(text) <= MAX_CLOSE_REASON_BYTES) return text;
  // Never reached with the catalogues as they are (a test checks); a cut message beats a thrown close.
  let cut = text;
  while (Buffer.byteLength(cut) > MAX_CLOSE_REASON_BYTES) cut = Array.from(cut).slice(0, -1).join("");
  return cut;
}
