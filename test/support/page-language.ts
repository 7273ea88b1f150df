// What the page-language tests share: how a raw catalogue key would look on a
// page, the keys the server's i18next was asked for that no catalogue has,
// and reading a page (or a refused form) the way a reader sees it.
import { NAMESPACES } from "../../app/domain/i18n/catalogues";
import { englishLeftovers, visibleText } from "./english-leftovers";
import { postForm } from "./http-helpers";
import { loadBuild, type TestServer } from "./test-server";

/** A key as a page would show one by mistake: a namespace, a colon and a dotted path. */
export const RAW_KEY = new RegExp(`\\b(${NAMESPACES.join("|")}):[a-z][A-Za-z]*(\\.[A-Za-z_-]+)*`);

/** The server's record of keys asked for that no catalogue has (entry.server exports the list). */
export async function missingTranslationKeys(): Promise<() => string[]> {
  return ((await loadBuild()).entry.module as unknown as { missingTranslationKeys: () => string[] }).missingTranslationKeys;
}

export type ReadPage = { status: number; html: string; lang: string | undefined; text: string };

/** An answer as its reader sees it: the status, the page's language and its visible words. */
export async function readResponse(res: Response): Promise<ReadPage> {
  const html = await res.text();
  return { status: res.status, html, lang: /<html lang="([^"]*)"/.exec(html)?.[1], text: visibleText(html) };
}

/** A page fetched with the reader's session. */
export async function readPage(server: TestServer, path: string, cookie: string): Promise<ReadPage> {
  return readResponse(await server.request(path, { headers: { Cookie: cookie } }));
}

/** A form posted with the reader's session, read as the page that answers it. */
export async function readPosted(server: TestServer, path: string, fields: Record<string, string | string[]>, cookie: string): Promise<ReadPage> {
  return readResponse(await postForm(server, path, fields, cookie));
}

/** A page wholly in Japanese: lang="ja", no raw key, no English words left but those the test planted (names, titles). */
export function expectJapanesePage(page: ReadPage, what: string, planted: readonly string[] = []) {
  expect(page.lang, what).toBe("ja");
  expect(page.text.match(RAW_KEY)?.[0], what).toBeUndefined();
  expect(englishLeftovers(page.text, planted), what).toEqual([]);
}
