// Reports and the audit log: anyone may report what they can see, a
// moderator settles it and the reporter hears how; every step of review
// leaves a row in an audit log nobody can rewrite, read within one's scope.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { auditEvents, comments, modules, notifications, reports, reviewItems } from "../../db/schema";
import { listAuditEvents, type AuditFilters } from "../../app/domain/audit/list-audit-events.server";
import { ForbiddenError, NotFoundError } from "../../app/domain/http-errors";
import { InputError } from "../../app/domain/input-error";
import { setPersonRoles } from "../../app/domain/orgs/people.server";
import { createProposal } from "../../app/domain/proposals/create-proposal.server";
import { loadReport, reportContent, resolveReport } from "../../app/domain/reports/report-content.server";
import { decideSubmission } from "../../app/domain/review/decide-submission.server";
import { listReviewQueue, setClaim } from "../../app/domain/review/review-queue.server";
import { submitDraft } from "../../app/domain/review/submit-draft.server";
import type { DocumentEditor } from "../../server/collab/document-editor";
import { createCoauthor, createDraftComment, createDraftEditor, createOrg, createPeerGroup, createPublishedModule, createUser, uniqueWord } from "../support/factories";
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

const T0 = new Date("2032-06-01T08:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const noFilters: AuditFilters = { action: null, targetType: null, actor: null, from: null, to: null, page: 1 };

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("it was allowed");
}

/** Every message along an error's cause chain: drivers and ORMs wrap the database's own words. */
function messages(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) parts.push(String(e.message));
  return parts.join(" | ");
}

const named = (label: string) => `${label} ${uniqueWord()}`;

/** A published module with its lead, and a moderator in the same organisation. */
async function publishedModule({ privateToOrg = false } = {}) {
  const org = await createOrg(t.db);
  const lead = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"], name: named("Lead") });
  const moderator = await createUser(t.db, { orgId: org.id, roles: ["moderator"], name: named("Moderator") });
  const module = await createPublishedModule(t.db, { authorId: lead.id, ownerOrgId: privateToOrg ? org.id : null, title: named("Module") });
  return { org, lead, moderator, module };
}

const reportRow = async (id: string) => (await t.db.select().from(reports).where(eq(reports.id, id)))[0]!;
const outcomesFor = (userId: string) => t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, "report_outcome")));

