// Renders a module document to HTML on the server, from the schema, then
// passes it through sanitize-html as a second wall. Readers only ever see
// HTML made here.
import { generateHTML } from "@tiptap/html/server";
import sanitizeHtml from "sanitize-html";
import { cleanModuleDoc, outlineOf, type ModuleOutline } from "./module-document";
import { moduleExtensions } from "./module-schema";

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["section", "h2", "div", "p", "ul", "li", "strong", "em", "a"],
  allowedAttributes: {
    section: ["data-type", "data-page-id", "class"],
    h2: ["class"],
    div: ["data-type", "class"],
    p: ["data-type", "class"],
    ul: ["data-type", "class"],
    a: ["href", "rel"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
};

export type RenderedModule = { json: unknown; html: string; plainText: string; questions: string[]; outline: ModuleOutline };

export function renderModule(input: unknown): RenderedModule {
  const doc = cleanModuleDoc(input);
  // Plain JSON: ProseMirror builds attrs with a null prototype, which would
  // make a stored document and a freshly rendered one compare unequal.
  const json = JSON.parse(JSON.stringify(doc.toJSON()));
  const html = sanitizeHtml(generateHTML(json, moduleExtensions), SANITIZE);
  const outline = outlineOf(doc);
  // Everything readers read except the questions, which are weighted on their own.
  const plainText = [
    outline.introduction,
    ...outline.pages.flatMap((p) => [p.title, p.context]),
    ...outline.takeaways,
  ].join("\n");
  return { json, html, plainText, questions: outline.pages.map((p) => p.question), outline };
}

/**
 * Cuts rendered HTML into its top-level parts for session mode. Safe because
 * the HTML is our own output: sections are never nested.
 */
export function splitRenderedModule(html: string) {
  const pages = html.match(/<section[^>]*data-type="page"[^>]*>[\s\S]*?<\/section>/g) ?? [];
  const introduction = /<section[^>]*data-type="introduction"[^>]*>[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
  const takeaways = /<ul[^>]*data-type="takeaways"[^>]*>[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";
  return { introduction, pages, takeaways };
}
