// Reviewing a changed module: the lead submits the draft as it is, moderators
// send it back or approve it, and only an approval publishes a new revision.
// Against a real database; the draft is read and edited through the same
// port the collaboration server offers, on the stored document.
import { and, asc, eq } from "drizzle-orm";
import * as Y from "yjs";
import { auditEvents, moduleAuthors, moduleRevisions, moduleSubmissions, modules, notifications, reviewItems, submissionApprovals, type Role } from "../../db/schema";
import { ForbiddenError, NotFoundError } from "../../app/domain/http-errors";
import { InputError } from "../../app/domain/input-error";
import { draftDocumentName } from "../../app/domain/modules/module-draft.server";
import { MODULE_YJS_FIELD } from "../../app/domain/modules/module-schema";
import { updateDraftSettings } from "../../app/domain/modules/draft-team.server";
import { decideSubmission } from "../../app/domain/review/decide-submission.server";
import { loadReviewPage, rebaseSubmission } from "../../app/domain/review/review-page.server";
import { submitDraft, withdrawSubmission } from "../../app/domain/review/submit-draft.server";
import type { DocumentEditor } from "../../server/collab/document-editor";
import { typeInto } from "../support/collab-client";
import { createCoauthor, createDraftEditor, createOrg, createPublishedModule, createUser, moduleDoc, uniqueWord } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { messageIn, nestedMessageIn } from "../../app/domain/i18n/translators";

let t: TestDatabase;
let editor: DocumentEditor;
beforeAll(async () => {
  t = await createTestDatabase();
  editor = createDraftEditor(t.db);
});
afterAll(async () => {
  await t?.drop();
});

const T0 = new Date("2030-03-05T10:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

/** A published module with a lead thought leader, a co-author and a moderator in its organisation. */
async function moduleWithTeam({ privateToOrg = false, leadRoles = ["thought_leader"] as Role[] } = {}) {
  const org = await createOrg(t.db);
  const lead = await createUser(t.db, { orgId: org.id, roles: leadRoles, name: `Lead ${uniqueWord()}` });
  const publishedWord = uniqueWord();
  const module = await createPublishedModule(t.db, { authorId: lead.id, ownerOrgId: privateToOrg ? org.id : null, doc: moduleDoc({ intro: `What readers see ${publishedWord}.` }) });
  const { user: coauthor } = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
  const moderator = await createUser(t.db, { orgId: org.id, roles: ["moderator"], name: `Moderator ${uniqueWord()}` });
  return { org, lead, coauthor, moderator, module, publishedWord, documentName: draftDocumentName(module.id) };
}

/** Someone typing at the end of the draft's introduction. */
const typeIntoDraft = (documentName: string, text: string) => editor.edit(documentName, (doc: Y.Doc) => typeInto({ fragment: () => doc.getXmlFragment(MODULE_YJS_FIELD) }, text));

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("it was allowed");
}

/** A permission refusal: a 403 with this message. */
async function forbidden(promise: Promise<unknown>, message: string) {
  const error = await refusal(promise);
  expect(error).toBeInstanceOf(ForbiddenError);
  expect((error as ForbiddenError).status).toBe(403);
  // The refusal is a catalogue key; in English it reads as before.
  expect(messageIn("en", await (error as ForbiddenError).text())).toBe(message);
}

async function inputRefusal(promise: Promise<unknown>, status: 400 | 409) {
  const error = await refusal(promise);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).status).toBe(status);
  return error as InputError;
}

const submissionRow = async (id: string) => (await t.db.select().from(moduleSubmissions).where(eq(moduleSubmissions.id, id)))[0]!;
const moduleRow = async (id: string) => (await t.db.select().from(modules).where(eq(modules.id, id)))[0]!;
const revisionsOf = (moduleId: string) => t.db.select().from(moduleRevisions).where(eq(moduleRevisions.moduleId, moduleId)).orderBy(asc(moduleRevisions.number));
const reviewItemOf = async (submissionId: string) => (await t.db.select().from(reviewItems).where(eq(reviewItems.submissionId, submissionId)))[0]!;
const notificationsOf = (userId: string, kind: string) => t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

/** Makes another contributor the lead and the thought leader a co-author (a hand-over; no use-case does this yet). */
async function handLeadOver(moduleId: string, from: string, to: string) {
  await t.db.update(moduleAuthors).set({ role: "coauthor" }).where(and(eq(moduleAuthors.moduleId, moduleId), eq(moduleAuthors.userId, from)));
  await t.db.insert(moduleAuthors).values({ moduleId, userId: to, role: "lead" });
}

