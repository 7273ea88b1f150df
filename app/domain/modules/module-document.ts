// Working with module documents as data: cleaning untrusted JSON against the
// schema, reading pages and questions out, and building documents.
import type { Node as PMNode } from "@tiptap/pm/model";
import { cleanText } from "../clean-text";
import { isSafeLinkHref, moduleSchema, type ModuleDocJSON } from "./module-schema";

export class ModuleDocumentError extends Error {}

/**
 * Drops what the schema does not know (node types, marks, unsafe links) and
 * checks the structure. Unknown content is removed, never rendered; text
 * loses invisible control characters, which a stored document cannot hold.
 */
export function cleanModuleDoc(input: unknown): PMNode {
  const clean = (node: unknown): ModuleDocJSON | null => {
    if (!node || typeof node !== "object") return null;
    const n = node as ModuleDocJSON;
    if (typeof n.type !== "string" || !(n.type in moduleSchema.nodes)) return null;
    if (n.type === "text") {
      const text = typeof n.text === "string" ? cleanText(n.text) : "";
      if (text.length === 0) return null;
      const marks = (Array.isArray(n.marks) ? n.marks : []).filter(
        (m) => m && typeof m.type === "string" && m.type in moduleSchema.marks && (m.type !== "link" || isSafeLinkHref(m.attrs?.href)),
      );
      return { type: "text", text, ...(marks.length ? { marks: marks.map((m) => (m.type === "link" ? { type: "link", attrs: { href: cleanText(String(m.attrs!.href)).trim() } } : { type: m.type })) } : {}) };
    }
    const content = (Array.isArray(n.content) ? n.content : []).map(clean).filter((c): c is ModuleDocJSON => c !== null);
    const attrs = n.type === "page" && n.attrs && typeof n.attrs.id === "string" ? { id: cleanText(n.attrs.id).slice(0, 64) } : undefined;
    return { type: n.type, ...(attrs ? { attrs } : {}), ...(content.length ? { content } : {}) };
  };
  const cleaned = clean(input);
  if (!cleaned || cleaned.type !== "doc") throw new ModuleDocumentError("The module text is not a module document.");
  try {
    const node = moduleSchema.nodeFromJSON(cleaned);
    node.check();
    return node;
  } catch (error) {
    throw new ModuleDocumentError(`The module text does not follow the module structure: ${(error as Error).message}`);
  }
}

export type ModuleOutline = {
  introduction: string;
  pages: { id: string | null; title: string; context: string; question: string }[];
  takeaways: string[];
};

export function outlineOf(doc: PMNode): ModuleOutline {
  const outline: ModuleOutline = { introduction: "", pages: [], takeaways: [] };
  doc.forEach((child) => {
    if (child.type.name === "introduction") outline.introduction = blockText(child);
    if (child.type.name === "page") {
      const [title, context, question] = [child.child(0), child.child(1), child.child(2)];
      outline.pages.push({ id: (child.attrs.id as string | null) ?? null, title: title.textContent, context: blockText(context), question: question.textContent });
    }
    if (child.type.name === "takeaways") child.forEach((p) => outline.takeaways.push(p.textContent));
  });
  return outline;
}

/** Text of a block container, one paragraph per line. */
function blockText(node: PMNode) {
  const parts: string[] = [];
  node.forEach((child) => parts.push(child.textContent));
  return parts.join("\n");
}
