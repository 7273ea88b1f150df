// What the lead is told when a stored draft does not fit the module schema:
// where in the module, what is wrong, and what to do in the editor, as a
// message the page says in the reader's language. The
// collaboration server refuses such content, but a draft stored before it
// did, or merged from two server processes at once, may still hold some.
import type { FitProblem } from "../collab/document-fit";
import { message } from "../i18n/message";
import { nestedMessage } from "../i18n/nested-message";

/** The node names of a document: its top-level parts in order, and the name of the node at any path. */
export type DraftOutline = { parts: string[]; nameAt: (path: number[]) => string | undefined };

const PAGE_PARTS: Record<string, string> = { pageTitle: "pageTitle", pageContext: "pageContext", question: "question" };

/** The part of the module at `path`, as a message: "the question of page 2", "the introduction". */
export function partOfModule({ parts, nameAt }: DraftOutline, path: number[]): string {
  const where = (part: string, values?: { number: number }) => message(`modules:draftProblem.where.${part}`, values);
  if (path.length === 0) return where("outline");
  const top = parts[path[0]!];
  if (top === "introduction") return where("introduction");
  if (top === "takeaways") return where("takeaways");
  if (top !== "page") return where("other");
  const number = parts.slice(0, path[0]! + 1).filter((p) => p === "page").length;
  return where((path.length > 1 ? PAGE_PARTS[nameAt(path.slice(0, 2)) ?? ""] : undefined) ?? "page", { number });
}

/** What is wrong and what to do, as a message whose `where` is a message too (translateNestedMessage). */
export function draftProblemMessage(problem: FitProblem, outline: DraftOutline): string {
  const where = partOfModule(outline, problem.path);
  const say = (key: string) => nestedMessage(`modules:draftProblem.${key}`, { where });
  switch (problem.kind) {
    case "unknown-content":
    case "attribute":
      return say("unknownContent");
    case "formatting":
      return say("formatting");
    case "link":
      return say("link");
    case "structure":
      return say(path0IsPage(outline.parts, problem.path) ? "pageStructure" : "moduleStructure");
  }
}

const path0IsPage = (parts: string[], path: number[]) => path.length > 0 && parts[path[0]!] === "page";