test("a published module goes through review: submitted, sent back with a reason, resubmitted, approved and published", async () => {
  const { lead, coauthor, moderator, module, documentName } = await moduleWithTeam();
  const first = uniqueWord();
  const later = uniqueWord();

  // The lead submits: the draft as it is now is frozen as the candidate.
  await typeIntoDraft(documentName, ` Round one ${first}.`);
  const round1 = await submitDraft(t.db, editor, lead, module.id, at(0));
  expect(round1.round).toBe(1);
  const frozen = await submissionRow(round1.id);
  expect(frozen.state).toBe("in_review");
  expect(JSON.stringify(frozen.candidateDoc)).toContain(first);
  expect(frozen.baseRevisionId).toBe(module.revision.id);
  expect((await reviewItemOf(round1.id)).closedAt).toBeNull();

  let page = await loadReviewPage(t.db, editor, moderator, round1.id);
  expect(page.changedSinceSubmission).toBe(false);
  expect(page.capacity).toBe("moderator");
  expect(page.published?.number).toBe(1);

  // A co-author keeps writing: the candidate stays as submitted, and the page says the draft moved on.
  await typeIntoDraft(documentName, ` Added later ${later}.`);
  page = await loadReviewPage(t.db, editor, moderator, round1.id);
  expect(page.changedSinceSubmission).toBe(true);
  expect(page.candidateHtml).toContain(first);
  expect(page.candidateHtml).not.toContain(later);

  // The moderator asks for changes, with a reason every author hears.
  const reason = "Page 2 needs a clearer question.";
  expect(await decideSubmission(t.db, moderator, round1.id, "request_changes", reason, at(1))).toEqual({ state: "changes_requested" });
  const sentBack = await submissionRow(round1.id);
  expect(sentBack).toMatchObject({ state: "changes_requested", decidedBy: moderator.id, decisionReason: reason });
  expect((await reviewItemOf(round1.id)).closedAt).toEqual(at(1));
  for (const author of [lead, coauthor]) {
    const [notice] = await notificationsOf(author.id, "decision");
    expect(notice).toMatchObject({ title: `Changes requested on “${module.title}”`, body: reason });
  }
  expect(await notificationsOf(moderator.id, "decision")).toEqual([]);
  expect(await revisionsOf(module.id)).toHaveLength(1);

  // The lead submits again: round 2, with everything written since.
  const round2 = await submitDraft(t.db, editor, lead, module.id, at(2));
  expect(round2.round).toBe(2);
  page = await loadReviewPage(t.db, editor, moderator, round2.id);
  expect(page.earlierRounds).toEqual([expect.objectContaining({ round: 1, state: "changes_requested", reason })]);

  // The moderator approves: that publishes revision 2 from the round-2 candidate.
  expect(await decideSubmission(t.db, moderator, round2.id, "approve", "", at(3))).toEqual({ state: "published", revisionNumber: 2 });
  const revisions = await revisionsOf(module.id);
  expect(revisions.map((r) => r.number)).toEqual([1, 2]);
  const published = revisions[1]!;
  expect(published.submissionId).toBe(round2.id);
  expect(published.html).toContain(first);
  expect(published.html).toContain(later);
  expect((await moduleRow(module.id)).publishedRevisionId).toBe(published.id);
  expect(await submissionRow(round2.id)).toMatchObject({ state: "published", decidedBy: moderator.id, publishedRevisionId: published.id });
  expect((await reviewItemOf(round2.id)).closedAt).toEqual(at(3));
  const [approved] = await notificationsOf(coauthor.id, "decision").then((rows) => rows.filter((r) => r.title.includes("approved")));
  expect(approved?.body).toBe("Revision 2 is now what readers see.");
});

test("readers keep seeing the published revision while a new draft is in review, until it is approved", async () => {
  const { lead, moderator, module, documentName, publishedWord } = await moduleWithTeam();
  const candidateWord = uniqueWord();
  await typeIntoDraft(documentName, ` Not yet for readers ${candidateWord}.`);
  const { id } = await submitDraft(t.db, editor, lead, module.id, at(0));

  const during = await moduleRow(module.id);
  expect(during.publishedRevisionId).toBe(module.revision.id);
  expect(during.status).toBe("published");
  const [live] = await t.db.select().from(moduleRevisions).where(eq(moduleRevisions.id, during.publishedRevisionId!));
  expect(live!.html).toContain(publishedWord);
  expect(live!.html).not.toContain(candidateWord);

  await decideSubmission(t.db, moderator, id, "approve", undefined, at(1));
  const after = await moduleRow(module.id);
  expect(after.publishedRevisionId).not.toBe(module.revision.id);
  const [next] = await t.db.select().from(moduleRevisions).where(eq(moduleRevisions.id, after.publishedRevisionId!));
  expect(next!.html).toContain(candidateWord);
});

