// Turning an insight from the proceedings into a module proposal: people who
// took part get a prefilled proposal form, the proposal remembers its
// break-out and links back to the notes for those who may read them; anyone
// else is refused with a clear message.
import { eq } from "drizzle-orm";
import { proposals } from "../../db/schema";
import { decodeEntities, mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { createBreakout, notesDoc, openSpaceSetting, writeNotes } from "./notes-setting";

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

const get = (path: string, cookie?: string) => server.request(path, cookie ? { headers: { Cookie: cookie } } : {});

async function eventWithInsight() {
  const setting = await openSpaceSetting(t.db);
  const { people, reunion } = setting;
  const session = await createBreakout(t.db, reunion.id, { topic: "Speaking up", convenerId: people.alumnus.id });
  await writeNotes(server.services.documentEditor, session.id, notesDoc({ insights: ["Silence in a meeting is not agreement"] }));
  return { ...setting, session };
}

const proposalFields = (originSessionId: string) => ({
  title: "Silence is not agreement",
  challenge: "Managers take silence for agreement.",
  mindset: "collaboration",
  questions: "When did silence fool you?",
  suggestedMode: "curated",
  visibility: "organisation",
  originSessionId,
});

test("someone who took part turns an insight into a proposal that links back to the break-out's notes", async () => {
  const { people, reunion, session } = await eventWithInsight();
  const page = decodeEntities(await (await get(`/reunions/${reunion.id}/proceedings`, people.alumnus.cookie)).text());
  const href = /href="(\/proposals\/new\?[^"]*originSessionId=[^"]*)"/.exec(page)?.[1];
  expect(href).toBeDefined();
  const link = new URL(href!, server.url);
  expect(link.searchParams.get("title")).toBe("Silence in a meeting is not agreement");
  expect(link.searchParams.get("originSessionId")).toBe(session.id);

  const form = await get(href!, people.alumnus.cookie);
  expect(form.status).toBe(200);
  const formHtml = await form.text();
  expect(mainText(formHtml)).toContain(`From the break-out “Speaking up” at ${reunion.title}`);
  expect(formHtml).toContain(`value="${session.id}"`);
  expect(decodeEntities(formHtml)).toContain('value="Silence in a meeting is not agreement"');

  const res = await postForm(server, "/proposals/new", proposalFields(session.id), people.alumnus.cookie);
  expect(res.status).toBe(302);
  const proposalId = res.headers.get("location")!.split("/").pop()!;
  const [row] = await t.db.select().from(proposals).where(eq(proposals.id, proposalId));
  expect(row!.originSessionId).toBe(session.id);

  const proposalPage = await (await get(`/proposals/${proposalId}`, people.alumnus.cookie)).text();
  expect(mainText(proposalPage)).toContain(`From the break-out Speaking up at ${reunion.title}`);
  expect(proposalPage).toContain(`href="/reunions/${reunion.id}/sessions/${session.id}"`);
});

test("a colleague who may see the proposal but not the reunion learns only that it came from a break-out", async () => {
  const { people, session, reunion } = await eventWithInsight();
  const res = await postForm(server, "/proposals/new", proposalFields(session.id), people.alumnus.cookie);
  const proposalId = res.headers.get("location")!.split("/").pop()!;
  const page = await (await get(`/proposals/${proposalId}`, people.facilitator.cookie)).text();
  expect(mainText(page)).toContain("From an open-space break-out");
  expect(page).not.toContain("Speaking up");
  expect(page).not.toContain(reunion.title);
});

test("a proposer who did not take part cannot link a break-out, and a broken link gets a clear message", async () => {
  const { people, session } = await eventWithInsight();
  // A facilitator of the same organisation may propose, but was not invited (the audience is the alumni).
  const refused = await postForm(server, "/proposals/new", proposalFields(session.id), people.facilitator.cookie);
  expect(refused.status).toBe(400);
  expect(mainText(await refused.text())).toContain("a reunion you were not invited to");
  const outsider = await postForm(server, "/proposals/new", proposalFields(session.id), people.otherOrg.cookie);
  expect(outsider.status).toBe(400);
  const broken = await postForm(server, "/proposals/new", proposalFields("not-a-session"), people.alumnus.cookie);
  expect(broken.status).toBe(400);
  expect(mainText(await broken.text())).toContain("The break-out this idea came from could not be found.");
  const none = await t.db.select().from(proposals).where(eq(proposals.originSessionId, session.id));
  expect(none).toHaveLength(0);
  // The form offered to them from a link drops the break-out silently.
  const form = await get(`/proposals/new?title=x&originSessionId=${session.id}`, people.facilitator.cookie);
  expect(form.status).toBe(200);
  expect(await form.text()).not.toContain(`value="${session.id}"`);
});

test("readers outside the audience see the proceedings without proposal buttons", async () => {
  const setting = await openSpaceSetting(t.db, { visibility: "organisation" });
  const session = await createBreakout(t.db, setting.reunion.id, { topic: "Speaking up", convenerId: setting.people.alumnus.id });
  await writeNotes(server.services.documentEditor, session.id, notesDoc({ insights: ["Silence in a meeting is not agreement"] }));
  const page = await (await get(`/reunions/${setting.reunion.id}/proceedings`, setting.people.facilitator.cookie)).text();
  expect(mainText(page)).toContain("Silence in a meeting is not agreement");
  expect(page).not.toContain("/proposals/new?");
});
