// Reads a notes document back as plain lines, section by section, by the
// template's headings: each paragraph is a line, each bullet a line. The
// proceedings' analysis and the hiding of names both start from here.
import { NOTES_SECTIONS, type NotesDocJSON, type NotesSectionKey } from "./notes-schema";

export type NotesSections = Record<NotesSectionKey, string[]> & { other: string[] };

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z ]+/g, " ").replace(/\s+/g, " ").trim();

// People rename headings a little ("Insights", "Next steps"); these still count.
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
};
for (const s of NOTES_SECTIONS) HEADING_ALIASES[normalise(s.heading)] = s.key;

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
