// Reads the directory's URL: the search and every filter live there, so a
// search can be shared. Bad values are dropped with a note, never a 500.
import { isMindset, type Mindset } from "../content/mindsets";
import { limitSearchWords, searchWords } from "../limit-search-words";
import { isUuid } from "../uuid";
import { message } from "../i18n/message";

export const MAX_DIRECTORY_QUERY_LENGTH = 100;
// Each word is a lookup in the search index; a few are plenty for a name or a skill.
export const MAX_DIRECTORY_QUERY_WORDS = 6;
export const MAX_TAG_LENGTH = 40;
export const DIRECTORY_PAGE_SIZE = 20;

export type DirectorySearch = { q: string; tag: string | null; orgId: string | null; siteId: string | null; mindset: Mindset | null; page: number };

export function parseDirectorySearch(search: URLSearchParams): DirectorySearch & { notes: string[] } {
  const notes: string[] = [];
  let q = (search.get("q") ?? "").replace(/\s+/g, " ").trim();
  if (q.length > MAX_DIRECTORY_QUERY_LENGTH) {
    q = q.slice(0, MAX_DIRECTORY_QUERY_LENGTH).trim();
    notes.push(message("people:notes.tooLong", { max: MAX_DIRECTORY_QUERY_LENGTH }));
  }
  const limited = limitSearchWords(q, MAX_DIRECTORY_QUERY_WORDS);
  if (limited.cut) {
    q = limited.text;
    notes.push(message("people:notes.tooManyWords", { max: MAX_DIRECTORY_QUERY_WORDS }));
  }
  // Expertise tags are stored lower-cased (see the profile form).
  const tagRaw = (search.get("tag") ?? "").trim().toLowerCase();
  const tag = tagRaw && tagRaw.length <= MAX_TAG_LENGTH ? tagRaw : null;
  if (tagRaw && !tag) notes.push(message("people:notes.tagTooLong", { max: MAX_TAG_LENGTH }));
  const id = (name: string, note: string) => {
    const raw = search.get(name) ?? "";
    if (!raw) return null;
    if (isUuid(raw)) return raw.toLowerCase();
    notes.push(note);
    return null;
  };
  const orgId = id("org", "people:notes.unknownOrganisation");
  const siteId = id("site", "people:notes.unknownSite");
  const mindsetRaw = search.get("mindset") ?? "";
  const mindset = isMindset(mindsetRaw) ? mindsetRaw : null;
  if (mindsetRaw && !mindset) notes.push(message("modules:catalogue.notes.unknownMindset", { mindset: mindsetRaw.slice(0, 40) }));
  const pageRaw = Number(search.get("page") ?? "1");
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 10_000 ? pageRaw : 1;
  return { q, tag, orgId, siteId, mindset, page, notes };
}

/** The directory URL for these filters, dropping empty ones. */
export function directoryHref(params: Partial<DirectorySearch>) {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.tag) search.set("tag", params.tag);
  if (params.orgId) search.set("org", params.orgId);
  if (params.siteId) search.set("site", params.siteId);
  if (params.mindset) search.set("mindset", params.mindset);
  if (params.page && params.page > 1) search.set("page", String(params.page));
  const s = search.toString();
  return s ? `/people?${s}` : "/people";
}

/**
 * The search's words as the starts of words in a name, as a tsquery ('ann':*A
 * finds Anna and Annika), or null when it has no letters or digits.
 */
export function namePrefixQuery(q: string): string | null {
  const words = searchWords(q).slice(0, MAX_DIRECTORY_QUERY_WORDS);
  return words.length ? words.map((w) => `'${w}':*A`).join(" & ") : null;
}
