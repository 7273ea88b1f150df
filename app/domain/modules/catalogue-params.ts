// Reads the catalogue's URL: every filter and the search live there, so
// results can be shared. Bad values are dropped with a note (a catalogue
// message, message.ts), never a 500.
import { MINDSETS, type Mindset } from "../content/mindsets";
import { hasJapanese, limitJapaneseWords } from "../i18n/japanese-words";
import { message } from "../i18n/message";
import { limitSearchWords } from "../limit-search-words";
import { isUuid } from "../uuid";

export const MAX_QUERY_LENGTH = 200;
// Each word is a lookup in the search index and a term to rank; ten say plenty.
export const MAX_QUERY_WORDS = 10;
const TOPIC = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type CatalogueParams = { q: string; mindset: Mindset | null; topic: string | null; authorId: string | null; page: number; notes: string[] };

export function parseCatalogueParams(search: URLSearchParams): CatalogueParams {
  const notes: string[] = [];
  let q = (search.get("q") ?? "").replace(/\s+/g, " ").trim();
  if (q.length > MAX_QUERY_LENGTH) {
    q = q.slice(0, MAX_QUERY_LENGTH).trim();
    notes.push(message("modules:catalogue.notes.tooLong", { max: MAX_QUERY_LENGTH }));
  }
  // Japanese has no spaces: its words are the ones the search will split it into.
  const limited = hasJapanese(q) ? limitJapaneseWords(q, MAX_QUERY_WORDS) : limitSearchWords(q, MAX_QUERY_WORDS);
  if (limited.cut) {
    q = limited.text;
    notes.push(message("modules:catalogue.notes.tooManyWords", { max: MAX_QUERY_WORDS }));
  }
  const mindsetRaw = search.get("mindset") ?? "";
  const mindset = (MINDSETS as readonly string[]).includes(mindsetRaw) ? (mindsetRaw as Mindset) : null;
  if (mindsetRaw && !mindset) notes.push(message("modules:catalogue.notes.unknownMindset", { mindset: mindsetRaw.slice(0, 40) }));
  const topicRaw = (search.get("topic") ?? "").trim().toLowerCase();
  const topic = TOPIC.test(topicRaw) && topicRaw.length <= 60 ? topicRaw : null;
  if (topicRaw && !topic) notes.push("modules:catalogue.notes.unknownTopic");
  const authorRaw = search.get("author") ?? "";
  const authorId = isUuid(authorRaw) ? authorRaw.toLowerCase() : null;
  if (authorRaw && !authorId) notes.push("modules:catalogue.notes.unknownAuthor");
  const pageRaw = Number(search.get("page") ?? "1");
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 10_000 ? pageRaw : 1;
  return { q, mindset, topic, authorId, page, notes };
}

/** The catalogue URL for these filters, dropping empty ones. */
export function catalogueHref(params: Partial<Omit<CatalogueParams, "notes">>, base = "/modules") {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.mindset) search.set("mindset", params.mindset);
  if (params.topic) search.set("topic", params.topic);
  if (params.authorId) search.set("author", params.authorId);
  if (params.page && params.page > 1) search.set("page", String(params.page));
  const s = search.toString();
  return s ? `${base}?${s}` : base;
}
