// The moderators' queue: what waits in their scope, how long it has waited,
// who has claimed it, and the one reminder an overdue item earns.
import { and, eq, like } from "drizzle-orm";
import { auditEvents, outbox, reviewItems, type Mindset } from "../../db/schema";
import { ForbiddenError, NotFoundError } from "../../app/domain/http-errors";
import { InputError } from "../../app/domain/input-error";
import { createProposal } from "../../app/domain/proposals/create-proposal.server";
import { reportContent } from "../../app/domain/reports/report-content.server";
import { decideSubmission } from "../../app/domain/review/decide-submission.server";
import { listReviewQueue, sendReviewReminders, setClaim, setMyMindsets, type QueueFilters } from "../../app/domain/review/review-queue.server";
import { submitDraft } from "../../app/domain/review/submit-draft.server";
import type { DocumentEditor } from "../../server/collab/document-editor";
import { createDraftEditor, createOrg, createPublishedModule, createUser, uniqueWord } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { nestedMessageIn } from "../../app/domain/i18n/translators";

let t: TestDatabase;
let editor: DocumentEditor;
beforeAll(async () => {
  t = await createTestDatabase();
  editor = createDraftEditor(t.db);
});
afterAll(async () => {
  await t?.drop();
});

const T0 = new Date("2031-01-10T09:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const OVERDUE_HOURS = 48;
const ORIGIN = "https://roundtable.example";
const allItems: QueueFilters = { kind: null, mindset: null, age: "any", onlyMyMindsets: false };

/** A published module whose new draft its lead submits at `openedAt`; returns the queue item's id and title. */
async function submittedDraft({ orgId, privateToOrg = false, mindset = "reflection", openedAt = T0 }: { orgId?: string; privateToOrg?: boolean; mindset?: Mindset; openedAt?: Date } = {}) {
  const org = orgId ?? (await createOrg(t.db)).id;
  const lead = await createUser(t.db, { orgId: org, roles: ["thought_leader"] });
  const title = `Module ${uniqueWord()}`;
  const module = await createPublishedModule(t.db, { authorId: lead.id, title, mindset, ownerOrgId: privateToOrg ? org : null });
  const { id: submissionId } = await submitDraft(t.db, editor, lead, module.id, openedAt);
  const [item] = await t.db.select().from(reviewItems).where(eq(reviewItems.submissionId, submissionId));
  return { itemId: item!.id, submissionId, title, module, lead };
}

async function moderatorIn(orgId: string, name = `Moderator ${uniqueWord()}`) {
  return createUser(t.db, { orgId, roles: ["moderator"], name });
}

const idsIn = (queue: { items: { id: string }[] }) => queue.items.map((i) => i.id);

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("it was allowed");
}

test("the queue shows open items in the moderator's scope, oldest first, and never another organisation's private item", async () => {
  const org = await createOrg(t.db);
  const moderator = await moderatorIn(org.id);
  const ownPrivate = await submittedDraft({ orgId: org.id, privateToOrg: true, openedAt: at(2) });
  const publicItem = await submittedDraft({ openedAt: at(1) });
  const elsewherePrivate = await submittedDraft({ privateToOrg: true, openedAt: at(0) });

  const queue = await listReviewQueue(t.db, moderator, allItems, { now: at(3), overdueHours: OVERDUE_HOURS });
  const ids = idsIn(queue);
  expect(ids).toContain(ownPrivate.itemId);
  expect(ids).toContain(publicItem.itemId);
  expect(ids).not.toContain(elsewherePrivate.itemId);
  expect(ids.indexOf(publicItem.itemId)).toBeLessThan(ids.indexOf(ownPrivate.itemId));
  const row = queue.items.find((i) => i.id === publicItem.itemId)!;
  expect(row).toMatchObject({ kind: "draft", title: publicItem.title, link: `/review/drafts/${publicItem.submissionId}`, claimedBy: null, claimedByMe: false });

  // A decided item leaves the queue.
  await decideSubmission(t.db, moderator, publicItem.submissionId, "approve", "", at(3));
  expect(idsIn(await listReviewQueue(t.db, moderator, allItems, { now: at(4), overdueHours: OVERDUE_HOURS }))).not.toContain(publicItem.itemId);
});