describe("reports", () => {
  test("anyone signed in can report a published module they can see; the report waits in the moderators' queue", async () => {
    const { module } = await publishedModule();
    const reader = await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["participant"] });
    const { id, link } = await reportContent(t.db, reader, { moduleSlug: module.slug }, "  The third page gives medical advice.  ", at(0));
    expect(link).toBe(`/modules/${module.slug}`);
    expect(await reportRow(id)).toMatchObject({ reporterId: reader.id, moduleId: module.id, commentId: null, reason: "The third page gives medical advice.", status: "open" });
    const [item] = await t.db.select().from(reviewItems).where(eq(reviewItems.reportId, id));
    // Public content: the reporter's organisation handles it (decision 021).
    expect(item).toMatchObject({ kind: "report", ownerOrgId: reader.orgId, closedAt: null });
    expect(nestedMessageIn("en", item!.title)).toBe(`Report: ${module.title}`);
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(audit).toMatchObject({ action: "report.created", actorId: reader.id, reason: "The third page gives medical advice.", ownerOrgId: reader.orgId });
  });

  test("a report needs a reason", async () => {
    const { module } = await publishedModule();
    const reader = await createUser(t.db, { orgId: module.ownerOrgId ?? (await createOrg(t.db)).id });
    const error = await refusal(reportContent(t.db, reader, { moduleSlug: module.slug }, "   ", at(0)));
    expect(error).toBeInstanceOf(InputError);
    expect(messageIn("en", (error as InputError).fieldErrors.reason!)).toBe("Tell the moderators what is wrong, in a sentence or two.");
  });

  test("reporting the same thing again while the first report is open is refused; once it is settled, it can be reported again", async () => {
    const { org, module, moderator } = await publishedModule();
    const reader = await createUser(t.db, { orgId: org.id });
    const { id } = await reportContent(t.db, reader, { moduleSlug: module.slug }, "Out of date figures.", at(0));
    const again = await refusal(reportContent(t.db, reader, { moduleSlug: module.slug }, "Still out of date.", at(1)));
    expect(again).toBeInstanceOf(InputError);
    expect((again as InputError).status).toBe(409);
    expect(messageIn("en", (again as InputError).fieldErrors.form!)).toBe("You have already reported this. A moderator will look at it and tell you the outcome.");
    expect(await t.db.select().from(reports).where(eq(reports.moduleId, module.id))).toHaveLength(1);

    await resolveReport(t.db, moderator, id, "dismissed", "", at(2));
    await reportContent(t.db, reader, { moduleSlug: module.slug }, "The figures are still out of date.", at(3));
    expect(await t.db.select().from(reports).where(eq(reports.moduleId, module.id))).toHaveLength(2);
  });

  test("a module private to another organisation cannot be reported: it does not exist for the reporter", async () => {
    const { module } = await publishedModule({ privateToOrg: true });
    const outsider = await createUser(t.db, { orgId: (await createOrg(t.db)).id });
    expect(await refusal(reportContent(t.db, outsider, { moduleSlug: module.slug }, "Curious.", at(0)))).toBeInstanceOf(NotFoundError);
  });

  test("hiding a reported comment hides its text and tells the reporter", async () => {
    const { org, module, moderator } = await publishedModule();
    const { user: writer } = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
    const { user: reporter } = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
    const comment = await createDraftComment(t.db, { moduleId: module.id, authorId: writer.id, body: "A rude remark about a colleague." });
    const { id } = await reportContent(t.db, reporter, { commentId: comment.id }, "This is personal.", at(0));

    const seen = await loadReport(t.db, moderator, id);
    expect(seen.target).toMatchObject({ kind: "comment", commentId: comment.id, excerpt: "A rude remark about a colleague.", hidden: false });
    expect(seen.report.reporter).toBe(reporter.name);

    await resolveReport(t.db, moderator, id, "hidden", "Comments stay about the work.", at(1));
    const [hidden] = await t.db.select().from(comments).where(eq(comments.id, comment.id));
    expect(hidden!.hiddenAt).toEqual(at(1));
    expect(await reportRow(id)).toMatchObject({ status: "hidden", resolvedBy: moderator.id, resolvedAt: at(1), resolutionNote: "Comments stay about the work." });
    const [item] = await t.db.select().from(reviewItems).where(eq(reviewItems.reportId, id));
    expect(item!.closedAt).toEqual(at(1));
    const [notice] = await outcomesFor(reporter.id);
    expect(notice).toMatchObject({ title: `Your report: A comment on the draft of “${module.title}”`, body: "A moderator agreed and hid what you reported. Comments stay about the work." });
    expect(await outcomesFor(writer.id)).toEqual([]);
  });

  test("a comment on a public proposal can be reported by anyone, and hiding it hides its text", async () => {
    const org = await createOrg(t.db);
    const proposer = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
    const proposalId = await createProposal(t.db, proposer, { title: named("Proposal"), challenge: "Meetings run long.", mindset: "action", questions: ["Why?"], suggestedMode: "open", visibility: "public" });
    const [comment] = await t.db.insert(comments).values({ proposalId, authorId: proposer.id, body: "Only fools run long meetings." }).returning();
    const reader = await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["participant"] });
    // The moderators of the reporter's organisation handle it.
    const moderator = await createUser(t.db, { orgId: reader.orgId, roles: ["moderator"] });

    const { id, link } = await reportContent(t.db, reader, { commentId: comment!.id }, "Name-calling.", at(0));
    expect(link).toBe(`/proposals/${proposalId}#comment-${comment!.id}`);
    await resolveReport(t.db, moderator, id, "hidden", "", at(1));
    const [hidden] = await t.db.select().from(comments).where(eq(comments.id, comment!.id));
    expect(hidden!.hiddenAt).toEqual(at(1));
    expect((await outcomesFor(reader.id)).map((n) => n.body)).toEqual(["A moderator agreed and hid what you reported."]);
  });

  test("hiding a reported module archives it, settles every open report on it, in every organisation, and tells each reporter", async () => {
    const { org, module, moderator } = await publishedModule();
    // One reader of the moderator's organisation, one of another: hiding settles both.
    const readers = [await createUser(t.db, { orgId: org.id }), await createUser(t.db, { orgId: (await createOrg(t.db)).id })];
    const [first, second] = [
      await reportContent(t.db, readers[0]!, { moduleSlug: module.slug }, "Plagiarised from a book.", at(0)),
      await reportContent(t.db, readers[1]!, { moduleSlug: module.slug }, "Copied text.", at(1)),
    ];

    await resolveReport(t.db, moderator, first!.id, "hidden", undefined, at(2));
    const [row] = await t.db.select().from(modules).where(eq(modules.id, module.id));
    expect(row!.status).toBe("archived");
    // Readers lose it; its published revision is kept.
    expect(row!.publishedRevisionId).toBe(module.revision.id);
    for (const r of [first!, second!]) expect(await reportRow(r.id)).toMatchObject({ status: "hidden", resolvedBy: moderator.id });
    const open = await t.db.select().from(reviewItems).where(and(inArray(reviewItems.reportId, [first!.id, second!.id]), sql`${reviewItems.closedAt} is null`));
    expect(open).toEqual([]);
    for (const reader of readers) expect((await outcomesFor(reader.id)).map((n) => n.body)).toEqual(["A moderator agreed and hid what you reported."]);
  });

  test("dismissing a report leaves the content as it is and tells the reporter", async () => {
    const { org, module, moderator } = await publishedModule();
    const { user: writer } = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
    const { user: reporter } = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
    const comment = await createDraftComment(t.db, { moduleId: module.id, authorId: writer.id });
    const { id } = await reportContent(t.db, reporter, { commentId: comment.id }, "Too blunt.", at(0));
    await resolveReport(t.db, moderator, id, "dismissed", "Blunt, but fair.", at(1));
    const [kept] = await t.db.select().from(comments).where(eq(comments.id, comment.id));
    expect(kept!.hiddenAt).toBeNull();
    expect((await reportRow(id)).status).toBe("dismissed");
    expect((await outcomesFor(reporter.id)).map((n) => n.body)).toEqual(["A moderator looked at what you reported and decided to leave it as it is. Blunt, but fair."]);
  });

  test("a report already settled cannot be settled again, and the second moderator is told who settled it", async () => {
    const { org, module, moderator } = await publishedModule();
    const second = await createUser(t.db, { orgId: org.id, roles: ["moderator"] });
    const reader = await createUser(t.db, { orgId: org.id });
    const { id } = await reportContent(t.db, reader, { moduleSlug: module.slug }, "Wrong author named.", at(0));
    await resolveReport(t.db, moderator, id, "resolved", "Fixed the author name.", at(1));

    for (const outcome of ["resolved", "hidden", "dismissed"] as const) {
      const error = await refusal(resolveReport(t.db, second, id, outcome, "", at(2)));
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).status).toBe(409);
      expect(messageIn("en", (error as InputError).fieldErrors.form!)).toBe(`This report was already resolved by ${moderator.name}.`);
    }
    expect(await reportRow(id)).toMatchObject({ status: "resolved", resolvedBy: moderator.id });
    const [row] = await t.db.select().from(modules).where(eq(modules.id, module.id));
    expect(row!.status).toBe("published");
    expect(await outcomesFor(reader.id)).toHaveLength(1);
  });

  test("a moderator of another organisation cannot see or settle a report on an organisation-private module", async () => {
    const { org, module } = await publishedModule({ privateToOrg: true });
    const member = await createUser(t.db, { orgId: org.id });
    const { id } = await reportContent(t.db, member, { moduleSlug: module.slug }, "Outdated.", at(0));
    const outsider = await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["moderator"] });
    expect(await refusal(loadReport(t.db, outsider, id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(resolveReport(t.db, outsider, id, "hidden", "", at(1)))).toBeInstanceOf(NotFoundError);
    expect((await reportRow(id)).status).toBe("open");
  });
});