test("the lead can withdraw a submission, which closes it in the queue and lets them submit again", async () => {
  const { lead, moderator, module } = await moduleWithTeam();
  const { id } = await submitDraft(t.db, editor, lead, module.id, at(0));
  await withdrawSubmission(t.db, lead, module.id, at(1));
  expect((await submissionRow(id)).state).toBe("withdrawn");
  expect((await reviewItemOf(id)).closedAt).toEqual(at(1));
  const refused = await inputRefusal(decideSubmission(t.db, moderator, id, "approve", "", at(2)), 409);
  expect(nestedMessageIn("en", refused.message)).toContain(`already withdrawn by ${lead.name}`);
  expect((await submitDraft(t.db, editor, lead, module.id, at(3))).round).toBe(2);
});

test("invisible control characters typed into the draft (a NUL among them) do not stop it being submitted; the candidate keeps the words without them", async () => {
  const { lead, module, documentName } = await moduleWithTeam();
  const word = uniqueWord();
  // The editor never sends these; a crafted websocket client could.
  await typeIntoDraft(documentName, ` Pasted\u0000 from a PDF ${word}\u0007\ufffe.`);
  const submitted = await submitDraft(t.db, editor, lead, module.id, at(0));
  const candidate = JSON.stringify((await submissionRow(submitted.id)).candidateDoc);
  expect(candidate).toContain(`Pasted from a PDF ${word}.`);
  expect(candidate).not.toMatch(/\\u0000|\\u0007|\ufffe/);
});

describe("decisions that are refused", () => {
  test("a moderator who leads the module cannot approve their own submission", async () => {
    const { lead, module } = await moduleWithTeam({ leadRoles: ["thought_leader", "moderator"] });
    const { id } = await submitDraft(t.db, editor, lead, module.id, at(0));
    await forbidden(decideSubmission(t.db, lead, id, "approve", "", at(1)), "You write this module, so a moderator who does not must review it.");
    expect((await submissionRow(id)).state).toBe("in_review");
    expect(await t.db.select().from(submissionApprovals).where(eq(submissionApprovals.submissionId, id))).toEqual([]);
  });

  test("a co-author who is also a moderator cannot approve as moderator", async () => {
    const { org, lead, module } = await moduleWithTeam();
    const writingModerator = await createUser(t.db, { orgId: org.id, roles: ["alumnus", "moderator"] });
    await t.db.insert(moduleAuthors).values({ moduleId: module.id, userId: writingModerator.id, role: "coauthor" });
    const { id } = await submitDraft(t.db, editor, lead, module.id, at(0));
    await forbidden(decideSubmission(t.db, writingModerator, id, "approve", "", at(1)), "You write this module, so a moderator who does not must review it.");
    expect(await revisionsOf(module.id)).toHaveLength(1);
  });

  test("a required approver who submitted the draft cannot approve or send back their own submission", async () => {
    const { lead, module } = await moduleWithTeam();
    await updateDraftSettings(t.db, lead, module.id, { coCreationMode: "curated", requireMyApproval: true });
    const { id } = await submitDraft(t.db, editor, lead, module.id, at(0));
    await forbidden(decideSubmission(t.db, lead, id, "approve", "", at(1)), "You submitted this draft, so someone else must approve or decline it.");
    await forbidden(decideSubmission(t.db, lead, id, "reject", "I changed my mind.", at(1)), "You submitted this draft, so someone else must approve or decline it.");
    expect((await submissionRow(id)).state).toBe("in_review");
  });

  test("deciding a submission someone already decided is refused, naming who decided what and when", async () => {
    const { org, lead, moderator, module } = await moduleWithTeam();
    const second = await createUser(t.db, { orgId: org.id, roles: ["moderator"] });
    const { id } = await submitDraft(t.db, editor, lead, module.id, at(0));
    expect(await decideSubmission(t.db, moderator, id, "reject", "This repeats an existing module.", at(1))).toEqual({ state: "rejected" });

    for (const decision of ["approve", "request_changes", "reject"] as const) {
      const refused = await inputRefusal(decideSubmission(t.db, second, id, decision, "Another view.", at(2)), 409);
      expect(nestedMessageIn("en", refused.message)).toBe(`This submission was already rejected by ${moderator.name} on 5 Mar 2030, 11:00 (UTC), so it cannot be changed any more.`);
    }
    expect(await submissionRow(id)).toMatchObject({ state: "rejected", decidedBy: moderator.id, decisionReason: "This repeats an existing module." });
    const [notice] = await notificationsOf(lead.id, "decision");
    expect(notice).toMatchObject({ title: `“${module.title}” was not accepted`, body: "This repeats an existing module." });
  });

  test("asking for changes or rejecting needs a reason, and changes nothing without one", async () => {
    const { lead, moderator, module } = await moduleWithTeam();
    const { id } = await submitDraft(t.db, editor, lead, module.id, at(0));
    const noChanges = await inputRefusal(decideSubmission(t.db, moderator, id, "request_changes", "   ", at(1)), 400);
    expect(messageIn("en", noChanges.fieldErrors.reason!)).toBe("Say what should change, so the authors know what to do.");
    const noReject = await inputRefusal(decideSubmission(t.db, moderator, id, "reject", undefined, at(1)), 400);
    expect(messageIn("en", noReject.fieldErrors.reason!)).toBe("Say why the draft is rejected, so its authors understand.");
    expect((await submissionRow(id)).state).toBe("in_review");
    expect(await notificationsOf(lead.id, "decision")).toEqual([]);
  });

  test("a draft cannot be submitted again while it waits for review", async () => {
    const { lead, module } = await moduleWithTeam();
    await submitDraft(t.db, editor, lead, module.id, at(0));
    const refused = await inputRefusal(submitDraft(t.db, editor, lead, module.id, at(1)), 409);
    expect(messageIn("en", refused.fieldErrors.form!)).toContain("already waiting for review");
    expect(await t.db.select().from(moduleSubmissions).where(eq(moduleSubmissions.moduleId, module.id))).toHaveLength(1);
  });

  test("a co-author who is not the lead cannot submit the draft", async () => {
    const { coauthor, module } = await moduleWithTeam();
    await forbidden(submitDraft(t.db, editor, coauthor, module.id, at(0)), "Only the draft's lead author can submit it for review or withdraw it.");
    expect(await t.db.select().from(moduleSubmissions).where(eq(moduleSubmissions.moduleId, module.id))).toEqual([]);
  });
});

