// Reads a notes document back as plain lines, section by section, by the
// template's headings: each paragraph is a line, each bullet a line. The
// proceedings' analysis and the hiding of names both start from here.
import { translatorFor } from "../i18n/translators";
import { LANGUAGES, type Language } from "../i18n/languages";
import { NOTES_SECTIONS, type NotesDocJSON, type NotesSectionKey } from "./notes-schema";

export type NotesSections = Record<NotesSectionKey, string[]> & { other: string[] };

// Letters and digits of any script, so Japanese headings compare too.
const normalise = (text: string) => text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N} ]+/gu, " ").replace(/\s+/g, " ").trim();

/** The template's headings in `language`. */
export function notesHeadings(language: Language): Record<NotesSectionKey, string> {
  const t = translatorFor(language, "reunions");
  return Object.fromEntries(NOTES_SECTIONS.map((key) => [key, t(`notes.sections.${key}`)])) as Record<NotesSectionKey, string>;
}

// People rename headings a little ("Insights", "Next steps", "気づき"); these still count.
const HEADING_ALIASES: Record<string, NotesSectionKey> = {
  convener: "convener",
  convenor: "convener",
  "who took part": "participants",
  participants: "participants",
  attendees: "participants",
  "key insights": "insights",
  insights: "insights",
  "what we learned": "insights",
  actions: "actions",
  "next steps": "actions",
  "related modules": "relatedModules",
  呼びかけ人: "convener",
  コンビーナー: "convener",
  参加者: "participants",
  出席者: "participants",
  主な気づき: "insights",
  気づき: "insights",
  学び: "insights",
  アクション: "actions",
  次のステップ: "actions",
  関連モジュール: "relatedModules",
};
// A template written in either language is read the same way.
for (const language of LANGUAGES) for (const [key, heading] of Object.entries(notesHeadings(language))) HEADING_ALIASES[normalise(heading)] = key as NotesSectionKey;

export function textOf(node: NotesDocJSON): string {
  if (node.type === "text") return node.text ?? "";
  return (node.content ?? []).map(textOf).join("");
}

/** Every list item and paragraph inside `node` as its own line (nested lists too). */
function linesOf(node: NotesDocJSON): string[] {
  if (node.type === "paragraph" || node.type === "heading") return [textOf(node)];
  if (node.type === "listItem") {
    const [first, ...rest] = node.content ?? [];
    return [first ? textOf(first) : "", ...rest.flatMap(linesOf)];
  }
  return (node.content ?? []).flatMap(linesOf);
}

export function notesSections(doc: NotesDocJSON | null): NotesSections {
  const sections: NotesSections = { convener: [], participants: [], insights: [], actions: [], relatedModules: [], other: [] };
  let current: NotesSectionKey | "other" = "other";
  for (const node of doc?.content ?? []) {
    if (node.type === "heading") {
      current = HEADING_ALIASES[normalise(textOf(node))] ?? "other";
      if (current === "other") sections.other.push(textOf(node));
      continue;
    }
    for (const line of linesOf(node)) {
      const trimmed = line.replace(/\s+/g, " ").trim();
      if (trimmed) sections[current].push(trimmed);
    }
  }
  return sections;
}
