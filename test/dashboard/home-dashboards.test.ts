// The home page of each role: where the person stands in the programme, said
// once and never contradicted; the work waiting for them, counted and linked;
// and a role change that reaches the person, the audit log and the admin.
import { and, eq } from "drizzle-orm";
import type { SessionUser } from "../../app/domain/accounts/sessions.server";
import { loadDashboard } from "../../app/domain/dashboard/load-dashboard.server";
import { programmeStatus } from "../../app/domain/dashboard/programme-status";
import { createProposal } from "../../app/domain/proposals/create-proposal.server";
import { setSupport } from "../../app/domain/proposals/support-proposal.server";
import { reportContent } from "../../app/domain/reports/report-content.server";
import { openReviewItem } from "../../app/domain/review/review-items.server";
import { submitDraft } from "../../app/domain/review/submit-draft.server";
import { ROLES, type Role } from "../../app/domain/roles";
import { auditEvents, mentorships, moduleAuthors, modules, notifications, reunionAudience, reunions, userRoles } from "../../db/schema";
import type { DocumentEditor } from "../../server/collab/document-editor";
import { countingQueries } from "../support/counting-queries";
import { createDraftEditor, createOrg, createPeerGroup, createPublishedModule, createUser, sessionCookieFor, uniqueWord } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { reviewTitle } from "../../app/domain/groups/approve-group.server";

let t: TestDatabase;
let server: TestServer;
let editor: DocumentEditor;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
  editor = createDraftEditor(t.db);
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const STATUSES = ["You are in a cycle now.", "You finished a cycle. Keep the learning going.", "You finished a cycle and are in a new one now."];

async function home(userId: string) {
  const res = await server.request("/", { headers: { Cookie: await sessionCookieFor(t.db, userId) } });
  expect(res.status).toBe(200);
  const html = await res.text();
  return { html, text: mainText(html) };
}

const statusesIn = (text: string) => STATUSES.filter((s) => text.includes(s));
const hasLink = (html: string, href: string, text: string | RegExp) =>
  new RegExp(`<a[^>]*href="${href.replace(/[?.*+()[\]$^]/g, (c) => `\\${c}`).replace(/&/g, "&amp;")}"[^>]*>${typeof text === "string" ? text : text.source}</a>`).test(html);

describe("where a person stands in the programme", () => {
  test("someone who finished a cycle and is in a new one reads one status, never two that contradict", async () => {
    const org = await createOrg(t.db);
    const person = await createUser(t.db, { orgId: org.id, roles: ["participant", "alumnus"] });
    const { text } = await home(person.id);
    expect(statusesIn(text)).toEqual(["You finished a cycle and are in a new one now."]);
  });

  test("a participant and an alumnus each read their own status once", async () => {
    const org = await createOrg(t.db);
    for (const [roles, status] of [
      [["participant"], "You are in a cycle now."],
      [["alumnus", "facilitator", "moderator"], "You finished a cycle. Keep the learning going."],
    ] as [Role[], string][]) {
      const person = await createUser(t.db, { orgId: org.id, roles });
      expect(statusesIn((await home(person.id)).text), roles.join()).toEqual([status]);
    }
  });

  test("for every combination of roles there is at most one status, and one whenever the person is a participant or an alumnus", () => {
    for (let mask = 0; mask < 1 << ROLES.length; mask++) {
      const roles = ROLES.filter((_, i) => mask & (1 << i));
      const status = programmeStatus(roles);
      expect(status !== null, roles.join()).toBe(roles.includes("participant") || roles.includes("alumnus"));
    }
  });
});

