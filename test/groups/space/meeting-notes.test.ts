// What a group keeps from a meeting: shared take-aways and actions, and at
// the next meeting "did you try it?", answered by the action's owner or a
// convener only. Personal take-aways members shared with the group show too.
import { asc, eq } from "drizzle-orm";
import { meetingNotes, reunions } from "../../../db/schema";
import { addMeetingNote } from "../../../app/domain/groups/meetings/meeting-notes.server";
import { recordTakeaway } from "../../../app/domain/modules/takeaways.server";
import { createPeerGroup, createPublishedModule } from "../../support/factories";
import { decodeEntities, mainText } from "../../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { startTestServer, type TestServer } from "../../support/test-server";
import { asPerson, daysFromNow, scheduleMeeting, spaceSetting, type Person } from "./space-setting";

let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const { get, post } = asPerson(() => server, () => t.db);
const notesOf = (meetingId: string) => t.db.select().from(meetingNotes).where(eq(meetingNotes.meetingId, meetingId)).orderBy(asc(meetingNotes.createdAt));

/** Two monthly meetings of the group; returns their ids in order. */
async function twoMeetings(who: Person, groupId: string) {
  const first = await scheduleMeeting(t.db, who, groupId, { date: daysFromNow(5), repeatCount: 2 });
  const rows = await t.db.select({ id: reunions.id }).from(reunions).where(eq(reunions.groupId, groupId)).orderBy(asc(reunions.startsAt));
  expect(rows[0]!.id).toBe(first);
  return [rows[0]!.id, rows[1]!.id] as const;
}

test("members record take-aways and actions; the page shows them with who wrote them and who will try", async () => {
  const { convener, member, guest, group } = await spaceSetting(t.db);
  const id = await scheduleMeeting(t.db, convener, group.id);
  const here = `/groups/${group.id}/meetings/${id}`;
  expect((await post(here, { intent: "takeaway", text: "Short handovers miss the context." }, guest)).status).toBe(302);
  expect((await post(here, { intent: "action", text: "I will try a written handover note.", ownerId: "" }, member)).status).toBe(302);
  expect((await post(here, { intent: "action", text: "Carla will pilot a checklist.", ownerId: convener.id }, member)).status).toBe(302);

  const notes = await notesOf(id);
  expect(notes.map((n) => [n.kind, n.authorId, n.ownerId, n.groupId])).toEqual([
    ["takeaway", guest.id, null, group.id],
    ["action", member.id, member.id, group.id],
    ["action", member.id, convener.id, group.id],
  ]);
  const text = mainText(await (await get(here, convener)).text());
  expect(text).toContain("Short handovers miss the context.");
  expect(text).toContain(guest.name);
  expect(text).toContain(`${member.name} will try: I will try a written handover note.`);
  expect(text).toContain(`${convener.name} will try: Carla will pilot a checklist.`);
});

test("an empty or over-long note, or an action for someone outside the group, is refused and the text kept", async () => {
  const { convener, member, outsider, group } = await spaceSetting(t.db);
  const id = await scheduleMeeting(t.db, convener, group.id);
  const here = `/groups/${group.id}/meetings/${id}`;

  const empty = await post(here, { intent: "takeaway", text: "   " }, member);
  expect(empty.status).toBe(400);
  expect(mainText(await empty.text())).toContain("Write the take-away before saving it.");

  const long = `zqlong ${"y".repeat(1000)}`;
  const tooLong = await post(here, { intent: "action", text: long, ownerId: "" }, member);
  expect(tooLong.status).toBe(400);
  const html = await tooLong.text();
  expect(mainText(html)).toContain("Keep the action under 1,000 characters.");
  expect(decodeEntities(html)).toContain(long);

  const stranger = await post(here, { intent: "action", text: "Nora will do it. zqkeep", ownerId: outsider.id }, member);
  expect(stranger.status).toBe(400);
  const strangerHtml = await stranger.text();
  expect(mainText(strangerHtml)).toContain("Choose a member of the group to try it.");
  expect(strangerHtml).toContain("Nora will do it. zqkeep");
  expect(await notesOf(id)).toHaveLength(0);
});

