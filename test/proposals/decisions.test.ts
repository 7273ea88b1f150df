// A moderator's decision on a proposal: accepting starts a linked draft whose
// pages are the draft questions, declining needs a reason, merging moves the
// support over. A proposal is decided once: whoever comes second is told
// who decided what and when, and nothing changes.
import { and, eq } from "drizzle-orm";
import * as Y from "yjs";
import { auditEvents, collabSnapshots, moduleAuthors, modules, notifications, proposalSupports, proposals, reviewItems } from "../../db/schema";
import { ForbiddenError, NotFoundError } from "../../app/domain/http-errors";
import { InputError } from "../../app/domain/input-error";
import { cleanModuleDoc, outlineOf } from "../../app/domain/modules/module-document";
import { draftDocumentName, findDraftBySlug } from "../../app/domain/modules/module-draft.server";
import { yDocToModuleJson } from "../../app/domain/modules/module-yjs";
import { publishRevision } from "../../app/domain/modules/publish-revision.server";
import { acceptProposal, declineProposal, mergeProposal } from "../../app/domain/proposals/decide-proposal.server";
import { setSupport } from "../../app/domain/proposals/support-proposal.server";
import { moduleDoc, sessionCookieFor, uniqueWord } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { person, propose, proposalSetting, refusal, type Person } from "./proposal-setting";
import { messageIn } from "../../app/domain/i18n/translators";
import { nestedMessageIn } from "../../app/domain/i18n/translators";

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

const cookie = (p: Person) => sessionCookieFor(t.db, p.id);
const pageOf = async (id: string, p: Person) => {
  const res = await server.request(`/proposals/${id}`, { headers: { Cookie: await cookie(p) } });
  return { status: res.status, text: mainText(await res.text()) };
};
const proposalRow = async (id: string) => (await t.db.select().from(proposals).where(eq(proposals.id, id)))[0]!;
const auditOf = (id: string) => t.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
const supportersOf = async (id: string) =>
  (await t.db.select({ userId: proposalSupports.userId }).from(proposalSupports).where(eq(proposalSupports.proposalId, id))).map((r) => r.userId).sort();

/** The draft's content as the collaboration server will load it. */
async function draftOutline(moduleId: string) {
  const [snapshot] = await t.db.select().from(collabSnapshots).where(eq(collabSnapshots.documentName, draftDocumentName(moduleId)));
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, new Uint8Array(snapshot!.state));
  const outline = outlineOf(cleanModuleDoc(yDocToModuleJson(ydoc)));
  ydoc.destroy();
  return outline;
}

