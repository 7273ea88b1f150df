// /profile/data, the download link, an admin deleting a leaver's account and
// the retention settings, through the real server: bad input gets a clear
// message and changes nothing.
import { eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import { accountDeletions, dataExports, organisations } from "../../db/schema";
import { prepareExports } from "../../app/domain/personal-data/data-exports.server";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { decodeEntities, postForm } from "../support/http-helpers";
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

async function personWithCookie(roles: Parameters<typeof createUser>[1]["roles"] = ["participant"], orgId?: string) {
  const org = orgId ? { id: orgId } : await createOrg(t.db);
  const person = await createUser(t.db, { orgId: org.id, roles });
  return { org, person, cookie: await sessionCookieFor(t.db, person.id) };
}

const text = async (res: Response) => decodeEntities(await res.text());

describe("your data", () => {
  test("an export is asked for, prepared in the background, downloaded by its owner only, and expires", async () => {
    const { person, cookie } = await personWithCookie();
    const other = await personWithCookie();
    expect((await server.request("/profile/data", { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await postForm(server, "/profile/data", { intent: "export" }, cookie)).status).toBe(302);
    const twice = await postForm(server, "/profile/data", { intent: "export" }, cookie);
    expect(twice.status).toBe(400);
    expect(await text(twice)).toContain("Your export is already being prepared.");

    await prepareExports(t.db);
    const [row] = await t.db.select({ id: dataExports.id }).from(dataExports).where(eq(dataExports.requestedBy, person.id));
    const download = await server.request(`/profile/data/exports/${row!.id}`, { headers: { Cookie: cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/zip");
    expect(Object.keys(unzipSync(new Uint8Array(await download.arrayBuffer())))).toContain("README.txt");

    expect((await server.request(`/profile/data/exports/${row!.id}`, { headers: { Cookie: other.cookie } })).status).toBe(404);
    expect((await server.request(`/profile/data/exports/${crypto.randomUUID()}`, { headers: { Cookie: cookie } })).status).toBe(404);
    await t.db.update(dataExports).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(dataExports.id, row!.id));
    const gone = await server.request(`/profile/data/exports/${row!.id}`, { headers: { Cookie: cookie } });
    expect(gone.status).toBe(410);
    expect(await text(gone)).toContain("This download has expired");
  });

  test("deleting your account needs a tick, and a second request says so and changes nothing", async () => {
    const { person, cookie } = await personWithCookie();
    const unticked = await postForm(server, "/profile/data", { intent: "delete" }, cookie);
    expect(unticked.status).toBe(400);
    expect(await text(unticked)).toContain("Tick the box to confirm");
    expect(await t.db.select().from(accountDeletions).where(eq(accountDeletions.userId, person.id))).toEqual([]);

    expect((await postForm(server, "/profile/data", { intent: "delete", confirm: "on" }, cookie)).status).toBe(302);
    const again = await postForm(server, "/profile/data", { intent: "delete", confirm: "on" }, cookie);
    expect(again.status).toBe(400);
    expect(await text(again)).toContain("You have already asked for this account to be deleted");
    expect(await t.db.select().from(accountDeletions).where(eq(accountDeletions.userId, person.id))).toHaveLength(1);
    const page = await text(await server.request("/profile/data", { headers: { Cookie: cookie } }));
    expect(page).toContain("Your account will be deleted on");
    expect((await postForm(server, "/profile/data", { intent: "cancel-deletion" }, cookie)).status).toBe(302);
  });

  test("an admin deletes a leaver's account in their own organisation; another organisation's person is a 404", async () => {
    const { org, cookie } = await personWithCookie(["org_admin"]);
    const leaver = await createUser(t.db, { orgId: org.id });
    const stranger = await personWithCookie();
    expect((await server.request(`/org/people/${leaver.id}/delete`, { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await server.request(`/org/people/${stranger.person.id}/delete`, { headers: { Cookie: cookie } })).status).toBe(404);
    expect((await postForm(server, `/org/people/${stranger.person.id}/delete`, { intent: "delete", confirm: "on" }, cookie)).status).toBe(404);
    expect((await postForm(server, `/org/people/${leaver.id}/delete`, { intent: "delete", confirm: "on" }, cookie)).status).toBe(302);
    const [waiting] = await t.db.select({ requestedBy: accountDeletions.requestedBy }).from(accountDeletions).where(eq(accountDeletions.userId, leaver.id));
    expect(waiting).toBeDefined();
    expect(await t.db.select().from(accountDeletions).where(eq(accountDeletions.userId, stranger.person.id))).toEqual([]);
  });
});

describe("retention settings", () => {
  test("a period of zero, negative or not a number gets a clear message and changes nothing", async () => {
    const { org, cookie } = await personWithCookie(["org_admin"]);
    const post = (fields: Record<string, string>) => postForm(server, "/org/settings", { intent: "data", deletionCoolingOffDays: "14", ...fields }, cookie);
    for (const [fields, message] of [
      [{ privateNotesRetentionDays: "0" }, "How long private notes are kept must be at least 1 day."],
      [{ surveyRetentionDays: "-30" }, "How long survey rows are kept must be at least 1 day."],
      [{ deletionCoolingOffDays: "0" }, "The cooling-off period must be at least 1 day."],
      [{ evaluationCommentsRetentionDays: "a year" }, "Enter how long evaluation comments are kept as a whole number of days"],
    ] as const) {
      const res = await post(fields);
      expect(res.status).toBe(400);
      const html = await text(res);
      expect(html).toContain(message);
      // The input is kept.
      expect(html).toContain(`value="${Object.values(fields)[0]}"`);
    }
    const [unchanged] = await t.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(unchanged).toMatchObject({ deletionCoolingOffDays: 14, privateNotesRetentionDays: null, surveyRetentionDays: null, evaluationCommentsRetentionDays: null });

    expect((await post({ deletionCoolingOffDays: "30", privateNotesRetentionDays: "365", surveyRetentionDays: "" })).status).toBe(302);
    const [saved] = await t.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(saved).toMatchObject({ deletionCoolingOffDays: 30, privateNotesRetentionDays: 365, surveyRetentionDays: null });
  });
});
