// The setting the notes and proceedings tests share: organisation A with one
// person per role, an open-space reunion organised by an alumnus of A for
// all alumni of A, break-out sessions inserted directly, and notes written
// into them the way the editor stores them.
import { updateYFragment } from "@tiptap/y-tiptap";
import type { Database } from "../../db/database";
import { openSpaceSessions, reunionAudience, reunions } from "../../db/schema";
import type { Role } from "../../db/roles";
import { NOTES_YJS_FIELD, notesDocumentName, notesSchema, type NotesDocJSON } from "../../app/domain/open-space/notes-schema";
import type { DocumentEditor } from "../../server/collab/document-editor";
import { createOrg, createUser, sessionCookieFor, uniqueWord } from "../support/factories";

async function person(db: Database, orgId: string, roles: Role[], name: string) {
  const user = await createUser(db, { orgId, roles, name });
  return { ...user, cookie: await sessionCookieFor(db, user.id) };
}

export type Person = Awaited<ReturnType<typeof person>>;

export async function openSpaceSetting(db: Database, { visibility = "audience" as "audience" | "organisation" | "everyone", hideNames = false } = {}) {
  const orgA = await createOrg(db);
  const orgB = await createOrg(db);
  const tag = uniqueWord("");
  const people = {
    organiser: await person(db, orgA.id, ["alumnus"], `Olive Organiser ${tag}`),
    alumnus: await person(db, orgA.id, ["alumnus"], `Anna Alumna ${tag}`),
    secondAlumnus: await person(db, orgA.id, ["alumnus"], `Bruno Alumnus ${tag}`),
    participant: await person(db, orgA.id, ["participant"], `Pat Participant ${tag}`),
    facilitator: await person(db, orgA.id, ["facilitator"], `Fay Facilitator ${tag}`),
    thoughtLeader: await person(db, orgA.id, ["thought_leader"], `Theo Leader ${tag}`),
    moderator: await person(db, orgA.id, ["moderator"], `Mona Moderator ${tag}`),
    orgAdmin: await person(db, orgA.id, ["org_admin"], `Ada Admin ${tag}`),
    platformAdmin: await person(db, orgA.id, ["platform_admin"], `Pia Platform ${tag}`),
    otherOrg: await person(db, orgB.id, ["org_admin", "alumnus"], `Otto Other ${tag}`),
  };
  const [reunion] = await db
    .insert(reunions)
    .values({
      orgId: orgA.id,
      organiserId: people.organiser.id,
      title: `Lessons learned ${tag}`,
      format: "open_space",
      status: "scheduled",
      timeZone: "Europe/Berlin",
      startsAt: new Date(Date.now() - 86_400_000),
      endsAt: new Date(Date.now() - 80_000_000),
      proceedingsVisibility: visibility,
      proceedingsHideNames: hideNames,
    })
    .returning();
  await db.insert(reunionAudience).values({ reunionId: reunion!.id, kind: "organisation", orgId: orgA.id });
  return { orgA, orgB, people, reunion: reunion! };
}

export async function createBreakout(db: Database, reunionId: string, { topic, convenerId = null, description = "" }: { topic: string; convenerId?: string | null; description?: string }) {
  const [session] = await db.insert(openSpaceSessions).values({ reunionId, topic, convenerId, description }).returning();
  return session!;
}

/** Notes in the template's shape: each section's lines as bullets. */
export function notesDoc(sections: { convener?: string; participants?: string[]; insights?: string[]; actions?: string[]; related?: string }): NotesDocJSON {
  const heading = (text: string): NotesDocJSON => ({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text }] });
  const para = (text?: string): NotesDocJSON => (text ? { type: "paragraph", content: [{ type: "text", text }] } : { type: "paragraph" });
  const list = (lines: string[] = []): NotesDocJSON => ({
    type: "bulletList",
    content: (lines.length ? lines : [""]).map((line) => ({ type: "listItem", content: [para(line || undefined)] })),
  });
  return {
    type: "doc",
    content: [
      heading("Convener"),
      para(sections.convener),
      heading("Who took part"),
      list(sections.participants),
      heading("Key insights"),
      list(sections.insights),
      heading("Actions"),
      list(sections.actions),
      heading("Related modules"),
      para(sections.related),
    ],
  };
}

/** Writes a break-out's notes as the editor would store them (through the document editor, like a server-side edit). */
export async function writeNotes(editor: DocumentEditor, sessionId: string, doc: NotesDocJSON) {
  const node = notesSchema.nodeFromJSON(doc);
  await editor.edit(notesDocumentName(sessionId), (ydoc) => {
    updateYFragment(ydoc, ydoc.getXmlFragment(NOTES_YJS_FIELD), node, { mapping: new Map(), isOMark: new Map() });
  });
}
