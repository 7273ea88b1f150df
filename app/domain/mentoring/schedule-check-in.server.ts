// The mentor or the mentee plans a check-in, once or every month N times,
// with the reunion machinery: the same date planning, series, invitation,
// reunion page, calendar feed and reminders. The audience is the two of
// them by name, so it works across organisations; the check-in belongs to
// the mentor's organisation.
import type { Database } from "../../../db/database";
import { InputError } from "../input-error";
import type { Actor } from "../policy";
import { insertReunion } from "../reunions/create-reunion.server";
import { planCreateDates } from "../reunions/reunion-dates";
import type { CheckInInput } from "./mentoring-fields";
import { findMentorship, requireRunning } from "./mentorship-space.server";

/** Returns the id of the first check-in. */
export async function scheduleCheckIn(db: Database, actor: Actor, pairId: string, input: CheckInInput, now = new Date()): Promise<string> {
  const pair = await findMentorship(db, actor, pairId);
  requireRunning(pair);
  if (!input.location && !input.onlineUrl) throw new InputError({ location: "Say where you meet: a place, an online link, or both." });
  const monthly = input.count > 1;
  const details = {
    title: `Mentoring check-in: ${pair.mentor.name} and ${pair.mentee.name}`,
    description: "",
    format: "classic" as const,
    location: input.location,
    onlineUrl: input.onlineUrl,
    capacity: null,
    timeZone: input.timeZone,
    repeatEveryMonths: monthly ? 1 : null,
  };
  const dates = inCheckInWords(() =>
    planCreateDates(
      { ...details, schedule: "fixed", date: input.date, startTime: input.startTime, endTime: input.endTime, repeatCount: monthly ? input.count : null, groupIds: [], wholeOrganisation: false, inviteEmails: "", deadline: "" },
      now,
    ),
  );
  const audience = [pair.mentorId, pair.menteeId].map((userId) => ({ kind: "person" as const, userId }));
  return insertReunion(db, actor, details, dates, audience, { orgId: pair.mentor.orgId, mentorshipId: pair.id });
}

/** The date planner speaks of "the reunion"; here it is a check-in. */
function inCheckInWords<T>(plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const words = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [field, message.replace(/\b([Tt])he reunion\b/g, "$1he check-in")]));
    throw new InputError(words, error.status);
  }
}
