// The mentor or the mentee plans a check-in, once or every month N times,
// with the reunion machinery: the same date planning, series, invitation,
// reunion page, calendar feed and reminders. The audience is the two of
// them by name, so it works across organisations; the check-in belongs to
// the mentor's organisation.
import type { Database } from "../../../db/database";
import { InputError } from "../input-error";
import type { Actor } from "../policy";
import { scheduleMeeting } from "../reunions/schedule-meeting.server";
import type { CheckInInput } from "./mentoring-fields";
import { findMentorship, requireRunning } from "./mentorship-space.server";

/** Returns the id of the first check-in. */
export async function scheduleCheckIn(db: Database, actor: Actor, pairId: string, input: CheckInInput, now = new Date()): Promise<string> {
  const pair = await findMentorship(db, actor, pairId);
  requireRunning(pair);
  if (!input.location && !input.onlineUrl) throw new InputError({ location: "mentoring:errors.whereToMeet" });
  const audience = [pair.mentorId, pair.menteeId].map((userId) => ({ kind: "person" as const, userId }));
  const title = `Mentoring check-in: ${pair.mentor.name} and ${pair.mentee.name}`;
  return scheduleMeeting(db, actor, { ...input, title }, audience, { orgId: pair.mentor.orgId, mentorshipId: pair.id }, { now });
}
