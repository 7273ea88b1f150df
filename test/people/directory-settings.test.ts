// A person's own directory settings at /profile/directory, and the preview
// of what others see beside them.
import { eq } from "drizzle-orm";
import { directoryProfiles, organisations } from "../../db/schema";
import { createOrg, sessionCookieFor, uniqueWord } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { createStructure, directoryPerson } from "./directory-setting";

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

async function me({ orgAllows = false } = {}) {
  const org = await createOrg(t.db, { crossOrgConnections: orgAllows });
  const { department, site } = await createStructure(t.db, org.id);
  const word = uniqueWord("bio");
  const person = await directoryPerson(t.db, { orgId: org.id, bio: `All about ${word}.`, expertise: ["pumps"], departmentId: department.id, siteId: site.id, settings: null });
  return { org, department, site, word, person, cookie: await sessionCookieFor(t.db, person.id) };
}

const page = async (cookie: string) => {
  const res = await server.request("/profile/directory", { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return mainText(await res.text());
};
const preview = (text: string) => text.slice(text.indexOf("What others see"));

test("someone who never chose is not listed, and the preview says others see nothing", async () => {
  const { cookie } = await me();
  const text = await page(cookie);
  expect(text).toContain("Someone else of your organisation sees: Nothing: you are not listed in the directory.");
});

test("saving the settings lists the person, and the preview shows exactly the parts they chose", async () => {
  const { org, department, site, word, person, cookie } = await me();
  const res = await postForm(
    server,
    "/profile/directory",
    { listed: "on", showOrganisation: "on", showSite: "on", showBio: "on", mindsetInterests: ["action", "reflection", "action"] },
    cookie,
  );
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/profile/directory?saved=1");
  const [row] = await t.db.select().from(directoryProfiles).where(eq(directoryProfiles.userId, person.id));
  expect(row).toMatchObject({ listed: true, showOrganisation: true, showSite: true, showBio: true, showDepartment: false, showExpertise: false, crossOrg: false, mindsetInterests: ["action", "reflection"] });

  const shown = preview(await page(cookie));
  expect(shown).toContain(person.name);
  expect(shown).toContain(org.name);
  expect(shown).toContain(site.name);
  expect(shown).toContain(word);
  expect(shown).toContain("Interested in Action Reflection");
  expect(shown).not.toContain(department.name);
  expect(shown).not.toContain("pumps");
});

test("choosing other organisations while the organisation does not allow it: told so, and nothing is shown to them", async () => {
  const { cookie } = await me();
  await postForm(server, "/profile/directory", { listed: "on", crossOrg: "on" }, cookie);
  const text = await page(cookie);
  expect(text).toContain("Your organisation does not allow it at the moment, so only your own organisation sees you.");
  expect(preview(text)).toContain("Alumni of other organisations see nothing: your organisation does not allow connections across organisations.");
});

test("when the organisation allows it, the preview shows what other organisations' alumni see", async () => {
  const { org, cookie } = await me({ orgAllows: true });
  await postForm(server, "/profile/directory", { listed: "on", showOrganisation: "on", crossOrg: "on" }, cookie);
  const text = await page(cookie);
  expect(text).toContain("Your organisation currently allows it.");
  expect(preview(text)).toContain("Alumni of other organisations that allow connections see:");
  await t.db.update(organisations).set({ crossOrgConnections: false }).where(eq(organisations.id, org.id));
  expect(preview(await page(cookie))).not.toContain("Alumni of other organisations that allow connections see:");
});

test("an unknown mindset is refused with a clear message, the ticks kept and nothing saved", async () => {
  const { person, cookie } = await me();
  const res = await postForm(server, "/profile/directory", { listed: "on", showSite: "on", mindsetInterests: ["action", "bravery"] }, cookie);
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(mainText(html)).toContain("Choose mindsets from the list.");
  const ticked = (attribute: string) => new RegExp(`<input[^>]*${attribute}[^>]*>`).exec(html)?.[0].includes('checked=""');
  expect(ticked('name="showSite"')).toBe(true);
  expect(ticked('value="action"')).toBe(true);
  expect(ticked('value="analysis"')).toBe(false);
  expect(ticked('name="showOrganisation"')).toBe(false);
  expect(await t.db.select().from(directoryProfiles).where(eq(directoryProfiles.userId, person.id))).toEqual([]);
});

test("the profile page links to the directory settings", async () => {
  const { cookie } = await me();
  const html = await (await server.request("/profile", { headers: { Cookie: cookie } })).text();
  expect(html).toContain('href="/profile/directory"');
});