test("people who are not moderators cannot open the queue", async () => {
  const org = await createOrg(t.db);
  for (const roles of [["participant"], ["thought_leader"], ["org_admin"]] as const) {
    const person = await createUser(t.db, { orgId: org.id, roles: [...roles] });
    expect(await refusal(listReviewQueue(t.db, person, allItems, { overdueHours: OVERDUE_HOURS }))).toBeInstanceOf(ForbiddenError);
  }
});

test("the queue filters by kind of item", async () => {
  const org = await createOrg(t.db);
  const moderator = await moderatorIn(org.id);
  const alumnus = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const proposalTitle = `Proposal ${uniqueWord()}`;
  const proposalId = await createProposal(t.db, alumnus, { title: proposalTitle, challenge: "Teams stop talking after a reorganisation.", mindset: "collaboration", questions: ["What did you lose?"], suggestedMode: "curated", visibility: "organisation" });
  const draft = await submittedDraft({ orgId: org.id, privateToOrg: true });
  const { id: reportId } = await reportContent(t.db, alumnus, { moduleSlug: draft.module.slug }, "The second page names a real colleague.");
  const now = new Date();

  const proposalsOnly = await listReviewQueue(t.db, moderator, { ...allItems, kind: "proposal" }, { now, overdueHours: OVERDUE_HOURS });
  expect(proposalsOnly.items.every((i) => i.kind === "proposal")).toBe(true);
  expect(proposalsOnly.items.find((i) => i.proposalId === proposalId)).toMatchObject({ title: proposalTitle, link: `/proposals/${proposalId}` });

  const draftsOnly = await listReviewQueue(t.db, moderator, { ...allItems, kind: "draft" }, { now, overdueHours: OVERDUE_HOURS });
  expect(draftsOnly.items.every((i) => i.kind === "draft")).toBe(true);
  expect(idsIn(draftsOnly)).toContain(draft.itemId);

  const reportsOnly = await listReviewQueue(t.db, moderator, { ...allItems, kind: "report" }, { now, overdueHours: OVERDUE_HOURS });
  expect(reportsOnly.items.every((i) => i.kind === "report")).toBe(true);
  const report = reportsOnly.items.find((i) => i.reportId === reportId);
  expect(report).toMatchObject({ link: `/review/reports/${reportId}` });
  expect(nestedMessageIn("en", report!.title)).toBe(`Report: ${draft.title}`);
});

test("the queue filters by mindset", async () => {
  const org = await createOrg(t.db);
  const moderator = await moderatorIn(org.id);
  const action = await submittedDraft({ orgId: org.id, privateToOrg: true, mindset: "action" });
  const analysis = await submittedDraft({ orgId: org.id, privateToOrg: true, mindset: "analysis" });

  const queue = await listReviewQueue(t.db, moderator, { ...allItems, mindset: "action" }, { now: at(1), overdueHours: OVERDUE_HOURS });
  expect(queue.items.every((i) => i.mindset === "action")).toBe(true);
  expect(idsIn(queue)).toContain(action.itemId);
  expect(idsIn(queue)).not.toContain(analysis.itemId);
});

test("each item says how long it has waited, and items past the threshold are overdue and can be filtered by age", async () => {
  const org = await createOrg(t.db);
  const moderator = await moderatorIn(org.id);
  const twoDaysOld = await submittedDraft({ orgId: org.id, privateToOrg: true, openedAt: at(0) });
  const dayOld = await submittedDraft({ orgId: org.id, privateToOrg: true, openedAt: at(30) });
  const tenDaysOld = await submittedDraft({ orgId: org.id, privateToOrg: true, openedAt: at(50 - 240) });
  const now = at(50);

  const queue = await listReviewQueue(t.db, moderator, allItems, { now, overdueHours: OVERDUE_HOURS });
  const byId = new Map(queue.items.map((i) => [i.id, i]));
  expect(byId.get(twoDaysOld.itemId)).toMatchObject({ waitedHours: 50, overdue: true });
  expect(byId.get(dayOld.itemId)).toMatchObject({ waitedHours: 20, overdue: false });
  expect(byId.get(tenDaysOld.itemId)).toMatchObject({ waitedHours: 240, overdue: true });

  const overdue = idsIn(await listReviewQueue(t.db, moderator, { ...allItems, age: "overdue" }, { now, overdueHours: OVERDUE_HOURS }));
  expect(overdue).toEqual(expect.arrayContaining([twoDaysOld.itemId, tenDaysOld.itemId]));
  expect(overdue).not.toContain(dayOld.itemId);

  const thisWeek = idsIn(await listReviewQueue(t.db, moderator, { ...allItems, age: "week" }, { now, overdueHours: OVERDUE_HOURS }));
  expect(thisWeek).toEqual(expect.arrayContaining([twoDaysOld.itemId, dayOld.itemId]));
  expect(thisWeek).not.toContain(tenDaysOld.itemId);

  // A shorter threshold makes the younger item overdue too.
  const strict = await listReviewQueue(t.db, moderator, allItems, { now, overdueHours: 12 });
  expect(strict.items.find((i) => i.id === dayOld.itemId)?.overdue).toBe(true);
});