describe("accepting", () => {
  test("creates a draft module linked to the proposal, with one page per draft question and the proposer as lead", async () => {
    const { proposer, colleague, moderator } = await proposalSetting(t.db);
    const questions = ["When did you last say no?", "What would you stop doing?", "Who would notice?"];
    const proposal = await propose(t.db, proposer, { questions, mindset: "action", challenge: "Too much urgent work.\nNo time for the important." });
    await setSupport(t.db, colleague, proposal.id, true);

    const res = await postForm(server, `/proposals/${proposal.id}`, { intent: "accept", mode: "curated", leadId: proposer.id, reason: "" }, await cookie(moderator));
    expect(res.status).toBe(302);

    const row = await proposalRow(proposal.id);
    expect(row).toMatchObject({ status: "accepted", decidedBy: moderator.id });
    const [module] = await t.db.select().from(modules).where(eq(modules.originProposalId, proposal.id));
    expect(module).toMatchObject({
      id: row.moduleId,
      status: "draft",
      title: proposal.title,
      summary: "Too much urgent work. No time for the important.",
      mindset: "action",
      visibility: "organisation",
      ownerOrgId: proposer.orgId,
      coCreationMode: "curated",
      publishedRevisionId: null,
    });
    expect(module!.slug).toMatch(/^saying-no-to-the-urgent-[a-z]+$/);
    expect(await t.db.select({ userId: moduleAuthors.userId, role: moduleAuthors.role }).from(moduleAuthors).where(eq(moduleAuthors.moduleId, module!.id))).toEqual([
      { userId: proposer.id, role: "lead" },
    ]);

    const outline = await draftOutline(module!.id);
    expect(outline.pages.map((p) => p.question)).toEqual(questions);
    const ids = outline.pages.map((p) => p.id);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // The lead can open the draft straight away.
    expect((await findDraftBySlug(t.db, proposer, module!.slug)).access).toBe("edit");
  });

  test("closes the queue item, writes the audit log and tells the proposer and supporters, not the moderator", async () => {
    const { proposer, colleague, moderator } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    await setSupport(t.db, colleague, proposal.id, true);
    await acceptProposal(t.db, moderator, proposal.id, { mode: "open", leadId: null, reason: "A good fit for the spring cycle." });

    const [item] = await t.db.select().from(reviewItems).where(eq(reviewItems.proposalId, proposal.id));
    expect(item!.closedAt).not.toBeNull();
    const accepted = (await auditOf(proposal.id)).filter((a) => a.action === "proposal.accepted");
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ actorId: moderator.id, reason: "A good fit for the spring cycle.", ownerOrgId: proposer.orgId });
    const told = await t.db.select().from(notifications).where(and(eq(notifications.kind, "proposal_decision"), eq(notifications.link, `/proposals/${proposal.id}`)));
    expect(told.map((n) => n.userId).sort()).toEqual([proposer.id, colleague.id].sort());
    expect(told[0]!.title).toBe(`“${proposal.title}” was accepted`);
  });

  test("the lead must be someone who can write the module", async () => {
    const { proposer, participant, moderator } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    const res = await postForm(server, `/proposals/${proposal.id}`, { intent: "accept", mode: "curated", leadId: participant.id }, await cookie(moderator));
    expect(res.status).toBe(400);
    expect(mainText(await res.text())).toContain("Choose a lead author from the list: someone who can write this module.");
    expect((await proposalRow(proposal.id)).status).toBe("open");
    expect(await t.db.select().from(modules).where(eq(modules.originProposalId, proposal.id))).toHaveLength(0);
  });

  test("two titles alike get two slugs", async () => {
    const { proposer, moderator } = await proposalSetting(t.db);
    const title = `Twin ${uniqueWord()}`;
    const first = await propose(t.db, proposer, { title });
    const second = await propose(t.db, proposer, { title });
    const a = await acceptProposal(t.db, moderator, first.id, { mode: "curated", leadId: null, reason: "" });
    const b = await acceptProposal(t.db, moderator, second.id, { mode: "curated", leadId: null, reason: "" });
    expect(b.slug).toBe(`${a.slug}-2`);
  });
});

describe("declining", () => {
  test("needs a reason; with one, the proposal shows it and everyone concerned is told", async () => {
    const { proposer, colleague, moderator } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    await setSupport(t.db, colleague, proposal.id, true);

    const bare = await postForm(server, `/proposals/${proposal.id}`, { intent: "decline", reason: "  " }, await cookie(moderator));
    expect(bare.status).toBe(400);
    expect(mainText(await bare.text())).toContain("Give the reason for declining, so the proposer and supporters understand.");
    expect((await proposalRow(proposal.id)).status).toBe("open");
    expect(await refusal(declineProposal(t.db, moderator, proposal.id, { reason: "" }))).toBeInstanceOf(InputError);

    const reason = `We already have a module on this ${uniqueWord()}.`;
    const res = await postForm(server, `/proposals/${proposal.id}`, { intent: "decline", reason }, await cookie(moderator));
    expect(res.status).toBe(302);
    expect(await proposalRow(proposal.id)).toMatchObject({ status: "declined", decisionReason: reason, decidedBy: moderator.id });
    const page = await pageOf(proposal.id, colleague);
    expect(page.text).toContain(`Declined by ${moderator.name} on`);
    expect(page.text).toContain(reason);
    expect((await auditOf(proposal.id)).find((a) => a.action === "proposal.declined")).toMatchObject({ reason });
    const told = await t.db.select().from(notifications).where(and(eq(notifications.kind, "proposal_decision"), eq(notifications.body, reason)));
    expect(told.map((n) => n.userId).sort()).toEqual([proposer.id, colleague.id].sort());
  });
});

