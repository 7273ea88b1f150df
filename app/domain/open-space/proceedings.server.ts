// The proceedings of an open space: every break-out's notes on one page,
// with the bird's-eye view computed from them (analyse-notes.ts). Readable
// by the audience, and by the organisation or everyone once the organiser
// publishes them; names can be hidden from those outside the audience.
import { asc, eq, inArray, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "../../../db/database";
import { collabSnapshots, openSpaceSessions, openSpaceTimeSlots, reunions, users } from "../../../db/schema";
import { auditOccasion } from "../reunions/audit-occasion.server";
import { ForbiddenError } from "../http-errors";
import { canReadProceedings, canRunReunion, canSeeReunion, canTakePartInReunion, type Actor } from "../policy";
import { inAudienceSql, notFoundReunion } from "../reunions/visible-reunions.server";
import { analyseNotes, termKeysOf, type SessionNotes } from "./analyse-notes";
import { nameHider } from "./hide-names";
import type { Language } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";
import { insightProposalHref } from "./insight-proposal";
import { notesDocumentName, type NotesDocJSON } from "./notes-schema";
import type { ProceedingsVisibility } from "./proceedings-fields";
import { notesSections, type NotesSections } from "./notes-sections";
import { yDocToNotesJson } from "./notes-yjs";
import { mapNotesText, renderNotes } from "./render-notes.server";
import { isUuid } from "../uuid";

/** Reads a collaborative document as live editors see it (services.documentEditor). */
export type NotesReader = { read(documentName: string): Promise<Uint8Array> };



/** The reunion, scoped to who may read its proceedings: a 404 for anyone else. */
export async function findReunionForProceedings(db: Database, actor: Actor, reunionId: string) {
  if (!isUuid(reunionId)) throw notFoundReunion();
  const [row] = await db
    .select({ reunion: reunions, inAudience: sql<boolean>`${inAudienceSql(reunionId, actor.id)}` })
    .from(reunions)
    .where(eq(reunions.id, reunionId));
  if (!row || row.reunion.format !== "open_space") throw notFoundReunion();
  const access = { orgId: row.reunion.orgId, isOrganiser: row.reunion.organiserId === actor.id, inAudience: row.inAudience === true };
  if (!canReadProceedings(actor, { ...access, proceedingsVisibility: row.reunion.proceedingsVisibility })) throw notFoundReunion();
  return { ...row.reunion, ...access };
}

/** Everyone whose full name may appear in the notes: the audience, the organiser and the conveners. */
async function namesAround(db: Database, reunionId: string, organiserId: string | null, convenerIds: string[]) {
  const ids = [organiserId, ...convenerIds].filter((id): id is string => !!id);
  const named = ids.length ? sql` or ${users.id} in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  const rows = await db
    .select({ name: users.name })
    .from(users)
    .where(sql`${inAudienceSql(reunionId, sql.raw(`"users"."id"`))}${named}`);
  return rows.map((r) => r.name);
}

/** Each break-out's notes; `unreadable` holds those whose stored notes do not fit the notes schema (shown as such, never a crash). */
export async function readNotes(db: Database, reader: NotesReader, sessionIds: string[]): Promise<{ notes: Map<string, NotesDocJSON | null>; unreadable: Set<string> }> {
  const result = new Map<string, NotesDocJSON | null>();
  const unreadable = new Set<string>();
  if (sessionIds.length === 0) return { notes: result, unreadable };
  // Only break-outs someone opened have notes; reading the others would only store empty templates.
  const stored = await db
    .select({ name: collabSnapshots.documentName })
    .from(collabSnapshots)
    .where(inArray(collabSnapshots.documentName, sessionIds.map(notesDocumentName)));
  const opened = new Set(stored.map((s) => s.name));
  await Promise.all(
    sessionIds.map(async (id) => {
      const name = notesDocumentName(id);
      if (!opened.has(name)) return result.set(id, null);
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, await reader.read(name));
        const json = yDocToNotesJson(doc);
        result.set(id, json);
        if (!json) unreadable.add(id);
      } finally {
        doc.destroy();
      }
    }),
  );
  return { notes: result, unreadable };
}

/** `language` is the reader's: hidden names read "a participant" in it, and a proposal started here says where it came from in it. */
export async function loadProceedings(db: Database, reader: NotesReader, actor: Actor, reunionId: string, language: Language = "en") {
  const reunion = await findReunionForProceedings(db, actor, reunionId);
  const takePart = canTakePartInReunion(actor, reunion);
  const run = canRunReunion(actor, reunion);
  // Those who were invited always see names; the wider readership sees them only if the organiser allows.
  const hideNames = reunion.proceedingsHideNames && !takePart;

  const sessions = await db
    .select({
      id: openSpaceSessions.id,
      topic: openSpaceSessions.topic,
      description: openSpaceSessions.description,
      convenerId: openSpaceSessions.convenerId,
      convenerName: users.name,
    })
    .from(openSpaceSessions)
    .leftJoin(users, eq(users.id, openSpaceSessions.convenerId))
    .leftJoin(openSpaceTimeSlots, eq(openSpaceTimeSlots.id, openSpaceSessions.timeSlotId))
    .where(eq(openSpaceSessions.reunionId, reunion.id))
    .orderBy(sql`${openSpaceTimeSlots.startsAt} asc nulls last`, asc(openSpaceSessions.createdAt), asc(openSpaceSessions.id));

  const [{ notes, unreadable }, names] = await Promise.all([
    readNotes(db, reader, sessions.map((s) => s.id)),
    namesAround(db, reunion.id, reunion.organiserId, sessions.map((s) => s.convenerId).filter((id): id is string => !!id)),
  ]);
  const t = translatorFor(language, "reunions");
  const hiddenName = t("proceedings.hiddenName");
  const hide = hideNames ? nameHider(names, hiddenName) : (text: string) => text;

  const sectionsById = new Map<string, NotesSections>(sessions.map((s) => [s.id, notesSections(notes.get(s.id) ?? null)]));
  const forAnalysis: SessionNotes[] = sessions.map((s) => {
    const sections = sectionsById.get(s.id)!;
    return { sessionId: s.id, topic: s.topic, insights: sections.insights, actions: sections.actions };
  });
  // Names never become themes (analyseNotes leaves out the parts of the people's names).
  const analysis = analyseNotes(forAnalysis, { people: names });
  const topicOf = new Map(sessions.map((s) => [s.id, s.topic]));

  const proposeHref = (title: string, sessionId: string, insights: string[]) =>
    takePart ? insightProposalHref({ title, insights, sessionId, origin: t("proceedings.proposalOrigin", { topic: topicOf.get(sessionId) ?? "", reunion: reunion.title }) }) : null;

  return {
    reunion: { id: reunion.id, title: reunion.title, startsAt: reunion.startsAt?.toISOString() ?? null, timeZone: reunion.timeZone },
    can: { takePart, run, readNotes: canSeeReunion(actor, reunion) },
    sharing: { visibility: reunion.proceedingsVisibility as ProceedingsVisibility, hideNames: reunion.proceedingsHideNames },
    namesHidden: hideNames,
    overview: {
      sessionCount: sessions.length,
      notedCount: sessions.filter((s) => notes.get(s.id)).length,
      themes: analysis.themes.map((theme) => {
        const lines = forAnalysis
          .filter((s) => theme.sessionIds.includes(s.sessionId))
          .flatMap((s) => s.insights.filter((line) => termKeysOf(line).has(theme.key)));
        return {
          term: theme.term,
          kind: theme.kind,
          sessionCount: theme.sessionCount,
          mindsets: theme.mindsets,
          sessions: theme.sessionIds.map((id) => ({ id, topic: hide(topicOf.get(id) ?? "") })),
          proposeHref: proposeHref(theme.term, theme.sessionIds[0]!, lines.slice(0, 5)),
        };
      }),
      mindsets: analysis.mindsets.map((m) => ({ mindset: m.mindset, sessionCount: m.sessionCount, terms: m.terms })),
      actions: analysis.actions.map((a) => ({
        sessionId: a.sessionId,
        topic: hide(topicOf.get(a.sessionId) ?? ""),
        who: a.who && hideNames ? hiddenName : a.who,
        what: hide(a.what),
      })),
    },
    breakouts: sessions.map((s) => {
      const doc = notes.get(s.id) ?? null;
      const sections = sectionsById.get(s.id)!;
      const shown = doc && hideNames ? hideParticipants(mapNotesText(doc, hide), hiddenName) : doc;
      return {
        id: s.id,
        topic: hide(s.topic),
        description: hide(s.description),
        convenerName: s.convenerName ? (hideNames ? hiddenName : s.convenerName) : null,
        html: shown ? renderNotes(shown) : null,
        notesUnreadable: unreadable.has(s.id),
        insights: takePart ? sections.insights.map((line) => ({ text: line, proposeHref: proposeHref(line, s.id, [line]) })) : [],
      };
    }),
  };
}

/** Under the "Who took part" and "Convener" headings every line is a name, whatever was typed. */
function hideParticipants(doc: NotesDocJSON, hiddenName: string): NotesDocJSON {
  let inNames = false;
  return {
    ...doc,
    content: (doc.content ?? []).map((node) => {
      if (node.type === "heading") {
        const title = (node.content ?? []).map((c) => c.text ?? "").join("").trim().toLowerCase();
        inNames = ["convener", "convenor", "who took part", "participants", "attendees"].includes(title);
        return node;
      }
      return inNames ? mapNotesText(node, (text) => (text.trim() ? hiddenName : text)) : node;
    }),
  };
}

export type Proceedings = Awaited<ReturnType<typeof loadProceedings>>;

/** The organiser decides who may read the proceedings, and whether names show to readers outside the audience. */
export async function shareProceedings(
  db: Database,
  actor: Actor,
  reunionId: string,
  input: { visibility: ProceedingsVisibility; hideNames: boolean },
): Promise<void> {
  const reunion = await findReunionForProceedings(db, actor, reunionId);
  if (!canRunReunion(actor, reunion)) throw new ForbiddenError("reunions:proceedings.errors.onlyOrganiserShares");
  await db.transaction(async (tx) => {
    await tx
      .update(reunions)
      .set({ proceedingsVisibility: input.visibility, proceedingsHideNames: input.hideNames, updatedAt: new Date() })
      .where(eq(reunions.id, reunion.id));
    await auditOccasion(tx, reunion, {
      actorId: actor.id,
      action: "reunion.proceedings_shared",
      details: { from: reunion.proceedingsVisibility, to: input.visibility, hideNames: input.hideNames },
    });
  });
}