describe("changing someone's roles on /org/people/:id", () => {
  async function orgWithAdmin() {
    const org = await createOrg(t.db);
    const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"], name: `Olga Admin ${uniqueWord()}` });
    return { org, admin, cookie: await sessionCookieFor(t.db, admin.id) };
  }

  test("granting the alumnus role tells the person, is in the audit log, and returns to the people list with a confirmation", async () => {
    const { org, admin, cookie } = await orgWithAdmin();
    const person = await createUser(t.db, { orgId: org.id, roles: ["participant"], name: `Pia Participant ${uniqueWord()}` });

    const res = await postForm(server, `/org/people/${person.id}`, { roles: ["participant", "alumnus"], reason: "Finished a cycle before Roundtable." }, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/org?saved=${person.id}`);
    const list = mainText(await (await server.request(res.headers.get("location")!, { headers: { Cookie: cookie } })).text());
    expect(list).toContain(`Saved. ${person.name} is now Participant, Alumnus, and was told in their notifications.`);

    const [notice] = await t.db.select().from(notifications).where(eq(notifications.userId, person.id));
    expect(notice).toMatchObject({ kind: "roles", title: "Your roles in Roundtable changed", link: "/" });
    expect(notice!.body).toContain("You are now: Alumnus.");
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, person.id), eq(auditEvents.action, "person.roles_changed")));
    expect(audit).toMatchObject({ actorId: admin.id, reason: "Finished a cycle before Roundtable.", details: { added: ["alumnus"], removed: [] } });
    expect(statusesIn((await home(person.id)).text)).toEqual(["You finished a cycle and are in a new one now."]);
  });

  test("saving without a change tells nobody and records nothing", async () => {
    const { org, cookie } = await orgWithAdmin();
    const person = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
    expect((await postForm(server, `/org/people/${person.id}`, { roles: ["alumnus"] }, cookie)).headers.get("location")).toBe(`/org?saved=${person.id}`);
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, person.id))).toEqual([]);
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, person.id))).toEqual([]);
  });

  test("an admin who gives up their own admin role goes to their home page with a confirmation, not to a page they may no longer open", async () => {
    const { org, admin, cookie } = await orgWithAdmin();
    await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
    const res = await postForm(server, `/org/people/${admin.id}`, { roles: ["moderator"] }, cookie);
    expect(res.headers.get("location")).toBe("/?rolesChanged=1");
    const page = mainText(await (await server.request("/?rolesChanged=1", { headers: { Cookie: cookie } })).text());
    expect(page).toContain("Your roles are saved.");
    expect(await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, admin.id))).toEqual([{ role: "moderator" }]);
  });

  test("a made-up or foreign id in the address shows no confirmation", async () => {
    const { cookie } = await orgWithAdmin();
    const elsewhere = await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["participant"] });
    for (const id of [crypto.randomUUID(), elsewhere.id, "not-an-id"]) {
      const text = mainText(await (await server.request(`/org?saved=${id}`, { headers: { Cookie: cookie } })).text());
      expect(text).not.toContain("Saved.");
    }
  });
});

/** A moderator's organisation with one of each kind of queue item, one of them waiting for days. */
async function queueWithWork() {
  const org = await createOrg(t.db);
  const moderator = await createUser(t.db, { orgId: org.id, roles: ["moderator"] });
  const alumna = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const lead = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
  const module = await createPublishedModule(t.db, { authorId: lead.id, ownerOrgId: org.id });
  await createProposal(t.db, alumna, proposalInput());
  await reportContent(t.db, alumna, { moduleSlug: module.slug }, "Page 2 names a client.");
  await submitDraft(t.db, editor, lead, module.id, new Date(Date.now() - 5 * 86_400_000));
  const group = await createPeerGroup(t.db, { orgId: org.id, convenerIds: [alumna.id], status: "awaiting_approval" });
  await openReviewItem(t.db, { kind: "group", groupId: group.id, title: reviewTitle(group.name), mindset: null, ownerOrgId: org.id });
  return { org, moderator, alumna, lead, module };
}

function proposalInput() {
  return {
    title: `A module about ${uniqueWord()}`,
    challenge: "Teams keep asking me to decide things they could decide themselves. How do I hand decisions back?",
    mindset: "collaboration" as const,
    questions: ["Which decisions could your team take without you?"],
    suggestedMode: "open" as const,
    visibility: "organisation" as const,
  };
}

describe("the work waiting for each role, counted and linked", () => {
  test("a moderator sees what waits in the review queue, by kind, with what is overdue, each a link into the queue", async () => {
    const { moderator } = await queueWithWork();
    const { html } = await home(moderator.id);
    expect(hasLink(html, "/review?kind=proposal&all=1", "1 proposal to decide")).toBe(true);
    expect(hasLink(html, "/review?kind=draft&all=1", "1 draft to review")).toBe(true);
    expect(hasLink(html, "/review?kind=report&all=1", "1 report to handle")).toBe(true);
    expect(hasLink(html, "/review?kind=group&all=1", "1 peer group waiting for approval")).toBe(true);
    expect(hasLink(html, "/review?age=overdue&all=1", "1 item waiting longer than 72 hours")).toBe(true);
  });

  test("a moderator with an empty queue is told so, with the way to the queue", async () => {
    const org = await createOrg(t.db);
    const moderator = await createUser(t.db, { orgId: org.id, roles: ["moderator"] });
    const { html, text } = await home(moderator.id);
    expect(text).toContain("Nothing is waiting for review.");
    expect(hasLink(html, "/review?all=1", "The review queue")).toBe(true);
  });

  test("an alumnus sees reunions coming up, their proposals, groups, drafts and mentoring, counted and linked", async () => {
    const org = await createOrg(t.db);
    const alumna = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
    const peer = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
    const title = `Spring reunion ${uniqueWord()}`;
    const [reunion] = await t.db
      .insert(reunions)
      .values({ orgId: org.id, organiserId: peer.id, title, status: "scheduled", timeZone: "Europe/Paris", location: "Lyon", startsAt: new Date(Date.now() + 7 * 86_400_000) })
      .returning();
    await t.db.insert(reunionAudience).values({ reunionId: reunion!.id, kind: "person", userId: alumna.id });
    const mine = await createProposal(t.db, alumna, proposalInput());
    const theirs = await createProposal(t.db, peer, proposalInput());
    await setSupport(t.db, alumna, theirs, true);
    const group = await createPeerGroup(t.db, { orgId: org.id, convenerIds: [alumna.id] });
    const lead = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
    const module = await createPublishedModule(t.db, { authorId: lead.id, ownerOrgId: org.id });
    await t.db.insert(moduleAuthors).values({ moduleId: module.id, userId: alumna.id, role: "coauthor" });
    await t.db.insert(mentorships).values({ mentorId: alumna.id, menteeId: peer.id, message: "Could you help me with a hard conversation?" });

    const { html } = await home(alumna.id);
    expect(hasLink(html, `/reunions/${reunion!.id}`, title)).toBe(true);
    expect(hasLink(html, "/#drafts-title", "1 draft you co-write")).toBe(true);
    expect(hasLink(html, "/proposals", "1 open proposal of yours")).toBe(true);
    expect(hasLink(html, "/proposals", "1 open proposal you support")).toBe(true);
    expect(hasLink(html, `/proposals/${mine}`, /[^<]+/)).toBe(true);
    expect(hasLink(html, "/groups", "1 peer group")).toBe(true);
    expect(hasLink(html, `/groups/${group.id}`, group.name)).toBe(true);
    expect(hasLink(html, "/mentoring", "1 mentoring ask waiting for your answer")).toBe(true);
  });

  test("a thought leader sees the submitted drafts of their modules, those waiting for their approval first, and their published modules", async () => {
    const org = await createOrg(t.db);
    const lead = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
    const coauthor = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
    const module = await createPublishedModule(t.db, { authorId: coauthor.id, ownerOrgId: org.id });
    // The coauthor leads the draft; the module needs the thought leader's approval.
    await t.db.update(modules).set({ requiredApproverId: lead.id }).where(eq(modules.id, module.id));
    await createPublishedModule(t.db, { authorId: lead.id, ownerOrgId: org.id });
    const submission = await submitDraft(t.db, editor, coauthor, module.id);

    const { html } = await home(lead.id);
    expect(hasLink(html, `/review/drafts/${submission.id}`, "1 submitted draft waiting for your approval")).toBe(true);
    expect(hasLink(html, `/review/drafts/${submission.id}`, module.title)).toBe(true);
    expect(hasLink(html, `/modules?author=${lead.id}`, "1 published module you lead")).toBe(true);
  });

  test("an organisation admin and a platform admin see their numbers as links to where they act", async () => {
    const org = await createOrg(t.db);
    const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin", "platform_admin"] });
    const { html } = await home(admin.id);
    expect(hasLink(html, "/org", "1 person")).toBe(true);
    expect(hasLink(html, "/org#invitations", "0 open invitations")).toBe(true);
    expect(hasLink(html, "/org/programme", "0 modules in your programme")).toBe(true);
    expect(hasLink(html, "/org/invite", "Invite someone")).toBe(true);
    expect(hasLink(html, "/admin", /\d+ organisations?/)).toBe(true);
    expect(hasLink(html, "/admin/outbox", /\d+ emails? waiting to be sent/)).toBe(true);
  });
});

test("the home page of someone with every role costs the same few queries with one item of each kind as with many", async () => {
  const { org } = await queueWithWork();
  const everything = await createUser(t.db, { orgId: org.id, roles: [...ROLES] });
  const session: SessionUser = { id: everything.id, email: everything.email, name: everything.name, orgId: org.id, timeZone: "UTC", roles: everything.roles, language: null, orgLanguage: "en" };
  const measure = async () => {
    const counting = countingQueries(t.db);
    const dashboard = await loadDashboard(counting.db, session, { overdueHours: 72 });
    return { queries: counting.count(), dashboard };
  };
  const before = await measure();
  // Many more of everything the dashboard counts.
  for (let i = 0; i < 4; i++) {
    await createProposal(t.db, everything, proposalInput());
    await createPeerGroup(t.db, { orgId: org.id, convenerIds: [everything.id] });
    await createPublishedModule(t.db, { authorId: everything.id, ownerOrgId: org.id });
  }
  const after = await measure();
  expect(after.dashboard.alumnus!.proposals.authored).toBe(before.dashboard.alumnus!.proposals.authored + 4);
  expect(after.dashboard.review!.byKind.proposal).toBe(before.dashboard.review!.byKind.proposal + 4);
  expect(after.queries).toBe(before.queries);
  expect(after.queries).toBeLessThanOrEqual(14);
});
