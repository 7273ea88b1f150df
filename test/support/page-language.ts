// What the page-language tests share: how a raw catalogue key would look on a
// page, the keys the server's i18next was asked for that no catalogue has, one
// way to read a page, and the checks that a page speaks Japanese: the asked-for
// phrase, no raw key, no English left beyond what the test planted.
import { expect } from "vitest";
import { NAMESPACES } from "../../app/domain/i18n/catalogues";
import { englishLeftovers, visibleText } from "./english-leftovers";
import { decodeEntities, mainText, postForm } from "./http-helpers";
import { loadBuild, type TestServer } from "./test-server";

/** A key as a page would show one by mistake: a namespace, a colon and a dotted path. */
export const RAW_KEY = new RegExp(`\\b(${NAMESPACES.join("|")}):[a-z][A-Za-z]*(\\.[A-Za-z_-]+)*`);

/** The server's record of keys asked for that no catalogue has (entry.server exports the list). */
export async function missingTranslationKeys(): Promise<() => string[]> {
  return ((await loadBuild()).entry.module as unknown as { missingTranslationKeys: () => string[] }).missingTranslationKeys;
}

export type ReadPage = { status: number; html: string; lang: string | undefined; text: string; main: string };

/** A response as the page tests read it: its status, its `<html lang>`, its visible words and its main region's. */
export async function readPage(res: Response): Promise<ReadPage> {
  const html = await res.text();
  return { status: res.status, html, lang: /<html lang="([^"]*)"/.exec(html)?.[1], text: visibleText(html), main: mainText(html) };
}

/** GET `path` as the person with `cookie`. */
export async function getPage(server: TestServer, path: string, cookie: string): Promise<ReadPage> {
  return readPage(await server.request(path, { headers: { Cookie: cookie } }));
}

/** A form posted with the reader's session, read as the page that answers it. */
export async function postPage(server: TestServer, path: string, fields: Record<string, string | string[]>, cookie: string): Promise<ReadPage> {
  return readPage(await postForm(server, path, fields, cookie));
}

/** No raw catalogue key and no English words beyond `planted` in `text`. */
export function expectNoEnglishOrKeys(text: string, what: string, planted: readonly string[] = []) {
  expect(text.match(RAW_KEY)?.[0], what).toBeUndefined();
  expect(englishLeftovers(text, planted), what).toEqual([]);
}

/** A page wholly in Japanese: `lang="ja"`, no raw key, no English words left but those the test planted (names, titles). */
export function expectWhollyJapanese(p: ReadPage, what: string, planted: readonly string[] = []) {
  expect(p.lang, what).toBe("ja");
  expectNoEnglishOrKeys(p.text, what, planted);
}

/** A page in Japanese with the status and the phrase asked for. */
export function expectJapanesePage(p: ReadPage, what: string, phrase: string, { status = 200, planted = [] }: { status?: number; planted?: readonly string[] } = {}) {
  expect(p.status, what).toBe(status);
  expect(p.text, what).toContain(phrase);
  expectWhollyJapanese(p, what, planted);
}

/** A form post refused (400 or 409) in Japanese with `message`; `kept` (when not null) is what was typed, still in the page. */
export async function expectRefusedInJapanese(
  server: TestServer,
  path: string,
  fields: Record<string, string | string[]>,
  cookie: string,
  message: string,
  kept: string | null,
  planted: readonly string[] = [],
) {
  const p = await postPage(server, path, fields, cookie);
  expect([400, 409], path).toContain(p.status);
  expect(p.text, path).toContain(message);
  if (kept !== null) expect(p.html, path).toContain(kept);
  expectWhollyJapanese(p, path, planted);
}

/** The words drawn in a page's server-rendered charts (SVG images inlined as data URLs). */
export function chartText(html: string): string {
  return [...html.matchAll(/src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/g)]
    .map((m) => Buffer.from(m[1]!, "base64").toString("utf8"))
    .map((svg) => decodeEntities([...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(" ")))
    .join(" ");
}