describe("a lead thought leader as required approver", () => {
  test("a moderator's approval alone does not publish; the thought leader's approval then does", async () => {
    const { org, lead: thoughtLeader, moderator, module } = await moduleWithTeam();
    await updateDraftSettings(t.db, thoughtLeader, module.id, { coCreationMode: "curated", requireMyApproval: true });
    // Someone else leads the draft now and submits it, so the thought leader has not signed it off.
    const newLead = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
    await handLeadOver(module.id, thoughtLeader.id, newLead.id);
    const { id } = await submitDraft(t.db, editor, newLead, module.id, at(0));
    expect((await notificationsOf(thoughtLeader.id, "submission")).map((n) => n.link)).toEqual([`/review/drafts/${id}`]);

    expect(await decideSubmission(t.db, moderator, id, "approve", "", at(1))).toEqual({ state: "in_review", waitingFor: "author" });
    expect(await revisionsOf(module.id)).toHaveLength(1);
    expect((await moduleRow(module.id)).publishedRevisionId).toBe(module.revision.id);
    expect((await reviewItemOf(id)).closedAt).toBeNull();
    // A second moderator's approval adds nothing.
    const another = await createUser(t.db, { orgId: org.id, roles: ["moderator"] });
    const again = await inputRefusal(decideSubmission(t.db, another, id, "approve", "", at(2)), 409);
    expect(nestedMessageIn("en", again.message)).toBe(`${moderator.name} has already approved this as moderator.`);

    const page = await loadReviewPage(t.db, editor, thoughtLeader, id);
    expect(page.capacity).toBe("author");
    expect(page.requiredApprover).toBe(thoughtLeader.name);

    expect(await decideSubmission(t.db, thoughtLeader, id, "approve", "", at(3))).toEqual({ state: "published", revisionNumber: 2 });
    expect((await submissionRow(id)).state).toBe("published");
    expect(await t.db.select({ capacity: submissionApprovals.capacity, userId: submissionApprovals.userId }).from(submissionApprovals).where(eq(submissionApprovals.submissionId, id))).toEqual(
      expect.arrayContaining([
        { capacity: "moderator", userId: moderator.id },
        { capacity: "author", userId: thoughtLeader.id },
      ]),
    );
  });

  test("the thought leader's approval first waits for a moderator", async () => {
    const { org, lead: thoughtLeader, moderator, module } = await moduleWithTeam();
    await updateDraftSettings(t.db, thoughtLeader, module.id, { coCreationMode: "curated", requireMyApproval: true });
    const newLead = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
    await handLeadOver(module.id, thoughtLeader.id, newLead.id);
    const { id } = await submitDraft(t.db, editor, newLead, module.id, at(0));
    expect(await decideSubmission(t.db, thoughtLeader, id, "approve", "", at(1))).toEqual({ state: "in_review", waitingFor: "moderator" });
    expect(await decideSubmission(t.db, moderator, id, "approve", "", at(2))).toEqual({ state: "published", revisionNumber: 2 });
  });

  test("when the required approver submitted the draft themselves, a moderator's approval publishes it", async () => {
    const { lead, moderator, module } = await moduleWithTeam();
    await updateDraftSettings(t.db, lead, module.id, { coCreationMode: "curated", requireMyApproval: true });
    const { id } = await submitDraft(t.db, editor, lead, module.id, at(0));
    const page = await loadReviewPage(t.db, editor, moderator, id);
    expect(page.requiredApproverSubmitted).toBe(true);
    expect(await decideSubmission(t.db, moderator, id, "approve", "", at(1))).toEqual({ state: "published", revisionNumber: 2 });
  });

  test("after a re-base, a required approver who submitted must approve the newer text themselves", async () => {
    const { lead, moderator, module, documentName } = await moduleWithTeam();
    await updateDraftSettings(t.db, lead, module.id, { coCreationMode: "curated", requireMyApproval: true });
    const { id } = await submitDraft(t.db, editor, lead, module.id, at(0));
    await typeIntoDraft(documentName, ` Added by a co-author ${uniqueWord()}.`);
    await rebaseSubmission(t.db, editor, moderator, id, at(1));
    const page = await loadReviewPage(t.db, editor, lead, id);
    expect(page.requiredApproverSubmitted).toBe(false);
    expect(page.submission.submittedByMe).toBe(false);

    expect(await decideSubmission(t.db, moderator, id, "approve", "", at(2))).toEqual({ state: "in_review", waitingFor: "author" });
    expect(await revisionsOf(module.id)).toHaveLength(1);
    expect(await decideSubmission(t.db, lead, id, "approve", "", at(3))).toEqual({ state: "published", revisionNumber: 2 });
  });
});

