// /groups/:id/meetings: the group's meetings still to come (soonest first),
// the cancelled ones apart, and those past (most recent first), each with
// the module the group chose, and the modules it may choose from.
import { asc, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycleMeetings, modules, reunions } from "../../../../db/schema";
import { canChooseGroupMeetingModule, canReadModule, canScheduleGroupMeetings, type Actor } from "../../policy";
import { findGroupSpace } from "../load-group.server";
import { modulesForGroup } from "./choose-meeting-module.server";

type ModuleRow = { slug: string; title: string; status: string; visibility: string; ownerOrgId: string | null };
const MODULE_COLUMNS = { slug: modules.slug, title: modules.title, status: modules.status, visibility: modules.visibility, ownerOrgId: modules.ownerOrgId };

/** The chosen module as this person sees it: its links only when they may read it. */
export const meetingModule = (actor: Actor, module: ModuleRow | null) =>
  module ? { slug: module.slug, title: module.title, readable: canReadModule(actor, module) } : null;

/** One meeting's module, loaded, as this person sees it; also its id, for the take-aways shared about it. */
export async function loadMeetingModule(db: Database, actor: Actor, moduleId: string | null) {
  if (!moduleId) return null;
  const [module] = await db.select({ id: modules.id, ...MODULE_COLUMNS }).from(modules).where(eq(modules.id, moduleId));
  return module ? { id: module.id, ...meetingModule(actor, module)! } : null;
}

export const MEETING_COLUMNS = {
  id: reunions.id,
  title: reunions.title,
  status: reunions.status,
  startsAt: reunions.startsAt,
  endsAt: reunions.endsAt,
  timeZone: reunions.timeZone,
  location: reunions.location,
  onlineUrl: reunions.onlineUrl,
  occurrence: reunions.occurrence,
  moduleId: reunions.moduleId,
};

export async function listGroupMeetings(db: Database, actor: Actor, groupId: string, now = new Date()) {
  const group = await findGroupSpace(db, actor, groupId);
  const rows = await db
    .select({ meeting: MEETING_COLUMNS, module: MODULE_COLUMNS, hostId: cycleMeetings.hostId, inCycle: cycleMeetings.reunionId })
    .from(reunions)
    .leftJoin(modules, eq(modules.id, reunions.moduleId))
    .leftJoin(cycleMeetings, eq(cycleMeetings.reunionId, reunions.id))
    .where(eq(reunions.groupId, group.id))
    .orderBy(asc(reunions.startsAt), asc(reunions.createdAt));
  const meetings = rows.map(({ meeting, module, hostId, inCycle }) => ({
    ...meeting,
    // In a programme group whoever runs the meeting chooses its module (the facilitator, or its member host).
    mayChooseModule: canChooseGroupMeetingModule(actor, group.access, inCycle ? { hostId } : null),
    startsAt: meeting.startsAt?.toISOString() ?? null,
    endsAt: meeting.endsAt?.toISOString() ?? null,
    module: meetingModule(actor, module),
    // A meeting without a date yet is still to come.
    over: meeting.endsAt !== null && meeting.endsAt.getTime() < now.getTime(),
  }));
  const isPast = (m: (typeof meetings)[number]) => m.over;
  return {
    group: { id: group.id, name: group.name, convener: group.access.role === "convener", programme: group.kind === "programme" },
    maySchedule: canScheduleGroupMeetings(actor, group.access),
    upcoming: meetings.filter((m) => !isPast(m) && m.status !== "cancelled"),
    cancelled: meetings.filter((m) => !isPast(m) && m.status === "cancelled"),
    past: meetings.filter(isPast).reverse(),
    moduleChoices: await modulesForGroup(db, group.id),
  };
}
