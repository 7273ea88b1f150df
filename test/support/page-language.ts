// What the page-language tests share: how a raw catalogue key would look on a
// page, the keys the server's i18next was asked for that no catalogue has,
// reading a page as its reader gets it, and checking text meant for a
// Japanese reader.
import { expect } from "vitest";
import { NAMESPACES } from "../../app/domain/i18n/catalogues";
import { englishLeftovers, visibleText } from "./english-leftovers";
import { loadBuild, type TestServer } from "./test-server";

/** A key as a page would show one by mistake: a namespace, a colon and a dotted path. */
export const RAW_KEY = new RegExp(`\\b(${NAMESPACES.join("|")}):[a-z][A-Za-z]*(\\.[A-Za-z_-]+)*`);

/** The server's record of keys asked for that no catalogue has (entry.server exports the list). */
export async function missingTranslationKeys(): Promise<() => string[]> {
  return ((await loadBuild()).entry.module as unknown as { missingTranslationKeys: () => string[] }).missingTranslationKeys;
}

/** A page as its reader gets it: the status, the <html lang>, the HTML and its visible words. */
export async function readPage(server: TestServer, path: string, cookie: string) {
  const res = await server.request(path, { headers: { Cookie: cookie } });
  const html = await res.text();
  return { status: res.status, html, lang: /<html lang="([^"]*)"/.exec(html)?.[1], text: visibleText(html) };
}

/** Text meant for a Japanese reader: no raw catalogue key, and no English left once the test's own words (`planted`) are taken out. */
export function expectJapaneseText(text: string, what: string, planted: readonly string[] = []) {
  expect(text.match(RAW_KEY)?.[0], what).toBeUndefined();
  expect(englishLeftovers(text, planted), what).toEqual([]);
}
