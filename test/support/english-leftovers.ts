// English left on a page that should be Japanese: two or more Latin words in
// a row, once the words a test planted itself (names, titles, emails) and the
// product's own name are taken out. A page converted to the catalogues shows
// none; a sentence still written in code shows up here by its words.
import { decodeEntities } from "./http-helpers";

/** The words on a page (body text and what a screen reader reads), without scripts or hydration data. */
export function visibleText(html: string): string {
  const body = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? "";
  const labels = [...body.matchAll(/(?:aria-label|placeholder|title|alt)="([^"]*)"/g)].map((m) => m[1]);
  const text = body
    .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
    .replace(/<style\b[\s\S]*?<\/style>/gi, " ")
    // Time zones are offered by their IANA names (Asia/Tokyo), the same in every language.
    .replace(/<option\b[^>]*value="(?:UTC|[A-Za-z_]+\/[^"]*)"[^>]*>[\s\S]*?<\/option>/g, " ")
    .replace(/<[^>]+>/g, " ");
  return decodeEntities(`${text} ${labels.join(" ")}`).replace(/\s+/g, " ");
}

const ALWAYS_ALLOWED = ["Roundtable", "Generated demo data"];

/** Runs of two or more English words left after removing `planted` (the test's own data) from the text. */
export function englishLeftovers(text: string, planted: readonly string[] = []): string[] {
  let rest = text;
  // Longest first, so a planted phrase is removed before a shorter one inside it.
  for (const words of [...planted, ...ALWAYS_ALLOWED].sort((a, b) => b.length - a.length)) rest = rest.split(words).join(" ");
  // Addresses and domain names are written the same in every language.
  rest = rest.replace(/\S+@\S+/g, " ").replace(/https?:\/\/\S+/g, " ").replace(/\b[\w-]+(?:\.[\w-]+)+\b/g, " ");
  return [...rest.matchAll(/[A-Za-z][A-Za-z'’]*(?:[ ,.:;!?-]+[A-Za-z][A-Za-z'’]*)+/g)].map((m) => m[0]);
}
