// A meeting at a fixed date, once or every month N times, for an audience the
// caller has already settled: a peer group's meetings and a mentoring pair's
// check-ins. The same date planning, series, invitation and calendar as any
// reunion, without a poll or a capacity.
import type { Database } from "../../../db/database";
import { InputError } from "../input-error";
import { insertReunion, type ReunionOwner } from "./create-reunion.server";
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
};

/**
 * Returns the id of the first meeting. The caller has checked who may plan
 * it. `noun` is what people call it ("meeting", "check-in"), so a refused
 * date speaks of it rather than of "the reunion".
 */
export async function scheduleMeeting(
  db: Database,
  actor: { id: string },
  input: MeetingInput,
  audience: AudienceRow[],
  owner: ReunionOwner,
  { noun, now = new Date() }: { noun: string; now?: Date },
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
    repeatEveryMonths: monthly ? 1 : null,
  };
  const dates = inWords(noun, () =>
    planCreateDates(
      { ...details, schedule: "fixed", date: input.date, startTime: input.startTime, endTime: input.endTime, repeatCount: monthly ? input.count : null, groupIds: [], wholeOrganisation: false, inviteEmails: "", deadline: "" },
      now,
    ),
  );
  return insertReunion(db, actor, details, dates, audience, owner);
}

/** The date planner speaks of "the reunion". */
function inWords<T>(noun: string, plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const worded = Object.entries(error.fieldErrors).map(([field, message]) => [field, message.replace(/\b([Tt])he reunion\b/g, (_, t: string) => `${t}he ${noun}`)]);
    throw new InputError(Object.fromEntries(worded), error.status);
  }
}
