// The draft editor page over HTTP: who gets the editor and in which mode, the
// links that lead there, and the answers the editor relies on when its socket
// fails (it re-reads the page's data to tell "offline" from "no access").
import { eq } from "drizzle-orm";
import { moduleAuthors, moduleSubmissions, modules } from "../../db/schema";
import { collaboratorColour } from "../../app/domain/modules/collaborator-colour";
import { createOrg, createPublishedModule, createUser, sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

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

const DATA = `?_data=${encodeURIComponent("routes/modules.$slug.edit")}`;

async function setting() {
  const org = await createOrg(t.db);
  const lead = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"], name: "Lena Lead" });
  const coauthor = await createUser(t.db, { orgId: org.id, roles: ["alumnus"], name: "Cora Coauthor" });
  const moderator = await createUser(t.db, { orgId: org.id, roles: ["moderator"] });
  const participant = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  const module = await createPublishedModule(t.db, { authorId: lead.id });
  await t.db.insert(moduleAuthors).values({ moduleId: module.id, userId: coauthor.id, role: "coauthor" });
  return { lead, coauthor, moderator, participant, module };
}

async function get(path: string, userId?: string) {
  const headers: Record<string, string> = userId ? { Cookie: await sessionCookieFor(t.db, userId) } : {};
  return server.request(path, { headers });
}

test("a co-author gets the editor for the draft, named and coloured as themselves", async () => {
  const { coauthor, module } = await setting();
  const res = await get(`/modules/${module.slug}/edit${DATA}`, coauthor.id);
  expect(res.status).toBe(200);
  const data = await res.json();
  expect(data).toMatchObject({
    module: { id: module.id, slug: module.slug, title: module.title, status: "published" },
    documentName: `module.${module.id}`,
    access: "edit",
    user: { id: coauthor.id, name: "Cora Coauthor", color: collaboratorColour(coauthor.id) },
  });
  // Beside the editor: who writes it; a co-author does not lead it (no submitting, inviting or settings).
  expect(data.team).toMatchObject({ isAuthor: true, isLead: false, canRequireApproval: false, latestSubmission: null });
  expect(data.team.authors).toContainEqual({ id: coauthor.id, name: "Cora Coauthor", role: "coauthor" });
  const page = await get(`/modules/${module.slug}/edit`, coauthor.id);
  expect(page.status).toBe(200);
  expect(mainText(await page.text())).toContain(module.title);
});

test("a moderator gets the draft to read, and someone with no part in it gets a 404", async () => {
  const { moderator, participant, module } = await setting();
  const asModerator = await get(`/modules/${module.slug}/edit${DATA}`, moderator.id);
  expect((await asModerator.json()).access).toBe("view");
  const asParticipant = await get(`/modules/${module.slug}/edit${DATA}`, participant.id);
  expect(asParticipant.status).toBe(404);
  const page = await get(`/modules/${module.slug}/edit`, participant.id);
  expect(page.status).toBe(404);
  expect(mainText(await page.text())).toContain("We could not find that module draft, or it is not shared with you.");
});

test("signed out, the editor's data request is sent to sign in", async () => {
  const { module } = await setting();
  const res = await get(`/modules/${module.slug}/edit${DATA}`);
  expect(res.headers.get("X-Remix-Redirect")).toMatch(/^\/login\?redirectTo=/);
});

test("the module page links co-authors to edit the draft and moderators to read it, and nobody else", async () => {
  const { lead, coauthor, moderator, participant, module } = await setting();
  const linkText = async (userId: string) => {
    const html = await (await get(`/modules/${module.slug}`, userId)).text();
    const match = new RegExp(`<a[^>]*href="/modules/${module.slug}/edit"[^>]*>([^<]*)</a>`).exec(html);
    return match?.[1] ?? null;
  };
  expect(await linkText(lead.id)).toBe("Edit draft");
  expect(await linkText(coauthor.id)).toBe("Edit draft");
  expect(await linkText(moderator.id)).toBe("View working draft");
  expect(await linkText(participant.id)).toBeNull();
});

test("the home page lists the drafts a person is writing", async () => {
  const { coauthor, participant, module } = await setting();
  const home = mainText(await (await get("/", coauthor.id)).text());
  expect(home).toContain("Modules you are writing");
  expect(home).toContain(`${module.title} · co-author`);
  expect(mainText(await (await get("/", participant.id)).text())).not.toContain("Modules you are writing");
});

test("a co-author who leaves a draft lands on their home page, which says they left", async () => {
  const { coauthor, module } = await setting();
  const cookie = await sessionCookieFor(t.db, coauthor.id);
  const res = await postForm(server, `/modules/${module.slug}/edit`, { intent: "remove", userId: coauthor.id }, cookie);
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/?leftDraft=1");
  const home = mainText(await (await server.request("/?leftDraft=1", { headers: { Cookie: cookie } })).text());
  expect(home).toContain("You are no longer an author of that draft.");
  expect(home).not.toContain(module.title);
});

test("what only the lead may do is refused with 403 to a co-author and to a moderator reading along, and changes nothing", async () => {
  const { lead, coauthor, moderator, module } = await setting();
  const forms: Record<string, string>[] = [
    { intent: "submit" },
    { intent: "withdraw" },
    { intent: "invite", email: moderator.email },
    { intent: "remove", userId: lead.id },
    { intent: "settings", coCreationMode: "open" },
  ];
  for (const who of [coauthor, moderator]) {
    const cookie = await sessionCookieFor(t.db, who.id);
    for (const fields of forms) {
      const res = await postForm(server, `/modules/${module.slug}/edit`, fields, cookie);
      expect(res.status, `${fields.intent} as ${who.name}`).toBe(403);
      expect(mainText(await res.text()), fields.intent).toContain("You do not have access to this page");
    }
  }
  expect(await t.db.select().from(moduleSubmissions).where(eq(moduleSubmissions.moduleId, module.id))).toEqual([]);
  const authors = await t.db.select().from(moduleAuthors).where(eq(moduleAuthors.moduleId, module.id));
  expect(authors.map((a) => a.userId).sort()).toEqual([lead.id, coauthor.id].sort());
  const [row] = await t.db.select({ mode: modules.coCreationMode }).from(modules).where(eq(modules.id, module.id));
  expect(row!.mode).not.toBe("open");
});

test("a lead who is not a thought leader cannot make their own approval required: 403", async () => {
  const org = await createOrg(t.db);
  const alumnaLead = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const module = await createPublishedModule(t.db, { authorId: alumnaLead.id });
  const res = await postForm(server, `/modules/${module.slug}/edit`, { intent: "settings", coCreationMode: "curated", requireMyApproval: "on" }, await sessionCookieFor(t.db, alumnaLead.id));
  expect(res.status).toBe(403);
});
