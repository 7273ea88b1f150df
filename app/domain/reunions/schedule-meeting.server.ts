// A meeting at a fixed date, once or every month N times, for an audience the
// caller has already settled: a peer group's meetings and a mentoring pair's
// check-ins. The same date planning, series, invitation and calendar as any
// reunion, without a poll or a capacity.
import type { Database } from "../../../db/database";
import { insertReunion, type ReunionOwner } from "./create-reunion.server";
import { occasionKind } from "./occasion-words";
import type { AudienceRow } from "./reunion-audience.server";
import { planCreateDates } from "./reunion-dates";

export type MeetingInput = {
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  timeZone: string;
  location: string;
  onlineUrl: string | null;
  /** How many monthly occurrences; 1 for a single meeting. */
  count: number;
  /** Months between occurrences (a programme cohort may meet every few months); 1 when not given. */
  everyMonths?: number;
};

/**
 * Returns the id of the first meeting. The caller has checked who may plan
 * it. The owner (a group or a pair) decides what it is called, so a refused
 * date speaks of "the meeting" or "the check-in" (occasion-words.ts).
 */
export async function scheduleMeeting(
  db: Database,
  actor: { id: string },
  input: MeetingInput,
  audience: AudienceRow[],
  owner: ReunionOwner,
  { now = new Date() }: { now?: Date } = {},
) {
  const monthly = input.count > 1;
  const details = {
    title: input.title,
    description: "",
    format: "classic" as const,
    location: input.location,
    onlineUrl: input.onlineUrl,
    capacity: null,
    timeZone: input.timeZone,
    repeatEveryMonths: monthly ? (input.everyMonths ?? 1) : null,
  };
  const dates = planCreateDates(
    { ...details, schedule: "fixed", date: input.date, startTime: input.startTime, endTime: input.endTime, repeatCount: monthly ? input.count : null, groupIds: [], wholeOrganisation: false, inviteEmails: "", deadline: "" },
    now,
    { kind: occasionKind(owner) },
  );
  return insertReunion(db, actor, details, dates, audience, owner);
}