describe("merging", () => {
  test("moves the supports to the other proposal without counting anyone twice, and says where it went", async () => {
    const { orgA, proposer, colleague, moderator } = await proposalSetting(t.db);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => person(t.db, orgA.id, ["alumnus"])));
    const otherProposer = await person(t.db, orgA.id, ["facilitator"]);
    const source = await propose(t.db, proposer);
    const target = await propose(t.db, otherProposer, { title: `The bigger idea ${uniqueWord()}` });
    for (const p of [a!, b!, otherProposer]) await setSupport(t.db, p, source.id, true);
    for (const p of [b!, c!]) await setSupport(t.db, p, target.id, true);

    const res = await postForm(server, `/proposals/${source.id}`, { intent: "merge", targetId: target.id, reason: "" }, await cookie(moderator));
    expect(res.status).toBe(302);
    expect(await supportersOf(target.id)).toEqual([a!.id, b!.id, c!.id].sort());
    expect(await supportersOf(source.id)).toEqual([]);
    expect(await proposalRow(source.id)).toMatchObject({ status: "merged", mergedIntoId: target.id });
    const page = await pageOf(source.id, colleague);
    expect(page.text).toContain(`Merged into ${target.title} by ${moderator.name}`);
    expect((await auditOf(source.id)).find((x) => x.action === "proposal.merged")!.details).toMatchObject({ mergedIntoId: target.id, supportsMoved: 2 });
    expect((await pageOf(target.id, colleague)).text).toContain(`Merged into this proposal: ${source.title}`);
  });

  test("only into another open proposal that everyone who sees this one can see", async () => {
    const { proposer, moderator, outsider } = await proposalSetting(t.db);
    const publicOne = await propose(t.db, proposer, { visibility: "public" });
    const privateOne = await propose(t.db, proposer);
    const elsewhere = await propose(t.db, outsider, { title: `Elsewhere ${uniqueWord()}` });
    const decided = await propose(t.db, proposer);
    await declineProposal(t.db, moderator, decided.id, { reason: "Not now." });
    const refused = [
      [privateOne.id, privateOne.id], // itself
      [privateOne.id, elsewhere.id], // private to another organisation
      [privateOne.id, decided.id], // no longer open
      [publicOne.id, privateOne.id], // would hide the supporters' cause from other organisations
    ];
    for (const [sourceId, targetId] of refused) {
      const error = await refusal(mergeProposal(t.db, moderator, sourceId!, { targetId: targetId!, reason: "" }));
      expect(messageIn("en", (error as InputError).fieldErrors.targetId!), `${sourceId} into ${targetId}`).toBe("Choose another open proposal to merge this one into.");
    }
    expect((await proposalRow(publicOne.id)).status).toBe("open");
    expect((await proposalRow(privateOne.id)).status).toBe("open");
  });
});

describe("a proposal is decided once", () => {
  test("deciding an already decided proposal says who decided what and when, and changes nothing", async () => {
    const { proposer, moderator, secondModerator } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    const other = await propose(t.db, proposer);
    await acceptProposal(t.db, moderator, proposal.id, { mode: "curated", leadId: null, reason: "" });
    const before = { row: await proposalRow(proposal.id), audit: (await auditOf(proposal.id)).length };

    for (const attempt of [
      () => acceptProposal(t.db, secondModerator, proposal.id, { mode: "open", leadId: null, reason: "" }),
      () => declineProposal(t.db, secondModerator, proposal.id, { reason: "Too late." }),
      () => mergeProposal(t.db, secondModerator, proposal.id, { targetId: other.id, reason: "" }),
    ]) {
      const error = await refusal(attempt());
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).status).toBe(409);
      // A message the page writes in the reader's language.
      const answer = (error as InputError).fieldErrors.form!;
      expect(nestedMessageIn("en", answer)).toMatch(new RegExp(`^${moderator.name} already accepted this proposal on .+ \\(Europe/London\\)\\. Your decision was not recorded\\.$`));
      expect(nestedMessageIn("ja", answer)).toMatch(new RegExp(`^${moderator.name}さんが.+\\(Europe/London\\)にこの提案をすでに採用しました。あなたの判断は記録されていません。$`));
    }
    expect(await proposalRow(proposal.id)).toEqual(before.row);
    expect(await auditOf(proposal.id)).toHaveLength(before.audit);
    expect(await t.db.select().from(modules).where(eq(modules.originProposalId, proposal.id))).toHaveLength(1);
    expect((await proposalRow(other.id)).status).toBe("open");

    // Over HTTP, from a page that was open before the decision.
    const res = await postForm(server, `/proposals/${proposal.id}`, { intent: "decline", reason: "Too late." }, await cookie(secondModerator));
    expect(res.status).toBe(409);
    expect(mainText(await res.text())).toContain(`${moderator.name} already accepted this proposal on`);
  });

  test("two moderators accepting at the same moment: exactly one draft is created and the other is told who decided", async () => {
    const { proposer, moderator, secondModerator } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    const results = await Promise.allSettled([
      acceptProposal(t.db, moderator, proposal.id, { mode: "curated", leadId: null, reason: "" }),
      acceptProposal(t.db, secondModerator, proposal.id, { mode: "open", leadId: null, reason: "" }),
    ]);
    const won = results.findIndex((r) => r.status === "fulfilled");
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(won).toBeGreaterThanOrEqual(0);
    expect(lost).toBeDefined();
    const winner = [moderator, secondModerator][won]!;
    expect(nestedMessageIn("en", (lost.reason as InputError).fieldErrors.form!)).toContain(`${winner.name} already accepted this proposal on`);
    expect(await t.db.select().from(modules).where(eq(modules.originProposalId, proposal.id))).toHaveLength(1);
    expect((await auditOf(proposal.id)).filter((a) => a.action === "proposal.accepted")).toHaveLength(1);
    expect((await proposalRow(proposal.id)).decidedBy).toBe(winner.id);
  });
});

