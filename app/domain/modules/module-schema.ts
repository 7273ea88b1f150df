// The module document, defined once: an introduction, pages (each a title,
// some context and exactly one question), then take-away prompts. The
// browser editor, the server renderer and the JSON ⇄ Yjs conversion all
// use this extension list, so they cannot disagree about the structure.
import { getSchema, mergeAttributes, Node, type Extensions } from "@tiptap/core";
import Bold from "@tiptap/extension-bold";
import Document from "@tiptap/extension-document";
import Italic from "@tiptap/extension-italic";
import Link from "@tiptap/extension-link";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/** Only http(s) and mailto links survive anywhere in a module. */
export const isSafeLinkHref = (href: unknown): href is string => typeof href === "string" && SAFE_LINK.test(href.trim());

const ModuleDocument = Document.extend({ content: "introduction page+ takeaways" });

const Introduction = Node.create({
  name: "introduction",
  content: "paragraph+",
  defining: true,
  parseHTML: () => [{ tag: 'section[data-type="introduction"]' }],
  renderHTML: ({ HTMLAttributes }) => ["section", mergeAttributes(HTMLAttributes, { "data-type": "introduction", class: "module-intro" }), 0],
});

const Page = Node.create({
  name: "page",
  content: "pageTitle pageContext question",
  isolating: true,
  defining: true,
  addAttributes: () => ({
    // A stable id, so revisions can be compared page by page even when pages move.
    id: {
      default: null,
      parseHTML: (el) => el.getAttribute("data-page-id"),
      renderHTML: (attrs) => (attrs.id ? { "data-page-id": attrs.id } : {}),
    },
  }),
  parseHTML: () => [{ tag: 'section[data-type="page"]' }],
  renderHTML: ({ HTMLAttributes }) => ["section", mergeAttributes(HTMLAttributes, { "data-type": "page", class: "module-page" }), 0],
});

const PageTitle = Node.create({
  name: "pageTitle",
  content: "text*",
  marks: "",
  defining: true,
  parseHTML: () => [{ tag: "h2" }],
  renderHTML: () => ["h2", { class: "module-page__title" }, 0],
});

const PageContext = Node.create({
  name: "pageContext",
  content: "paragraph+",
  defining: true,
  parseHTML: () => [{ tag: 'div[data-type="context"]' }],
  renderHTML: () => ["div", { "data-type": "context", class: "module-page__context" }, 0],
});

const Question = Node.create({
  name: "question",
  content: "text*",
  marks: "bold italic",
  defining: true,
  parseHTML: () => [{ tag: 'p[data-type="question"]' }],
  renderHTML: () => ["p", { "data-type": "question", class: "module-question" }, 0],
});

const Takeaways = Node.create({
  name: "takeaways",
  content: "takeawayPrompt+",
  defining: true,
  parseHTML: () => [{ tag: 'ul[data-type="takeaways"]' }],
  renderHTML: () => ["ul", { "data-type": "takeaways", class: "module-takeaways" }, 0],
});

const TakeawayPrompt = Node.create({
  name: "takeawayPrompt",
  content: "text*",
  marks: "bold italic",
  parseHTML: () => [{ tag: "li" }],
  renderHTML: () => ["li", {}, 0],
});

export const moduleExtensions: Extensions = [
  ModuleDocument,
  Introduction,
  Page,
  PageTitle,
  PageContext,
  Question,
  Takeaways,
  TakeawayPrompt,
  Paragraph,
  Text,
  Bold,
  Italic,
  Link.configure({
    openOnClick: false,
    autolink: false,
    linkOnPaste: false,
    HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
    isAllowedUri: (url) => isSafeLinkHref(url),
  }),
];

export const moduleSchema = getSchema(moduleExtensions);

/** The Yjs field the collaboration extension binds to. */
export const MODULE_YJS_FIELD = "default";

export type ModuleDocJSON = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: ModuleDocJSON[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
};
