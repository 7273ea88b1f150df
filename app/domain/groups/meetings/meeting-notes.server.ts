// What a group keeps from a meeting: shared take-aways, and actions someone
// means to try ("I will try …"), followed up at the next meeting. Any member
// adds them; an action's owner is a member, the author unless they name another.
// Notes are the group's own working material, so they are not audited.
import { aliasedTable, asc, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { meetingNotes, users } from "../../../../db/schema";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { canTakePartInGroup, type Actor } from "../../policy";
import { findGroupMeeting, listMeetingMembers } from "./group-meeting.server";

type NoteInput = { kind: "takeaway"; text: string } | { kind: "action"; text: string; ownerId: string | null };

export async function addMeetingNote(db: Database, actor: Actor, groupId: string, meetingId: string, input: NoteInput, now = new Date()) {
  const { group, meeting } = await findGroupMeeting(db, actor, groupId, meetingId);
  if (!canTakePartInGroup(actor, group.access)) throw new ForbiddenError("groups:meeting.errors.onlyMembers");
  let ownerId: string | null = null;
  if (input.kind === "action") {
    ownerId = input.ownerId ?? actor.id;
    const members = await listMeetingMembers(db, group.id);
    if (!members.some((m) => m.id === ownerId)) throw new InputError({ ownerId: "groups:meeting.errors.owner" });
  }
  const [row] = await db
    .insert(meetingNotes)
    .values({ groupId: group.id, meetingId: meeting.id, authorId: actor.id, kind: input.kind, text: input.text, ownerId, createdAt: now })
    .returning({ id: meetingNotes.id });
  return row!.id;
}

const author = aliasedTable(users, "note_author");
const owner = aliasedTable(users, "note_owner");

export type MeetingNote = {
  id: string;
  kind: "takeaway" | "action";
  text: string;
  /** As stored, the page names a former member (null, or the erased account's name). */
  authorName: string | null;
  ownerId: string | null;
  /** An action's owner, as authorName; null for a take-away. */
  ownerName: string | null;
  followUp: "tried" | "not_yet" | "dropped" | null;
  followUpNote: string;
  followedUpAt: string | null;
  createdAt: string;
};

/** A meeting's notes, oldest first. The caller has loaded the meeting for this person. */
export async function listMeetingNotes(db: Database, meetingId: string): Promise<MeetingNote[]> {
  const rows = await db
    .select({ note: meetingNotes, authorName: author.name, ownerName: owner.name })
    .from(meetingNotes)
    .leftJoin(author, eq(author.id, meetingNotes.authorId))
    .leftJoin(owner, eq(owner.id, meetingNotes.ownerId))
    .where(eq(meetingNotes.meetingId, meetingId))
    .orderBy(asc(meetingNotes.createdAt), asc(meetingNotes.id));
  return rows.map(({ note, authorName, ownerName }) => ({
    id: note.id,
    kind: note.kind,
    text: note.text,
    authorName,
    ownerId: note.ownerId,
    ownerName: note.kind === "action" ? ownerName : null,
    followUp: note.followUp,
    followUpNote: note.followUpNote,
    followedUpAt: note.followedUpAt?.toISOString() ?? null,
    createdAt: note.createdAt.toISOString(),
  }));
}
