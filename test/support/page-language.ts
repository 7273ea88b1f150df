// What the page-language tests share: how a raw catalogue key would look on a
// page, and the keys the server's i18next was asked for that no catalogue has.
import { NAMESPACES } from "../../app/domain/i18n/catalogues";
import { loadBuild } from "./test-server";

/** A key as a page would show one by mistake: a namespace, a colon and a dotted path. */
export const RAW_KEY = new RegExp(`\\b(${NAMESPACES.join("|")}):[a-z][A-Za-z]*(\\.[A-Za-z_-]+)*`);

/** The server's record of keys asked for that no catalogue has (entry.server exports the list). */
export async function missingTranslationKeys(): Promise<() => string[]> {
  return ((await loadBuild()).entry.module as unknown as { missingTranslationKeys: () => string[] }).missingTranslationKeys;
}