describe("reports across organisations (decision 021)", () => {
  /** A public module owned by organisation B, reported by a member of organisation A; each organisation has a moderator. */
  async function publicModuleReportedFromA() {
    const { org: orgB, moderator: moderatorB, module } = await publishedModule();
    await t.db.update(modules).set({ ownerOrgId: orgB.id }).where(eq(modules.id, module.id));
    const orgA = await createOrg(t.db);
    const reporter = await createUser(t.db, { orgId: orgA.id, name: named("Reporter") });
    const moderatorA = await createUser(t.db, { orgId: orgA.id, roles: ["moderator"] });
    const report = await reportContent(t.db, reporter, { moduleSlug: module.slug }, "Page 3 names a client.", at(0));
    return { orgA, orgB, reporter, moderatorA, moderatorB, module, report };
  }

  test("a report on a public module goes to the moderators of the reporter's organisation, who see who reported it", async () => {
    const { reporter, moderatorA, report } = await publicModuleReportedFromA();
    const seen = await loadReport(t.db, moderatorA, report.id);
    expect(seen.report.reporter).toBe(reporter.name);
    expect(seen.report.reason).toBe("Page 3 names a client.");
    expect(JSON.stringify(seen)).not.toContain(reporter.id);
    const queue = await listReviewQueue(t.db, moderatorA, { kind: "report", mindset: null, age: "any", onlyMyMindsets: false }, { overdueHours: 72 });
    expect(queue.items.map((i) => i.reportId)).toContain(report.id);
    await resolveReport(t.db, moderatorA, report.id, "dismissed", "", at(1));
    expect((await reportRow(report.id)).status).toBe("dismissed");
  });

  test("a moderator of another organisation, the module's own included, cannot find, read, claim or settle it, nor see it in the audit log", async () => {
    const { reporter, moderatorB, report } = await publicModuleReportedFromA();
    const elsewhere = await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["moderator"] });
    for (const moderator of [moderatorB, elsewhere]) {
      expect(await refusal(loadReport(t.db, moderator, report.id))).toBeInstanceOf(NotFoundError);
      expect(await refusal(resolveReport(t.db, moderator, report.id, "dismissed", "", at(1)))).toBeInstanceOf(NotFoundError);
      const queue = await listReviewQueue(t.db, moderator, { kind: "report", mindset: null, age: "any", onlyMyMindsets: false }, { overdueHours: 72 });
      expect(queue.items.map((i) => i.reportId)).not.toContain(report.id);
      const [item] = await t.db.select().from(reviewItems).where(eq(reviewItems.reportId, report.id));
      expect(await refusal(setClaim(t.db, moderator, item!.id, true, at(1)))).toBeInstanceOf(NotFoundError);
      expect((await listAuditEvents(t.db, moderator, { ...noFilters, actor: reporter.name })).events).toEqual([]);
    }
    expect((await reportRow(report.id)).status).toBe("open");
  });

  test("a platform admin who moderates handles any report and sees who filed it", async () => {
    const { reporter, report } = await publicModuleReportedFromA();
    const platformModerator = await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["platform_admin", "moderator"] });
    expect((await loadReport(t.db, platformModerator, report.id)).report.reporter).toBe(reporter.name);
  });

  test("a report from another organisation's member on a group's discussion goes to the group's organisation, which does not learn who filed it", async () => {
    const orgA = await createOrg(t.db, { crossOrgConnections: true });
    const orgB = await createOrg(t.db, { crossOrgConnections: true });
    const convener = await createUser(t.db, { orgId: orgA.id, roles: ["alumnus"] });
    const guest = await createUser(t.db, { orgId: orgB.id, roles: ["alumnus"], name: named("Guest") });
    const group = await createPeerGroup(t.db, { orgId: orgA.id, convenerIds: [convener.id], memberIds: [guest.id], crossOrg: true });
    const [comment] = await t.db.insert(comments).values({ groupId: group.id, authorId: convener.id, body: "Everyone in sales is lazy." }).returning();
    const report = await reportContent(t.db, guest, { commentId: comment!.id }, "Insulting a whole department.", at(0));

    const moderatorA = await createUser(t.db, { orgId: orgA.id, roles: ["moderator"] });
    const seen = await loadReport(t.db, moderatorA, report.id);
    expect(seen.report.reporter).toBeNull();
    expect(seen.report.reporterHidden).toBe("otherOrg");
    expect(seen.report.reason).toBe("Insulting a whole department.");
    expect(JSON.stringify(seen)).not.toContain(guest.name);
    expect(JSON.stringify(seen)).not.toContain(guest.id);
    // The guest's own organisation does not moderate another organisation's group.
    const moderatorB = await createUser(t.db, { orgId: orgB.id, roles: ["moderator"] });
    expect(await refusal(loadReport(t.db, moderatorB, report.id))).toBeInstanceOf(NotFoundError);
    await resolveReport(t.db, moderatorA, report.id, "hidden", "", at(1));
    expect((await outcomesFor(guest.id)).map((n) => n.body)).toEqual(["A moderator agreed and hid what you reported."]);
  });

  test("dismissing settles only the reports handled in the same organisation; the others wait for their own moderators", async () => {
    const { orgA, moderatorA, module, report } = await publicModuleReportedFromA();
    const colleague = await createUser(t.db, { orgId: orgA.id });
    const sameOrg = await reportContent(t.db, colleague, { moduleSlug: module.slug }, "Also the client's name.", at(0));
    const stranger = await createUser(t.db, { orgId: (await createOrg(t.db)).id });
    const otherOrg = await reportContent(t.db, stranger, { moduleSlug: module.slug }, "Names a client.", at(0));
    await resolveReport(t.db, moderatorA, report.id, "dismissed", "It is a made-up name.", at(1));
    expect((await reportRow(sameOrg.id)).status).toBe("dismissed");
    expect((await reportRow(otherOrg.id)).status).toBe("open");
    expect(await outcomesFor(stranger.id)).toEqual([]);
    const [item] = await t.db.select().from(reviewItems).where(eq(reviewItems.reportId, otherOrg.id));
    expect(item!.closedAt).toBeNull();
  });
});