test("re-basing replaces the candidate with the draft as it is now and withdraws approvals already given", async () => {
  const { org, lead: thoughtLeader, moderator, module, documentName } = await moduleWithTeam();
  await updateDraftSettings(t.db, thoughtLeader, module.id, { coCreationMode: "curated", requireMyApproval: true });
  const newLead = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  await handLeadOver(module.id, thoughtLeader.id, newLead.id);
  const submitted = uniqueWord();
  const afterwards = uniqueWord();
  await typeIntoDraft(documentName, ` Submitted ${submitted}.`);
  const { id } = await submitDraft(t.db, editor, newLead, module.id, at(0));
  expect(await decideSubmission(t.db, thoughtLeader, id, "approve", "", at(1))).toEqual({ state: "in_review", waitingFor: "moderator" });

  await typeIntoDraft(documentName, ` Written afterwards ${afterwards}.`);
  expect((await loadReviewPage(t.db, editor, moderator, id)).changedSinceSubmission).toBe(true);

  await rebaseSubmission(t.db, editor, moderator, id, at(2));
  const page = await loadReviewPage(t.db, editor, moderator, id);
  expect(page.changedSinceSubmission).toBe(false);
  expect(page.candidateHtml).toContain(afterwards);
  expect(page.submission.rebasedAt).toEqual(at(2));
  expect(page.approvals).toEqual([]);
  const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, "submission.rebased")));
  expect(audit).toMatchObject({ actorId: moderator.id, details: { moduleId: module.id, approvalsWithdrawn: ["author"] } });

  // The thought leader's earlier approval no longer counts: the moderator's alone waits for theirs again.
  expect(await decideSubmission(t.db, moderator, id, "approve", "", at(3))).toEqual({ state: "in_review", waitingFor: "author" });
  expect(await decideSubmission(t.db, thoughtLeader, id, "approve", "", at(4))).toEqual({ state: "published", revisionNumber: 2 });
  const [, revision] = await revisionsOf(module.id);
  expect(revision!.html).toContain(afterwards);
});

