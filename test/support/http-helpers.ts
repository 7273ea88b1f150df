// Small helpers for tests that talk to the real server over HTTP: building
// form bodies, reading the session cookie, and reading a page as text.
import type { TestServer } from "./test-server";
import { sameOriginForm } from "./test-server";

/** A form body; arrays become repeated fields (checkboxes). */
export function formBody(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return body;
}

/** POSTs a form from our own origin, optionally signed in. */
export function postForm(server: TestServer, path: string, fields: Record<string, string | string[]>, cookie?: string) {
  return server.request(path, { method: "POST", headers: sameOriginForm(server, cookie), body: formBody(fields) });
}

/** The Set-Cookie header that sets or clears the session cookie, if any. */
export function sessionSetCookie(res: Response): string | null {
  return res.headers.getSetCookie().find((c) => c.startsWith("rt_session=")) ?? null;
}

/** The session token a response sets, or null (also null when it clears the cookie). */
export function sessionTokenFrom(res: Response): string | null {
  const header = sessionSetCookie(res);
  const token = header?.match(/^rt_session=([^;]*)/)?.[1];
  return token ? token : null;
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}

/**
 * What a reader sees inside <main>: tags and scripts removed, entities
 * decoded, whitespace collapsed. Data embedded for hydration is excluded,
 * so a message found here is really on the page.
 */
export function mainText(html: string): string {
  const main = /<main\b[^>]*>([\s\S]*?)<\/main>/i.exec(html)?.[1] ?? "";
  return decodeEntities(
    main
      .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<[^>]+>/g, " "),
  )
    .replace(/\s+/g, " ")
    .trim();
}
