// A member schedules the group's meeting, once or every month N times, with
// the reunion machinery: the same date planning, series and invitations. The
// audience is the group itself, so whoever is a member at the time sees it,
// from whatever organisation, and whoever leaves stops seeing it.
import type { Database } from "../../../../db/database";
import { ForbiddenError } from "../../http-errors";
import { canScheduleGroupMeetings, type Actor } from "../../policy";
import { scheduleMeeting } from "../../reunions/schedule-meeting.server";
import { findGroupSpace } from "../load-group.server";
import { usableModuleId } from "./choose-meeting-module.server";
import type { ScheduleMeetingInput } from "./meeting-fields";

/** Returns the id of the first meeting. */
export async function scheduleGroupMeeting(db: Database, actor: Actor, groupId: string, input: ScheduleMeetingInput, now = new Date()): Promise<string> {
  const group = await findGroupSpace(db, actor, groupId);
  if (!canScheduleGroupMeetings(actor, group.access)) {
    throw new ForbiddenError(group.kind === "programme" ? "groups:meetings.errors.scheduleProgramme" : "groups:meetings.errors.scheduleMembers");
  }
  const moduleId = await usableModuleId(db, group.id, input.moduleId);
  // Not resolveAudience: its "your organisation's groups" rule is for reunions; a peer group may span organisations.
  return scheduleMeeting(db, actor, { ...input, count: input.repeatCount }, [{ kind: "group", groupId: group.id }], { orgId: group.orgId, groupId: group.id, moduleId }, { now });
}
