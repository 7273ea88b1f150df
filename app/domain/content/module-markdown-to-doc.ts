// Turns a parsed content/*.md module into the module document, with
// **bold** and *italic* as marks. Page ids are stable across imports.
import type { ModuleDocJSON } from "../modules/module-schema";
import type { ParsedModule } from "./parse-module-markdown";

export function inlineMarkdown(text: string): ModuleDocJSON[] {
  const nodes: ModuleDocJSON[] = [];
  const pattern = /\*\*([^*]+)\*\*|\*([^*]+)\*/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index! > last) nodes.push({ type: "text", text: text.slice(last, match.index) });
    if (match[1]) nodes.push({ type: "text", text: match[1], marks: [{ type: "bold" }] });
    else nodes.push({ type: "text", text: match[2]!, marks: [{ type: "italic" }] });
    last = match.index! + match[0].length;
  }
  if (last < text.length) nodes.push({ type: "text", text: text.slice(last) });
  return nodes;
}

const paragraph = (text: string): ModuleDocJSON => ({ type: "paragraph", content: inlineMarkdown(text) });
const plain = (type: string, text: string): ModuleDocJSON => (text ? { type, content: [{ type: "text", text }] } : { type });

export function moduleMarkdownToDoc(module: ParsedModule): ModuleDocJSON {
  return {
    type: "doc",
    content: [
      { type: "introduction", content: module.introduction.map(paragraph) },
      ...module.pages.map((page, i) => ({
        type: "page",
        attrs: { id: `p${i + 1}` },
        content: [plain("pageTitle", page.heading), { type: "pageContext", content: page.context.map(paragraph) }, { type: "question", content: inlineMarkdown(page.question) }],
      })),
      { type: "takeaways", content: module.takeaways.map((t) => ({ type: "takeawayPrompt", content: inlineMarkdown(t) })) },
    ],
  };
}
