// What the lead is told when a stored draft does not fit the module schema:
// where in the module, what is wrong, and what to do in the editor. The
// collaboration server refuses such content, but a draft stored before it
// did, or merged from two server processes at once, may still hold some.
import type { FitProblem } from "../collab/document-fit";

/** The node names of a document: its top-level parts in order, and the name of the node at any path. */
export type DraftOutline = { parts: string[]; nameAt: (path: number[]) => string | undefined };

const PAGE_PARTS: Record<string, string> = { pageTitle: "the title of ", pageContext: "the context of ", question: "the question of " };

/** The part of the module at `path` in words: "the question of page 2", "the introduction". */
export function partOfModule({ parts, nameAt }: DraftOutline, path: number[]): string {
  if (path.length === 0) return "the module's outline";
  const top = parts[path[0]!];
  if (top === "introduction") return "the introduction";
  if (top === "takeaways") return "the take-away prompts";
  if (top !== "page") return "a part of the module";
  const page = `page ${parts.slice(0, path[0]! + 1).filter((p) => p === "page").length}`;
  return (path.length > 1 ? (PAGE_PARTS[nameAt(path.slice(0, 2)) ?? ""] ?? "") : "") + page;
}

export function draftProblemMessage(problem: FitProblem, outline: DraftOutline): string {
  const parts = outline.parts;
  const where = partOfModule(outline, problem.path);
  const open = "Open the draft in the editor";
  const after = "then submit again.";
  switch (problem.kind) {
    case "unknown-content":
    case "attribute":
      return `The draft cannot be submitted yet: ${where} contains content the editor does not support. ${open}, which removes it as the draft opens, make a small change in ${where} (type and delete a letter), check it reads as you want, ${after}`;
    case "formatting":
      return `The draft cannot be submitted yet: ${where} has formatting that is not allowed there (a page title, for example, is plain text). ${open}, type that text again without the formatting, ${after}`;
    case "link":
      return `The draft cannot be submitted yet: ${where} has a link that is not a web (https://) or email (mailto:) address. ${open}, remove that link or change its address, ${after}`;
    case "structure":
      return path0IsPage(parts, problem.path)
        ? `The draft cannot be submitted yet: ${where} is missing a part or has one too many (every page has a title, some context and one question). ${open}, delete that page and add it again with its text, ${after}`
        : `The draft cannot be submitted yet: ${where} is incomplete (a module has an introduction, at least one page, then its take-away prompts). ${open} and check that every part is there; if one cannot be added back, the lead can start a new draft from the published version on the module's History page.`;
  }
}

const path0IsPage = (parts: string[], path: number[]) => path.length > 0 && parts[path[0]!] === "page";