test("at the next meeting the owner answers “did you try it?”; another member may not, a convener may", async () => {
  const { convener, member, guest, group } = await spaceSetting(t.db);
  const [first, second] = await twoMeetings(convener, group.id);
  const memberAction = await addMeetingNote(t.db, member, group.id, first, { kind: "action", text: "Try a five-minute stand-up at shift change.", ownerId: null });
  const guestAction = await addMeetingNote(t.db, guest, group.id, first, { kind: "action", text: "Share our torque checklist.", ownerId: null });
  const next = `/groups/${group.id}/meetings/${second}`;

  const page = mainText(await (await get(next, member)).text());
  expect(page).toContain("From the last meeting: did you try it?");
  expect(page).toContain("Try a five-minute stand-up at shift change.");
  expect(page).toContain("Share our torque checklist.");
  // The first meeting has no meeting before it.
  expect(mainText(await (await get(`/groups/${group.id}/meetings/${first}`, member)).text())).not.toContain("did you try it?");

  // Someone else's action: a plain member may not answer for them.
  const refused = await post(next, { intent: "follow-up", noteId: memberAction, followUp: "dropped", followUpNote: "" }, guest);
  expect(refused.status).toBe(403);
  expect((await t.db.select().from(meetingNotes).where(eq(meetingNotes.id, memberAction)))[0]!.followUp).toBeNull();

  const answered = await post(next, { intent: "follow-up", noteId: memberAction, followUp: "tried", followUpNote: "The night shift loved it." }, member);
  expect(answered.status).toBe(302);
  const [row] = await t.db.select().from(meetingNotes).where(eq(meetingNotes.id, memberAction));
  expect(row).toMatchObject({ followUp: "tried", followUpNote: "The night shift loved it." });
  expect(row!.followedUpAt).toBeInstanceOf(Date);

  // A convener answers for a member, say one who is away.
  expect((await post(next, { intent: "follow-up", noteId: guestAction, followUp: "not_yet", followUpNote: "" }, convener)).status).toBe(302);
  const after = mainText(await (await get(next, guest)).text());
  expect(after).toContain("Tried it — The night shift loved it.");
  expect(after).toContain("Not yet");
});

test("a follow-up without an answer, or for an action of another group, is refused", async () => {
  const { orgA, convener, member, group } = await spaceSetting(t.db);
  const [first, second] = await twoMeetings(convener, group.id);
  const action = await addMeetingNote(t.db, member, group.id, first, { kind: "action", text: "Try it.", ownerId: null });
  const next = `/groups/${group.id}/meetings/${second}`;
  const noAnswer = await post(next, { intent: "follow-up", noteId: action, followUpNote: "zqnote kept" }, member);
  expect(noAnswer.status).toBe(400);
  const html = await noAnswer.text();
  expect(mainText(html)).toContain("Say whether you tried it, not yet, or dropped it.");
  expect(html).toContain("zqnote kept");

  const other = await createPeerGroup(t.db, { orgId: orgA.id, convenerIds: [member.id] });
  const elsewhere = await scheduleMeeting(t.db, member, other.id);
  const foreign = await addMeetingNote(t.db, member, other.id, elsewhere, { kind: "action", text: "Elsewhere.", ownerId: null });
  const wrongGroup = await post(next, { intent: "follow-up", noteId: foreign, followUp: "tried", followUpNote: "" }, member);
  expect(wrongGroup.status).toBe(400);
  expect(mainText(await wrongGroup.text())).toContain("That action is no longer there.");
  expect((await t.db.select().from(meetingNotes).where(eq(meetingNotes.id, foreign)))[0]!.followUp).toBeNull();
});

test("personal take-aways shared with this group for the meeting's module show on the meeting page; those shared elsewhere do not", async () => {
  const { orgA, convener, member, group } = await spaceSetting(t.db);
  const module = await createPublishedModule(t.db, { authorId: convener.id });
  const id = await scheduleMeeting(t.db, convener, group.id, { moduleId: module.id });
  const other = await createPeerGroup(t.db, { orgId: orgA.id, convenerIds: [member.id] });
  await recordTakeaway(t.db, member, module.id, { text: "zqshared I will listen before I fix.", shareWithGroupId: group.id });
  await recordTakeaway(t.db, member, module.id, { text: "zqother For the other group only.", shareWithGroupId: other.id });
  await recordTakeaway(t.db, member, module.id, { text: "zqprivate Just for me.", shareWithGroupId: null });
  const text = mainText(await (await get(`/groups/${group.id}/meetings/${id}`, convener)).text());
  expect(text).toContain("zqshared I will listen before I fix.");
  expect(text).not.toContain("zqother");
  expect(text).not.toContain("zqprivate");
});
