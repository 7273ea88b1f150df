// "Did you try it?": at the next meeting, an action's owner (or a convener,
// say when the owner has left) answers tried, not yet or dropped, with a note.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { meetingNotes } from "../../../../db/schema";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { canFollowUpAction, type Actor } from "../../policy";
import { findGroupSpace } from "../load-group.server";
import type { FollowUp } from "./meeting-fields";

export async function followUpAction(db: Database, actor: Actor, groupId: string, noteId: string, input: { followUp: FollowUp; followUpNote: string }, now = new Date()) {
  const group = await findGroupSpace(db, actor, groupId);
  const [action] = await db
    .select({ id: meetingNotes.id, ownerId: meetingNotes.ownerId })
    .from(meetingNotes)
    .where(and(eq(meetingNotes.id, noteId), eq(meetingNotes.groupId, group.id), eq(meetingNotes.kind, "action")));
  if (!action) throw new InputError({ noteId: "groups:meeting.errors.actionGone" });
  if (!canFollowUpAction(actor, group.access, action)) throw new ForbiddenError("groups:meeting.errors.followUpWho");
  await db
    .update(meetingNotes)
    .set({ followUp: input.followUp, followUpNote: input.followUpNote, followedUpAt: now })
    .where(eq(meetingNotes.id, action.id));
}