test("a decided submission cannot be re-based", async () => {
  const { lead, moderator, module } = await moduleWithTeam();
  const { id } = await submitDraft(t.db, editor, lead, module.id, at(0));
  await decideSubmission(t.db, moderator, id, "request_changes", "Shorter pages, please.", at(1));
  const refused = await inputRefusal(rebaseSubmission(t.db, editor, moderator, id, at(2)), 409);
  expect(nestedMessageIn("en", refused.message)).toBe("This submission was already sent back for changes, so it cannot be changed any more.");
  expect((await submissionRow(id)).rebasedAt).toBeNull();
});

test("an author who is not a reviewer of the module cannot re-base its submission: 403", async () => {
  const { lead, coauthor, module } = await moduleWithTeam();
  const { id } = await submitDraft(t.db, editor, lead, module.id, at(0));
  await forbidden(rebaseSubmission(t.db, editor, coauthor, id, at(1)), "Only a reviewer of this module can re-base its submission.");
  expect((await submissionRow(id)).rebasedAt).toBeNull();
});

describe("two moderators deciding the same submission at once", () => {
  async function twoModeratorsAndASubmission() {
    const setup = await moduleWithTeam();
    const other = await createUser(t.db, { orgId: setup.org.id, roles: ["moderator"], name: `Moderator ${uniqueWord()}` });
    const { id } = await submitDraft(t.db, editor, setup.lead, setup.module.id, at(0));
    return { ...setup, other, id };
  }

  test("approve against request changes: exactly one wins, and the other is told who decided", async () => {
    const { moderator, other, id, module } = await twoModeratorsAndASubmission();
    const results = await Promise.allSettled([
      decideSubmission(t.db, moderator, id, "approve", "", at(1)),
      decideSubmission(t.db, other, id, "request_changes", "The introduction is too long.", at(1)),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = results[0]!.status === "fulfilled" ? moderator : other;
    const row = await submissionRow(id);
    expect(row.decidedBy).toBe(winner.id);
    expect(row.state).toBe(winner === moderator ? "published" : "changes_requested");
    expect(lost[0]!.reason).toBeInstanceOf(InputError);
    expect((lost[0]!.reason as InputError).status).toBe(409);
    expect(nestedMessageIn("en", (lost[0]!.reason as InputError).message)).toContain(`by ${winner.name}`);
    expect((await revisionsOf(module.id)).length).toBe(winner === moderator ? 2 : 1);
  });

  test("approve against approve: one revision is published, and the other is told who published it", async () => {
    const { moderator, other, id, module } = await twoModeratorsAndASubmission();
    const results = await Promise.allSettled([decideSubmission(t.db, moderator, id, "approve", "", at(1)), decideSubmission(t.db, other, id, "approve", "", at(1))]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = results[0]!.status === "fulfilled" ? moderator : other;
    expect((lost[0]!.reason as InputError).status).toBe(409);
    expect(nestedMessageIn("en", (lost[0]!.reason as InputError).message)).toContain(`approved and published by ${winner.name}`);
    expect((await revisionsOf(module.id)).map((r) => r.number)).toEqual([1, 2]);
    expect(await t.db.select().from(submissionApprovals).where(eq(submissionApprovals.submissionId, id))).toHaveLength(1);
  });
});

test("a moderator of another organisation gets a 404 on a submission of an organisation-private module", async () => {
  const { lead, module } = await moduleWithTeam({ privateToOrg: true });
  const { id } = await submitDraft(t.db, editor, lead, module.id, at(0));
  const elsewhere = await createOrg(t.db);
  const outsider = await createUser(t.db, { orgId: elsewhere.id, roles: ["moderator", "org_admin"] });

  for (const attempt of [
    () => decideSubmission(t.db, outsider, id, "approve", "", at(1)),
    () => decideSubmission(t.db, outsider, id, "reject", "Not for us.", at(1)),
    () => loadReviewPage(t.db, editor, outsider, id),
    () => rebaseSubmission(t.db, editor, outsider, id, at(1)),
  ]) {
    const error = await refusal(attempt());
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
  }
  expect((await submissionRow(id)).state).toBe("in_review");
  expect(await revisionsOf(module.id)).toHaveLength(1);
});
