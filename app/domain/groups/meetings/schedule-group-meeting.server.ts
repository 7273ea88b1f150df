// A member schedules the group's meeting, once or every month N times, with
// the reunion machinery: the same date planning, series and invitations. The
// audience is the group itself, so whoever is a member at the time sees it,
// from whatever organisation, and whoever leaves stops seeing it.
import type { Database } from "../../../../db/database";
import { ForbiddenError } from "../../http-errors";
import { canTakePartInGroup, type Actor } from "../../policy";
import { insertReunion } from "../../reunions/create-reunion.server";
import { planCreateDates } from "../../reunions/reunion-dates";
import { findGroupSpace } from "../load-group.server";
import { usableModuleId } from "./choose-meeting-module.server";
import type { ScheduleMeetingInput } from "./meeting-fields";

/** Returns the id of the first meeting. */
export async function scheduleGroupMeeting(db: Database, actor: Actor, groupId: string, input: ScheduleMeetingInput, now = new Date()): Promise<string> {
  const group = await findGroupSpace(db, actor, groupId);
  if (!canTakePartInGroup(actor, group.access)) throw new ForbiddenError("Only the group's members schedule its meetings.");
  const monthly = input.repeatCount > 1;
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
  const dates = planCreateDates(
    { ...details, schedule: "fixed", date: input.date, startTime: input.startTime, endTime: input.endTime, repeatCount: monthly ? input.repeatCount : null, groupIds: [], wholeOrganisation: false, inviteEmails: "", deadline: "" },
    now,
  );
  const moduleId = await usableModuleId(db, group.id, input.moduleId);
  // Not resolveAudience: its "your organisation's groups" rule is for reunions; a peer group may span organisations.
  return insertReunion(db, actor, details, dates, [{ kind: "group", groupId: group.id }], { orgId: group.orgId, groupId: group.id, moduleId });
}