/**
 * A private module's whole review, scripted at fixed times: submit, changes
 * requested, resubmit, claim, approve (which publishes), a report and its
 * resolution, then an admin's role change.
 */
async function scriptedLifecycle() {
  const { org, lead, moderator, module } = await publishedModule({ privateToOrg: true });
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"], name: named("Admin") });
  const reporter = await createUser(t.db, { orgId: org.id, roles: ["participant"], name: named("Reporter") });
  const promoted = await createUser(t.db, { orgId: org.id, roles: ["alumnus"], name: named("Alumnus") });

  const round1 = await submitDraft(t.db, editor, lead, module.id, at(0));
  await decideSubmission(t.db, moderator, round1.id, "request_changes", "Add an example to page 1.", at(1));
  const round2 = await submitDraft(t.db, editor, lead, module.id, at(2));
  const [item] = await t.db.select().from(reviewItems).where(eq(reviewItems.submissionId, round2.id));
  await setClaim(t.db, moderator, item!.id, true, at(3));
  await decideSubmission(t.db, moderator, round2.id, "approve", "", at(4));
  const report = await reportContent(t.db, reporter, { moduleSlug: module.slug }, "Page 4 shares a client's name.", at(5));
  await resolveReport(t.db, moderator, report.id, "resolved", "The name is removed.", at(6));
  await setPersonRoles(t.db, admin, promoted.id, ["alumnus", "moderator"]);
  return { org, lead, moderator, admin, reporter, promoted, module, round1, round2, itemId: item!.id, reportId: report.id };
}

