// Proposing a module idea over HTTP: who may, what a proposal holds, and the
// answers to bad input (400 with the message and what was typed kept).
import { and, eq } from "drizzle-orm";
import { auditEvents, proposals, reviewItems } from "../../db/schema";
import { sessionCookieFor, uniqueWord } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { proposalSetting, type Person } from "./proposal-setting";

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

const goodForm = (title: string) => ({
  title,
  challenge: "New managers keep doing their old job.\nThey never learn to delegate.",
  mindset: "collaboration",
  questions: "What did you hand over this month?\n\nWhat stopped you handing over more?",
  suggestedMode: "open",
  visibility: "public",
});

test("an alumnus proposes a module and lands on its page, which shows the idea as they wrote it", async () => {
  const { proposer } = await proposalSetting(t.db);
  const title = `Letting go ${uniqueWord()}`;
  const res = await postForm(server, "/proposals/new", goodForm(title), await cookie(proposer));
  expect(res.status).toBe(302);
  const location = res.headers.get("location")!;
  expect(location).toMatch(/^\/proposals\/[0-9a-f-]{36}$/);
  const id = location.split("/").pop()!;

  const [row] = await t.db.select().from(proposals).where(eq(proposals.id, id));
  expect(row).toMatchObject({
    title,
    proposerId: proposer.id,
    orgId: proposer.orgId,
    visibility: "public",
    mindset: "collaboration",
    suggestedMode: "open",
    status: "open",
    draftQuestions: ["What did you hand over this month?", "What stopped you handing over more?"],
    challenge: "New managers keep doing their old job.\nThey never learn to delegate.",
  });
  const page = mainText(await (await server.request(location, { headers: { Cookie: await cookie(proposer) } })).text());
  expect(page).toContain(title);
  expect(page).toContain("What stopped you handing over more?");
  expect(page).toContain("Open for discussion and support");
});

test("a new proposal waits in the moderators' queue and is in the audit log", async () => {
  const { proposer } = await proposalSetting(t.db);
  const res = await postForm(server, "/proposals/new", { ...goodForm(`Queue ${uniqueWord()}`), visibility: "organisation" }, await cookie(proposer));
  const id = res.headers.get("location")!.split("/").pop()!;
  const [item] = await t.db.select().from(reviewItems).where(eq(reviewItems.proposalId, id));
  expect(item).toMatchObject({ kind: "proposal", mindset: "collaboration", ownerOrgId: proposer.orgId, closedAt: null });
  const audit = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, "proposal.created")));
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actorId: proposer.id, actorName: proposer.name, targetType: "proposal", ownerOrgId: proposer.orgId });
});

test("a public proposal is in no organisation's queue alone: any moderator may take it", async () => {
  const { proposer } = await proposalSetting(t.db);
  const res = await postForm(server, "/proposals/new", goodForm(`Public ${uniqueWord()}`), await cookie(proposer));
  const id = res.headers.get("location")!.split("/").pop()!;
  const [item] = await t.db.select().from(reviewItems).where(eq(reviewItems.proposalId, id));
  expect(item!.ownerOrgId).toBeNull();
});

test("bad input is answered with 400, a message per field, and everything typed kept", async () => {
  const { proposer } = await proposalSetting(t.db);
  const challenge = `A challenge worth keeping ${uniqueWord()}`;
  const res = await postForm(server, "/proposals/new", { ...goodForm(""), title: "   ", mindset: "", challenge, questions: "" }, await cookie(proposer));
  expect(res.status).toBe(400);
  const text = mainText(await res.text());
  expect(text).toContain("Give your idea a working title.");
  expect(text).toContain("Choose the mindset this module belongs to.");
  expect(text).toContain("Write at least one draft question, one per line.");
  expect(text).toContain(challenge);
  expect(await t.db.select().from(proposals).where(eq(proposals.challenge, challenge))).toHaveLength(0);
});

test("too many draft questions, or one too long, is refused with a message that says which", async () => {
  const { proposer } = await proposalSetting(t.db);
  const nine = Array.from({ length: 9 }, (_, i) => `Question number ${i + 1}?`).join("\n");
  const tooMany = await postForm(server, "/proposals/new", { ...goodForm(`Many ${uniqueWord()}`), questions: nine }, await cookie(proposer));
  expect(tooMany.status).toBe(400);
  const manyText = mainText(await tooMany.text());
  expect(manyText).toContain("Use at most 8 draft questions. You wrote 9.");
  expect(manyText).toContain("Question number 9?");

  const long = `Why ${"really ".repeat(60)}?`;
  const tooLong = await postForm(server, "/proposals/new", { ...goodForm(`Long ${uniqueWord()}`), questions: `A short one?\n${long}` }, await cookie(proposer));
  expect(tooLong.status).toBe(400);
  const longText = mainText(await tooLong.text());
  expect(longText).toContain("Question 2 is longer than 300 characters. Please shorten it.");
  expect(longText).toContain("A short one?");
});

test("a participant reads who can propose instead of the form, and cannot post one", async () => {
  const { participant, moderator } = await proposalSetting(t.db);
  for (const who of [participant, moderator]) {
    const page = await server.request("/proposals/new", { headers: { Cookie: await cookie(who) } });
    expect(page.status).toBe(200);
    const text = mainText(await page.text());
    expect(text).toContain("Alumni, facilitators and thought leaders can propose new modules.");
    expect(text).not.toContain("Send proposal");
    const post = await postForm(server, "/proposals/new", goodForm(`Not mine ${uniqueWord()}`), await cookie(who));
    expect(post.status).toBe(403);
  }
});

test("signed out, proposing sends you to sign in first", async () => {
  const res = await server.request("/proposals/new");
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent("/proposals/new")}`);
});