test("a moderator who chose their mindsets can see only those, or everything", async () => {
  const org = await createOrg(t.db);
  const moderator = await moderatorIn(org.id);
  const action = await submittedDraft({ orgId: org.id, privateToOrg: true, mindset: "action" });
  const worldliness = await submittedDraft({ orgId: org.id, privateToOrg: true, mindset: "worldliness" });
  // Unknown mindsets are ignored.
  await setMyMindsets(t.db, moderator, ["action", "nonsense" as Mindset, "action"]);

  const mine = await listReviewQueue(t.db, moderator, { ...allItems, onlyMyMindsets: true }, { now: at(1), overdueHours: OVERDUE_HOURS });
  expect(mine.myMindsets).toEqual(["action"]);
  expect(idsIn(mine)).toContain(action.itemId);
  expect(idsIn(mine)).not.toContain(worldliness.itemId);

  const everything = await listReviewQueue(t.db, moderator, allItems, { now: at(1), overdueHours: OVERDUE_HOURS });
  expect(idsIn(everything)).toEqual(expect.arrayContaining([action.itemId, worldliness.itemId]));

  // Choosing none again means all mindsets, even with "only mine" ticked.
  await setMyMindsets(t.db, moderator, []);
  const none = await listReviewQueue(t.db, moderator, { ...allItems, onlyMyMindsets: true }, { now: at(1), overdueHours: OVERDUE_HOURS });
  expect(none.myMindsets).toEqual([]);
  expect(idsIn(none)).toEqual(expect.arrayContaining([action.itemId, worldliness.itemId]));
});

describe("claiming an item", () => {
  test("shows who claimed it; a second moderator is told who has it, and only the claimer can release it", async () => {
    const org = await createOrg(t.db);
    const first = await moderatorIn(org.id);
    const second = await moderatorIn(org.id);
    const item = await submittedDraft({ orgId: org.id, privateToOrg: true });

    await setClaim(t.db, first, item.itemId, true, at(1));
    // Claiming again is harmless.
    await setClaim(t.db, first, item.itemId, true, at(2));
    const seenBySecond = (await listReviewQueue(t.db, second, allItems, { now: at(2), overdueHours: OVERDUE_HOURS })).items.find((i) => i.id === item.itemId);
    expect(seenBySecond).toMatchObject({ claimedBy: first.name, claimedByMe: false, claimedAt: at(1) });
    const seenByFirst = (await listReviewQueue(t.db, first, allItems, { now: at(2), overdueHours: OVERDUE_HOURS })).items.find((i) => i.id === item.itemId);
    expect(seenByFirst?.claimedByMe).toBe(true);

    const taken = await refusal(setClaim(t.db, second, item.itemId, true, at(3)));
    expect(taken).toBeInstanceOf(InputError);
    expect((taken as InputError).status).toBe(409);
    expect(nestedMessageIn("en", (taken as InputError).message)).toBe(`${first.name} has already claimed “${nestedMessageIn("en", item.title)}”.`);

    const notTheirs = await refusal(setClaim(t.db, second, item.itemId, false, at(3)));
    expect((notTheirs as InputError).status).toBe(409);
    expect(nestedMessageIn("en", (notTheirs as InputError).message)).toBe("You can only release an item you claimed yourself.");

    await setClaim(t.db, first, item.itemId, false, at(4));
    await setClaim(t.db, second, item.itemId, true, at(5));
    const [row] = await t.db.select().from(reviewItems).where(eq(reviewItems.id, item.itemId));
    expect(row).toMatchObject({ claimedBy: second.id, claimedAt: at(5) });

    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, item.itemId));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["review_item.claimed", first.id],
      ["review_item.released", first.id],
      ["review_item.claimed", second.id],
    ]);
  });

  test("a decided item cannot be claimed, and another organisation's private item does not exist for its moderators", async () => {
    const org = await createOrg(t.db);
    const moderator = await moderatorIn(org.id);
    const item = await submittedDraft({ orgId: org.id, privateToOrg: true });
    const outsider = await moderatorIn((await createOrg(t.db)).id);
    expect(await refusal(setClaim(t.db, outsider, item.itemId, true, at(1)))).toBeInstanceOf(NotFoundError);

    await decideSubmission(t.db, moderator, item.submissionId, "reject", "Out of scope for the programme.", at(1));
    const closed = await refusal(setClaim(t.db, moderator, item.itemId, true, at(2)));
    expect((closed as InputError).status).toBe(409);
    expect(nestedMessageIn("en", (closed as InputError).message)).toBe("This item has already been decided, so there is nothing to claim.");
  });
});