describe("the audit log", () => {
  test("records every step of a review, with who did it, when and why", async () => {
    const s = await scriptedLifecycle();
    const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.ownerOrgId, s.org.id)).orderBy(asc(auditEvents.id));
    const summary = rows.map((r) => ({ action: r.action, actorId: r.actorId, actorName: r.actorName, targetId: r.targetId, reason: r.reason }));
    expect(summary).toEqual([
      { action: "submission.submitted", actorId: s.lead.id, actorName: s.lead.name, targetId: s.round1.id, reason: null },
      { action: "submission.changes_requested", actorId: s.moderator.id, actorName: s.moderator.name, targetId: s.round1.id, reason: "Add an example to page 1." },
      { action: "submission.submitted", actorId: s.lead.id, actorName: s.lead.name, targetId: s.round2.id, reason: null },
      { action: "review_item.claimed", actorId: s.moderator.id, actorName: s.moderator.name, targetId: s.itemId, reason: null },
      { action: "submission.approved", actorId: s.moderator.id, actorName: s.moderator.name, targetId: s.round2.id, reason: null },
      { action: "module.published", actorId: s.moderator.id, actorName: s.moderator.name, targetId: s.module.id, reason: null },
      { action: "report.created", actorId: s.reporter.id, actorName: s.reporter.name, targetId: s.reportId, reason: "Page 4 shares a client's name." },
      { action: "report.resolved", actorId: s.moderator.id, actorName: s.moderator.name, targetId: s.reportId, reason: "The name is removed." },
      { action: "person.roles_changed", actorId: s.admin.id, actorName: s.admin.name, targetId: s.promoted.id, reason: null },
    ]);
    expect(rows.slice(0, 8).map((r) => r.at)).toEqual([at(0), at(1), at(2), at(3), at(4), at(4), at(5), at(6)]);
    expect(rows.every((r) => r.targetLabel !== "")).toBe(true);
    expect(rows[1]!.details).toMatchObject({ moduleId: s.module.id, round: 1, capacity: "moderator" });
    expect(rows[5]!.details).toMatchObject({ revision: 2, submissionId: s.round2.id });
    expect(rows[8]!.details).toEqual({ added: ["moderator"], removed: [] });
  });

  test("cannot be changed or deleted, not even directly in the database", async () => {
    const s = await scriptedLifecycle();
    const before = await t.db.select().from(auditEvents).where(eq(auditEvents.ownerOrgId, s.org.id)).orderBy(asc(auditEvents.id));
    const update = await refusal(t.db.execute(sql`update audit_events set reason = 'rewritten' where owner_org_id = ${s.org.id}`));
    expect(messages(update)).toContain("the audit log is append-only");
    const remove = await refusal(t.db.execute(sql`delete from audit_events where owner_org_id = ${s.org.id}`));
    expect(messages(remove)).toContain("the audit log is append-only");
    const after = await t.db.select().from(auditEvents).where(eq(auditEvents.ownerOrgId, s.org.id)).orderBy(asc(auditEvents.id));
    expect(after).toEqual(before);
  });

  test("each reader sees only their scope: an organisation's own admins its events, moderators public ones, nobody else's", async () => {
    const s = await scriptedLifecycle();
    const publicSide = await publishedModule();
    const publicRound = await submitDraft(t.db, editor, publicSide.lead, publicSide.module.id, at(0));
    const onlyTheseActors = (name: string) => ({ ...noFilters, actor: name });

    const otherOrg = await createOrg(t.db);
    const otherAdmin = await createUser(t.db, { orgId: otherOrg.id, roles: ["org_admin", "alumnus"] });
    expect((await listAuditEvents(t.db, otherAdmin, noFilters)).events).toEqual([]);
    expect((await listAuditEvents(t.db, otherAdmin, onlyTheseActors(s.lead.name))).events).toEqual([]);

    const ownAdmin = await listAuditEvents(t.db, s.admin, noFilters);
    expect(ownAdmin.events).toHaveLength(9);
    expect(ownAdmin.events.every((e) => e.ownerOrgId === s.org.id)).toBe(true);
    // Newest first (the role change happened now, before the scripted future dates).
    expect(ownAdmin.events.map((e) => e.action)).toEqual([
      "report.resolved",
      "report.created",
      "module.published",
      "submission.approved",
      "review_item.claimed",
      "submission.submitted",
      "submission.changes_requested",
      "submission.submitted",
      "person.roles_changed",
    ]);
    expect((await listAuditEvents(t.db, s.admin, onlyTheseActors(publicSide.lead.name))).events).toEqual([]);

    const otherModerator = await createUser(t.db, { orgId: otherOrg.id, roles: ["moderator"] });
    expect((await listAuditEvents(t.db, otherModerator, onlyTheseActors(s.lead.name))).events).toEqual([]);
    const publicEvents = (await listAuditEvents(t.db, otherModerator, onlyTheseActors(publicSide.lead.name))).events;
    expect(publicEvents.map((e) => [e.action, e.targetId])).toEqual([["submission.submitted", publicRound.id]]);

    // The organisation's own moderator sees both its events and public ones.
    expect((await listAuditEvents(t.db, s.moderator, onlyTheseActors(s.lead.name))).events).toHaveLength(2);
    expect((await listAuditEvents(t.db, s.moderator, onlyTheseActors(publicSide.lead.name))).events).toHaveLength(1);

    const platformAdmin = await createUser(t.db, { orgId: otherOrg.id, roles: ["platform_admin"] });
    expect((await listAuditEvents(t.db, platformAdmin, onlyTheseActors(s.lead.name))).events).toHaveLength(2);

    for (const roles of [["participant"], ["thought_leader"]] as const) {
      const person = await createUser(t.db, { orgId: s.org.id, roles: [...roles] });
      expect(await refusal(listAuditEvents(t.db, person, noFilters))).toBeInstanceOf(ForbiddenError);
    }
  });

  test("can be filtered by kind of action, kind of target, person and date", async () => {
    const s = await scriptedLifecycle();
    const list = async (filters: Partial<AuditFilters>) => (await listAuditEvents(t.db, s.admin, { ...noFilters, ...filters })).events.map((e) => e.action);

    expect(await list({ action: "submission" })).toEqual(["submission.approved", "submission.submitted", "submission.changes_requested", "submission.submitted"]);
    expect(await list({ action: "submission.approved" })).toEqual(["submission.approved"]);
    expect(await list({ action: "report" })).toEqual(["report.resolved", "report.created"]);
    expect(await list({ targetType: "review_item" })).toEqual(["review_item.claimed"]);
    expect(await list({ targetType: "module" })).toEqual(["module.published"]);
    expect(await list({ targetType: "person" })).toEqual(["person.roles_changed"]);
    // Part of a name, in any case.
    expect(await list({ actor: s.reporter.name.slice(2).toUpperCase() })).toEqual(["report.created"]);
    expect(await list({ actor: "%" })).toEqual([]);
    expect(await list({ from: new Date(at(1).getTime() + 1), to: at(4) })).toEqual(["review_item.claimed", "submission.submitted"]);
    expect(await list({ action: "submission", from: at(4) })).toEqual(["submission.approved"]);
  });
});
