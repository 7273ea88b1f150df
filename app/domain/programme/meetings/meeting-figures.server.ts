// The figures of cycle meetings that the meeting, cycle and cohort pages
// share: attendance and the one-minute evaluation, each through the privacy
// floor. Comments come without names and only from the same floor.
import { and, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { meetingAttendance, meetingEvaluations } from "../../../../db/schema";
import { floored, type Floored } from "../../privacy/privacy-floor";
import type { MeetingHealth } from "../group-health";

export type EvaluationFigures = { usefulness: number; safety: number; willTry: number; comments: string[] };

export type MeetingFigures = {
  reunionId: string;
  /** Attendance records and how many were present (the facilitator sees the names anyway; pages floor the share). */
  recorded: number;
  present: number;
  /** Share of recorded members present, 0–1. */
  attendance: Floored<number>;
  /** Averages (1–5), the share who will try a take-away (0–1) and the comments, from PRIVACY_FLOOR answers on. */
  evaluation: Floored<EvaluationFigures>;
};

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Figures for each of these meetings (cycle meetings' reunion ids), in the order given. */
export async function meetingFigures(db: Database, reunionIds: readonly string[]): Promise<MeetingFigures[]> {
  if (reunionIds.length === 0) return [];
  const ids = [...reunionIds];
  const [attendance, evaluations, comments] = await Promise.all([
    db
      .select({
        reunionId: meetingAttendance.reunionId,
        recorded: sql<number>`count(*)::int`,
        present: sql<number>`(count(*) filter (where ${meetingAttendance.status} = 'present'))::int`,
      })
      .from(meetingAttendance)
      .where(inArray(meetingAttendance.reunionId, ids))
      .groupBy(meetingAttendance.reunionId),
    db
      .select({
        reunionId: meetingEvaluations.reunionId,
        answers: sql<number>`count(*)::int`,
        usefulness: sql<number>`avg(${meetingEvaluations.usefulness})::float8`,
        safety: sql<number>`avg(${meetingEvaluations.safety})::float8`,
        willTry: sql<number>`avg(case when ${meetingEvaluations.willTry} then 1 else 0 end)::float8`,
      })
      .from(meetingEvaluations)
      .where(inArray(meetingEvaluations.reunionId, ids))
      .groupBy(meetingEvaluations.reunionId),
    // Sorted by their text, not by any order that could hint at who wrote them.
    db
      .select({ reunionId: meetingEvaluations.reunionId, comment: meetingEvaluations.comment })
      .from(meetingEvaluations)
      .where(and(inArray(meetingEvaluations.reunionId, ids), sql`${meetingEvaluations.comment} <> ''`))
      .orderBy(meetingEvaluations.comment),
  ]);
  const byMeeting = <T extends { reunionId: string }>(rows: T[]) => new Map(rows.map((r) => [r.reunionId, r]));
  const att = byMeeting(attendance);
  const ev = byMeeting(evaluations);
  return ids.map((reunionId) => {
    const a = att.get(reunionId);
    const e = ev.get(reunionId);
    const recorded = a?.recorded ?? 0;
    const present = a?.present ?? 0;
    return {
      reunionId,
      recorded,
      present,
      attendance: floored(recorded, () => present / recorded),
      evaluation: floored(e?.answers ?? 0, () => ({
        usefulness: round1(e!.usefulness),
        safety: round1(e!.safety),
        willTry: e!.willTry,
        comments: comments.filter((c) => c.reunionId === reunionId).map((c) => c.comment),
      })),
    };
  });
}

/** Figures of one meeting. */
export async function oneMeetingFigures(db: Database, reunionId: string) {
  return (await meetingFigures(db, [reunionId]))[0]!;
}

/**
 * The group-health view of held meetings (stepBackSuggestion, groupRisk):
 * attendance as the share of `memberCount` members present, the scores only
 * above the floor.
 */
export function meetingHealth(held: readonly { number: number; figures: MeetingFigures }[], memberCount: number): MeetingHealth[] {
  return held.map(({ number, figures }) => ({
    number,
    attendance: figures.recorded === 0 || memberCount === 0 ? null : figures.present / memberCount,
    usefulness: figures.evaluation.shown ? figures.evaluation.value.usefulness : null,
    safety: figures.evaluation.shown ? figures.evaluation.value.safety : null,
  }));
}

