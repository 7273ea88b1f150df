// The read models behind /org/insights/diagnostics and /org/insights/themes:
// the ARC self-assessments only in aggregate (diagnostic-aggregates.ts, from
// 5 respondents up), and the themes of the organisation's open spaces in the
// last year, read from their break-out notes (analyse-notes.ts). A handful of
// grouped queries; no individual answer ever leaves this module.
import { and, eq, gte, lt, ne } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { cohorts, cycles, departments, diagnosticResponses, groups, openSpaceSessions, reunions, users } from "../../../db/schema";
import { ARC_INSTRUMENT, arcScores } from "../diagnostics/arc-self-assessment";
import { ForbiddenError } from "../http-errors";
import { analyseNotes, type SessionNotes } from "../open-space/analyse-notes";
import { notesSections } from "../open-space/notes-sections";
import { readNotes, type NotesReader } from "../open-space/proceedings.server";
import { canAdministerOrg, type Actor } from "../policy";
import { INSIGHTS_PRIVACY_FLOOR } from "../privacy/privacy-floor";
import type { ArcLevel } from "./arc-filters";
import { diagnosticAggregates, type MomentAggregate, type ScoredResponse } from "./diagnostic-aggregates";
import { message } from "../i18n/message";

// The rows made up here are named by messages, translated where they are shown (unit-row-names.ts).
const NO_DEPARTMENT = { id: "none", name: "insights:rows.noDepartment" };
export const EVERYONE_ROW = { id: "everyone", name: "insights:rows.everyone" };

/** Every answer to the current wording in the organisation, with the answerer's cohort and department. */
async function loadResponses(db: Database, orgId: string) {
  return db
    .select({
      userId: diagnosticResponses.userId,
      moment: diagnosticResponses.moment,
      answers: diagnosticResponses.answers,
      answeredAt: diagnosticResponses.answeredAt,
      cohortId: groups.cohortId,
      departmentId: users.departmentId,
    })
    .from(diagnosticResponses)
    .innerJoin(cycles, eq(cycles.id, diagnosticResponses.cycleId))
    .innerJoin(groups, and(eq(groups.id, cycles.groupId), eq(groups.orgId, orgId)))
    .innerJoin(users, and(eq(users.id, diagnosticResponses.userId), eq(users.orgId, orgId)))
    .where(eq(diagnosticResponses.instrument, ARC_INSTRUMENT));
}

export async function loadDiagnosticsReport(db: Database, actor: Actor, orgId: string, level: ArcLevel): Promise<{ level: ArcLevel; moments: MomentAggregate[] }> {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const [responses, rowList] = await Promise.all([
    loadResponses(db, orgId),
    level === "cohort"
      ? db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(eq(cohorts.orgId, orgId)).orderBy(cohorts.name)
      : db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, orgId)).orderBy(departments.name),
  ]);
  const scored: ScoredResponse[] = responses.map((r) => ({
    userId: r.userId,
    rowId: (level === "cohort" ? r.cohortId : r.departmentId) ?? NO_DEPARTMENT.id,
    moment: r.moment,
    answeredAt: r.answeredAt,
    scores: arcScores(r.answers),
  }));
  const rows = level === "cohort" ? rowList : [...rowList, NO_DEPARTMENT];
  return { level, moments: diagnosticAggregates(scored, rows, message(level === "cohort" ? "insights:rows.otherCohorts" : "insights:rows.otherDepartments", { floor: INSIGHTS_PRIVACY_FLOOR })) };
}

export type ThemesReport = {
  diagnostics: MomentAggregate[];
  openSpaces: number;
  sessions: number;
  themes: { term: string; sessionCount: number; mindsets: string[] }[];
};

/** The company-wide view: the self-assessments of everyone together, beside the themes of the organisation's open spaces of the last twelve months. */
export async function loadThemesReport(db: Database, reader: NotesReader, actor: Actor, orgId: string, now = new Date()): Promise<ThemesReport> {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const [responses, sessions, names] = await Promise.all([
    loadResponses(db, orgId),
    db
      .select({ id: openSpaceSessions.id, topic: openSpaceSessions.topic, reunionId: reunions.id })
      .from(openSpaceSessions)
      .innerJoin(reunions, eq(reunions.id, openSpaceSessions.reunionId))
      .where(and(eq(reunions.orgId, orgId), eq(reunions.format, "open_space"), ne(reunions.status, "cancelled"), gte(reunions.startsAt, yearAgo), lt(reunions.startsAt, now))),
    db.select({ name: users.name }).from(users).where(eq(users.orgId, orgId)),
  ]);
  const scored: ScoredResponse[] = responses.map((r) => ({ userId: r.userId, rowId: EVERYONE_ROW.id, moment: r.moment, answeredAt: r.answeredAt, scores: arcScores(r.answers) }));
  const { notes } = await readNotes(db, reader, sessions.map((s) => s.id));
  const forAnalysis: SessionNotes[] = sessions.map((s) => {
    const sections = notesSections(notes.get(s.id) ?? null);
    return { sessionId: s.id, topic: s.topic, insights: sections.insights, actions: sections.actions };
  });
  // Names never become themes.
  const analysis = analyseNotes(forAnalysis, { people: names.map((n) => n.name) });
  return {
    diagnostics: diagnosticAggregates(scored, [EVERYONE_ROW], EVERYONE_ROW.name),
    openSpaces: new Set(sessions.map((s) => s.reunionId)).size,
    sessions: sessions.length,
    themes: analysis.themes.map((t) => ({ term: t.term, sessionCount: t.sessionCount, mindsets: [...t.mindsets] })),
  };
}