describe("who decides", () => {
  test("people who are not moderators cannot decide, and another organisation's moderator does not see a private proposal", async () => {
    const { proposer, colleague, outsideModerator } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    expect(await refusal(acceptProposal(t.db, colleague, proposal.id, { mode: "curated", leadId: null, reason: "" }))).toBeInstanceOf(ForbiddenError);
    expect((await postForm(server, `/proposals/${proposal.id}`, { intent: "decline", reason: "No." }, await cookie(colleague))).status).toBe(403);
    expect(await refusal(declineProposal(t.db, outsideModerator, proposal.id, { reason: "No." }))).toBeInstanceOf(NotFoundError);
    expect((await proposalRow(proposal.id)).status).toBe("open");
    expect((await pageOf(proposal.id, colleague)).text).not.toContain("Your decision as moderator");
  });

  test("any moderator decides on a public proposal", async () => {
    const { proposer, outsideModerator } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer, { visibility: "public" });
    expect((await pageOf(proposal.id, outsideModerator)).text).toContain("Your decision as moderator");
    const module = await acceptProposal(t.db, outsideModerator, proposal.id, { mode: "open", leadId: null, reason: "" });
    const [row] = await t.db.select().from(modules).where(eq(modules.id, module.id));
    expect(row).toMatchObject({ visibility: "public", ownerOrgId: null, coCreationMode: "open" });
  });
});

describe("after accepting", () => {
  test("in open mode an alumnus joins the draft as co-author from the proposal page", async () => {
    const { proposer, colleague, participant, moderator } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer, { suggestedMode: "open" });
    const module = await acceptProposal(t.db, moderator, proposal.id, { mode: "open", leadId: null, reason: "" });

    expect((await pageOf(proposal.id, colleague)).text).toContain("Join as co-author");
    const res = await postForm(server, `/proposals/${proposal.id}`, { intent: "join" }, await cookie(colleague));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/modules/${module.slug}/edit`);
    const [author] = await t.db.select().from(moduleAuthors).where(and(eq(moduleAuthors.moduleId, module.id), eq(moduleAuthors.userId, colleague.id)));
    expect(author!.role).toBe("coauthor");
    expect((await auditOf(module.id)).filter((a) => a.action === "module.coauthor_joined" && a.actorId === colleague.id)).toHaveLength(1);
    expect((await pageOf(proposal.id, colleague)).text).toContain("Open the draft you are writing");

    // A participant sees how the module is coming along, but cannot join.
    const seen = (await pageOf(proposal.id, participant)).text;
    expect(seen).toContain(`The module “${proposal.title}” is being written, open to co-authors who want to join.`);
    expect(seen).not.toContain("Join as co-author");
    expect((await postForm(server, `/proposals/${proposal.id}`, { intent: "join" }, await cookie(participant))).status).toBe(403);
  });

  test("a curated draft offers no joining, and once published the proposal links to the module", async () => {
    const { proposer, colleague, moderator } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    const module = await acceptProposal(t.db, moderator, proposal.id, { mode: "curated", leadId: null, reason: "" });
    const page = (await pageOf(proposal.id, colleague)).text;
    expect(page).not.toContain("Join as co-author");
    expect((await postForm(server, `/proposals/${proposal.id}`, { intent: "join" }, await cookie(colleague))).status).toBe(403);

    await publishRevision(t.db, { moduleId: module.id, doc: moduleDoc({ pages: 2 }), authorId: proposer.id });
    const html = await (await server.request(`/proposals/${proposal.id}`, { headers: { Cookie: await cookie(colleague) } })).text();
    expect(html).toContain(`href="/modules/${module.slug}"`);
    expect(mainText(html)).toContain("Read the published module");
  });
});
