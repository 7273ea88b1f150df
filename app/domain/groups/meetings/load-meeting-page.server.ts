// Everything one meeting's page shows, scoped to the group's members: the
// meeting and its module, the group's notes from it, the actions of the
// meeting before ("did you try it?"), and the personal take-aways members
// shared with the group for the module.
import { and, desc, eq, lt, ne } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { reunions } from "../../../../db/schema";
import { listSharedTakeaways } from "../../modules/takeaways.server";
import { canFollowUpAction, canRunReunion, canTakePartInGroup, type Actor } from "../../policy";
import { findVisibleReunion } from "../../reunions/visible-reunions.server";
import { findGroupMeeting, listMeetingMembers } from "./group-meeting.server";
import { loadMeetingModule, MEETING_COLUMNS } from "./list-group-meetings.server";
import { listMeetingNotes } from "./meeting-notes.server";

export async function loadGroupMeetingPage(db: Database, actor: Actor, groupId: string, meetingId: string, now = new Date()) {
  const { group, meeting } = await findGroupMeeting(db, actor, groupId, meetingId);
  // Who may move or cancel it: the reunion machinery's own rule (its scheduler while a member, the conveners).
  const mayRun = canRunReunion(actor, await findVisibleReunion(db, actor, meeting.id));
  const module = await loadMeetingModule(db, actor, meeting.moduleId);
  // The meeting before this one, cancelled ones aside: its actions are followed up here.
  const [previous] = meeting.startsAt
    ? await db
        .select(MEETING_COLUMNS)
        .from(reunions)
        .where(and(eq(reunions.groupId, group.id), ne(reunions.status, "cancelled"), lt(reunions.startsAt, meeting.startsAt)))
        .orderBy(desc(reunions.startsAt))
        .limit(1)
    : [];
  const previousActions = previous ? (await listMeetingNotes(db, previous.id)).filter((n) => n.kind === "action") : [];
  const notes = await listMeetingNotes(db, meeting.id);
  const members = await listMeetingMembers(db, group.id);
  const shared = module ? await listSharedTakeaways(db, actor.id, module.id, group.id) : [];

  return {
    group: { id: group.id, name: group.name, convener: group.access.role === "convener" },
    meeting: {
      id: meeting.id,
      title: meeting.title,
      status: meeting.status,
      startsAt: meeting.startsAt?.toISOString() ?? null,
      endsAt: meeting.endsAt?.toISOString() ?? null,
      timeZone: meeting.timeZone,
      location: meeting.location,
      onlineUrl: meeting.onlineUrl,
      occurrence: meeting.occurrence,
      over: meeting.endsAt !== null && meeting.endsAt.getTime() < now.getTime(),
    },
    mayRun,
    module: module ? { slug: module.slug, title: module.title, readable: module.readable } : null,
    takeaways: notes.filter((n) => n.kind === "takeaway"),
    actions: notes.filter((n) => n.kind === "action"),
    previous: previous
      ? {
          id: previous.id,
          title: previous.title,
          startsAt: previous.startsAt?.toISOString() ?? null,
          actions: previousActions.map((a) => ({ ...a, mayAnswer: canFollowUpAction(actor, group.access, a) })),
        }
      : null,
    members: members.map((m) => ({ id: m.id, name: m.name })),
    sharedTakeaways: shared.map((t) => ({ id: t.id, text: t.text, author: t.author, createdAt: t.createdAt.toISOString() })),
    mayWrite: canTakePartInGroup(actor, group.access),
  };
}