describe("reminders", () => {
  const remindersAbout = (title: string) =>
    t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, "review_reminder"), like(outbox.subject, `%${title}%`)));

  test("an item waiting longer than the threshold emails the moderators in its scope once, not twice", async () => {
    const org = await createOrg(t.db);
    const moderators = [await moderatorIn(org.id), await moderatorIn(org.id)];
    const outsider = await moderatorIn((await createOrg(t.db)).id);
    const openedAt = at(1000);
    const item = await submittedDraft({ orgId: org.id, privateToOrg: true, openedAt });
    const later = (hours: number) => new Date(openedAt.getTime() + hours * 3_600_000);

    await sendReviewReminders(t.db, { origin: ORIGIN, overdueHours: OVERDUE_HOURS, now: later(24) });
    expect(await remindersAbout(item.title)).toEqual([]);

    await sendReviewReminders(t.db, { origin: ORIGIN, overdueHours: OVERDUE_HOURS, now: later(49) });
    const sent = await remindersAbout(item.title);
    expect(sent.map((e) => e.to).sort()).toEqual(moderators.map((m) => m.email).sort());
    expect(sent.map((e) => e.to)).not.toContain(outsider.email);
    expect(sent[0]!.subject).toBe(`Waiting for review: ${item.title}`);
    expect(sent[0]!.text).toContain("has been waiting for review for 2 days");
    expect(sent[0]!.text).toContain(`${ORIGIN}/review/drafts/${item.submissionId}`);

    await sendReviewReminders(t.db, { origin: ORIGIN, overdueHours: OVERDUE_HOURS, now: later(72) });
    expect(await remindersAbout(item.title)).toHaveLength(2);
    const [row] = await t.db.select().from(reviewItems).where(eq(reviewItems.id, item.itemId));
    expect(row!.remindedAt).toEqual(later(49));
  });

  test("a claimed item reminds only the moderator who claimed it", async () => {
    const org = await createOrg(t.db);
    const claimer = await moderatorIn(org.id);
    await moderatorIn(org.id);
    const openedAt = at(2000);
    const item = await submittedDraft({ orgId: org.id, privateToOrg: true, openedAt });
    await setClaim(t.db, claimer, item.itemId, true, openedAt);

    await sendReviewReminders(t.db, { origin: ORIGIN, overdueHours: OVERDUE_HOURS, now: new Date(openedAt.getTime() + 50 * 3_600_000) });
    expect((await remindersAbout(item.title)).map((e) => e.to)).toEqual([claimer.email]);
  });

  test("a decided item is not reminded about", async () => {
    const org = await createOrg(t.db);
    const moderator = await moderatorIn(org.id);
    const openedAt = at(3000);
    const item = await submittedDraft({ orgId: org.id, privateToOrg: true, openedAt });
    await decideSubmission(t.db, moderator, item.submissionId, "approve", "", new Date(openedAt.getTime() + 3_600_000));

    await sendReviewReminders(t.db, { origin: ORIGIN, overdueHours: OVERDUE_HOURS, now: new Date(openedAt.getTime() + 100 * 3_600_000) });
    expect(await remindersAbout(item.title)).toEqual([]);
  });
});
