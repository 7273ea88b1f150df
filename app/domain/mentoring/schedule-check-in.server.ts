// The mentor or the mentee plans a check-in, once or every month N times,
// with the reunion machinery: the same date planning, series, invitation,
// reunion page, calendar feed and reminders. The audience is the two of
// them by name, so it works across organisations; the check-in belongs to
// the mentor's organisation.
import type { Database } from "../../../db/database";
import { formatList } from "../../components/format-time";
import type { Language } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";
import { InputError } from "../input-error";
import type { Actor } from "../policy";
import { scheduleMeeting } from "../reunions/schedule-meeting.server";
import type { CheckInInput } from "./mentoring-fields";
import { findMentorship, requireRunning } from "./mentorship-space.server";

/**
 * Returns the id of the first check-in. Its title is stored as words, in the
 * language of the person planning it (`language`, the page's), like a title
 * an organiser types: the two names as a list in that language.
 */
export async function scheduleCheckIn(db: Database, actor: Actor, pairId: string, input: CheckInInput, language: Language, now = new Date()): Promise<string> {
  const pair = await findMentorship(db, actor, pairId);
  requireRunning(pair);
  if (!input.location && !input.onlineUrl) throw new InputError({ location: "mentoring:errors.whereToMeet" });
  const audience = [pair.mentorId, pair.menteeId].map((userId) => ({ kind: "person" as const, userId }));
  const title = translatorFor(language, "mentoring")("checkInTitle", { names: formatList([pair.mentor.name, pair.mentee.name], language) });
  return scheduleMeeting(db, actor, { ...input, title }, audience, { orgId: pair.mentor.orgId, mentorshipId: pair.id }, { now });
}
