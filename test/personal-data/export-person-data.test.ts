// A person's export holds a planted row from every table the register
// lists, and nothing of anyone else's; an organisation's export holds its
// data in the same format, without secrets or other organisations' people.
import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportFileName, PERSONAL_DATA_REGISTER } from "../../db/personal-data-register";
import { dataExports, notifications } from "../../db/schema";
import { expireExports, openExport, prepareExports, requestOrganisationExport, requestPersonExport } from "../../app/domain/personal-data/data-exports.server";
import { InputError } from "../../app/domain/input-error";
import { createOrg, createUser } from "../support/factories";
import { plantPersonalData, type PlantedWorld } from "../support/personal-data-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
let world: PlantedWorld;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestDatabase();
  world = await plantPersonalData(t.db);
});
afterAll(() => t.drop());

const actorOf = (u: { id: string; orgId: string; roles: readonly string[] }) => ({ id: u.id, orgId: u.orgId, roles: u.roles as never });

async function unzipReady(actor: ReturnType<typeof actorOf>, id: string, now?: Date) {
  const opened = await openExport(t.db, actor, id, now);
  if (opened.state !== "ready") throw new Error(`export is ${opened.state}`);
  const files = unzipSync(opened.zip);
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

describe("a person's export", () => {
  it("holds a row from every table that holds their data, with a README naming each file", async () => {
    const person = actorOf(world.person);
    await requestPersonExport(t.db, person);
    const now = new Date();
    expect(await prepareExports(t.db, { now })).toBe(1);
    const [ready] = await t.db.select({ id: dataExports.id }).from(dataExports).where(eq(dataExports.status, "ready"));
    const files = await unzipReady(person, ready!.id, now);

    const exported = PERSONAL_DATA_REGISTER.filter((entry) => Object.values(entry.people).some((c) => c.export));
    for (const entry of exported) {
      const name = exportFileName(entry.table);
      expect(files[name], `${name} is in the zip`).toBeDefined();
      expect(JSON.parse(files[name]!).length, `${name} holds the planted row`).toBeGreaterThan(0);
      expect(files["README.txt"]).toContain(name);
      expect(files["README.txt"]).toContain(entry.about);
    }
    const profile = JSON.parse(files["users.json"]!);
    expect(profile).toEqual([expect.objectContaining({ id: world.person.id, email: world.person.email, bio: "PRIVATE bio" })]);
    expect(profile[0]).not.toHaveProperty("password_hash");
    expect(JSON.parse(files["comments.json"]!).map((c: { body: string }) => c.body).sort()).toEqual(["PRIVATE comment nobody answered", "PRIVATE comment on a lonely idea", "SHARED comment with a reply"]);
    // A colleague's wish about them is the colleague's, not theirs.
    expect(JSON.parse(files["formation_preferences.json"]!)).toEqual([expect.objectContaining({ user_id: world.person.id })]);
    expect(files["sessions.json"]).not.toContain('"id"');
    const everything = Object.values(files).join("\n");
    expect(everything).not.toMatch(/password_hash|token_hash/);
    expect(everything).not.toContain(world.colleague.email);

    const told = await t.db.select({ title: notifications.title, link: notifications.link }).from(notifications).where(eq(notifications.kind, "data"));
    expect(told).toEqual([{ title: "Your data export is ready", link: "/profile/data" }]);
  });

  it("asking again while one is prepared says so and adds nothing", async () => {
    const person = actorOf(world.colleague);
    await requestPersonExport(t.db, person);
    await expect(requestPersonExport(t.db, person)).rejects.toThrow(InputError);
    const rows = await t.db.select().from(dataExports).where(eq(dataExports.requestedBy, world.colleague.id));
    expect(rows).toHaveLength(1);
    await prepareExports(t.db);
  });

  it("is a 404 for anyone else, and gone once its link expired", async () => {
    const [mine] = await t.db.select({ id: dataExports.id }).from(dataExports).where(eq(dataExports.requestedBy, world.colleague.id));
    const status = (e: unknown) => (e instanceof Response ? e.status : e);
    await expect(openExport(t.db, actorOf(world.person), mine!.id).catch(status)).resolves.toBe(404);
    await expect(openExport(t.db, actorOf(world.person), "not-an-id").catch(status)).resolves.toBe(404);
    const later = new Date(Date.now() + 8 * DAY);
    expect(await openExport(t.db, actorOf(world.colleague), mine!.id, later)).toEqual({ state: "expired" });
    expect(await expireExports(t.db, { now: later })).toBeGreaterThan(0);
    const [dropped] = await t.db.select({ zip: dataExports.zip, status: dataExports.status }).from(dataExports).where(eq(dataExports.id, mine!.id));
    expect(dropped).toEqual({ zip: null, status: "expired" });
    expect(await openExport(t.db, actorOf(world.colleague), mine!.id)).toEqual({ state: "expired" });
  });
});

describe("an organisation's export", () => {
  it("holds the organisation's people and work in the same format, without secrets or other organisations", async () => {
    const platform = await createOrg(t.db);
    const admin = await createUser(t.db, { orgId: platform.id, roles: ["platform_admin"] });
    const outsider = await createUser(t.db, { orgId: platform.id, roles: ["alumnus"] });
    await requestOrganisationExport(t.db, actorOf(admin), world.org.id);
    await expect(requestOrganisationExport(t.db, actorOf(admin), world.org.id)).rejects.toThrow(InputError);
    await expect(requestOrganisationExport(t.db, actorOf(world.colleague), world.org.id).catch((e: Response) => e.status)).resolves.toBe(403);
    const now = new Date();
    await prepareExports(t.db, { now });
    const [row] = await t.db.select({ id: dataExports.id }).from(dataExports).where(eq(dataExports.requestedBy, admin.id));
    const files = await unzipReady(actorOf(admin), row!.id, now);
    expect(JSON.parse(files["users.json"]!).map((u: { id: string }) => u.id).sort()).toEqual([world.person.id, world.colleague.id].sort());
    expect(JSON.parse(files["comments.json"]!)).toHaveLength(4);
    expect(JSON.parse(files["cycle_meetings.json"]!)).toHaveLength(1);
    expect(JSON.parse(files["collab_updates.json"]!)).toEqual([expect.objectContaining({ document_name: `module.${world.module.id}`, update: Buffer.from(world.draftUpdate).toString("base64") })]);
    expect(files["README.txt"]).toContain("users.json");
    const everything = Object.values(files).join("\n");
    expect(everything).not.toMatch(/password_hash|token_hash/);
    expect(everything).not.toContain(outsider.email);
    expect(files["data_exports.json"]).toBeUndefined();
  });
});
