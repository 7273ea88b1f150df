// Who reads an open space's notes and proceedings: the audience by default,
// the organisation or everyone once the organiser publishes them, with
// names hidden from readers outside the audience when chosen. Everyone else
// gets a 404.
import { eq } from "drizzle-orm";
import { auditEvents, reunions } from "../../db/schema";
import { mainText, postForm } from "../support/http-helpers";
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

async function eventWithNotes(options: Parameters<typeof openSpaceSetting>[1] = {}) {
  const setting = await openSpaceSetting(t.db, options);
  const { people, reunion } = setting;
  const session = await createBreakout(t.db, reunion.id, { topic: "Speaking up", convenerId: people.alumnus.id });
  await writeNotes(
    server.services.documentEditor,
    session.id,
    notesDoc({
      convener: people.alumnus.name,
      participants: [people.alumnus.name, people.secondAlumnus.name],
      insights: [`As ${people.secondAlumnus.name} put it, silence is not agreement`],
      actions: [`${people.secondAlumnus.name}: start meetings with a round of check-ins`],
    }),
  );
  return { ...setting, session, proceedings: `/reunions/${reunion.id}/proceedings`, notes: `/reunions/${reunion.id}/sessions/${session.id}` };
}

const get = (path: string, cookie?: string) => server.request(path, cookie ? { headers: { Cookie: cookie } } : {});

test("the audience reads the notes and the proceedings; outsiders and colleagues who were not invited get a 404", async () => {
  const { people, proceedings, notes } = await eventWithNotes();
  for (const who of [people.alumnus, people.organiser]) {
    expect((await get(proceedings, who.cookie)).status).toBe(200);
    expect((await get(notes, who.cookie)).status).toBe(200);
  }
  for (const who of [people.otherOrg, people.participant, people.facilitator, people.thoughtLeader, people.moderator]) {
    expect((await get(proceedings, who.cookie)).status).toBe(404);
    expect((await get(notes, who.cookie)).status).toBe(404);
  }
  // The organisation's admins may read along.
  expect((await get(proceedings, people.orgAdmin.cookie)).status).toBe(200);
  expect((await get(notes, people.orgAdmin.cookie)).status).toBe(200);
  expect((await get(proceedings)).status).toBe(302);
  expect((await get(notes)).status).toBe(302);
});

test("the audience sees who said and committed to what", async () => {
  const { people, proceedings } = await eventWithNotes();
  const text = mainText(await (await get(proceedings, people.alumnus.cookie)).text());
  expect(text).toContain(`Convened by ${people.alumnus.name}`);
  expect(text).toContain(`${people.secondAlumnus.name}: start meetings with a round of check-ins`);
  expect(text).toContain(`As ${people.secondAlumnus.name} put it, silence is not agreement`);
});

test("published to the organisation with names hidden, a colleague who was not invited reads it without anyone's name", async () => {
  const { people, proceedings, notes, reunion } = await eventWithNotes();
  const res = await postForm(server, proceedings, { intent: "share", visibility: "organisation", hideNames: "on" }, people.organiser.cookie);
  expect(res.status).toBe(302);
  const [row] = await t.db.select().from(reunions).where(eq(reunions.id, reunion.id));
  expect(row).toMatchObject({ proceedingsVisibility: "organisation", proceedingsHideNames: true });
  const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, reunion.id));
  expect(audit).toMatchObject({ action: "reunion.proceedings_shared", actorId: people.organiser.id });

  const page = await get(proceedings, people.participant.cookie);
  expect(page.status).toBe(200);
  const html = await page.text();
  const text = mainText(html);
  expect(text).toContain("Names are hidden");
  expect(text).toContain("a participant: start meetings with a round of check-ins");
  expect(text).toContain("As a participant put it, silence is not agreement");
  // Nowhere in the page, not even in the data sent along for the browser.
  for (const hidden of [people.alumnus, people.secondAlumnus, people.organiser]) expect(html).not.toContain(hidden.name);
  // The live notes stay the audience's.
  expect((await get(notes, people.participant.cookie)).status).toBe(404);
  // Another organisation still finds nothing.
  expect((await get(proceedings, people.otherOrg.cookie)).status).toBe(404);
  // The audience itself still sees the names.
  expect(mainText(await (await get(proceedings, people.alumnus.cookie)).text())).toContain(people.secondAlumnus.name);
});

test("published to everyone, any signed-in person can read the proceedings", async () => {
  const { people, proceedings, notes } = await eventWithNotes({ visibility: "everyone" });
  const page = await get(proceedings, people.otherOrg.cookie);
  expect(page.status).toBe(200);
  expect(mainText(await page.text())).toContain(`${people.secondAlumnus.name}: start meetings`);
  expect((await get(notes, people.otherOrg.cookie)).status).toBe(404);
  expect((await get(proceedings)).status).toBe(302);
});

test("only the organiser (or the organisation's admins) decide who reads; bad choices get a clear message", async () => {
  const { people, proceedings } = await eventWithNotes();
  expect((await postForm(server, proceedings, { intent: "share", visibility: "everyone" }, people.alumnus.cookie)).status).toBe(403);
  expect((await postForm(server, proceedings, { intent: "share", visibility: "everyone" }, people.otherOrg.cookie)).status).toBe(404);
  const bad = await postForm(server, proceedings, { intent: "share", visibility: "the press" }, people.organiser.cookie);
  expect(bad.status).toBe(400);
  expect(mainText(await bad.text())).toContain("Choose who may read the proceedings.");
  expect((await postForm(server, proceedings, { intent: "share", visibility: "organisation" }, people.orgAdmin.cookie)).status).toBe(302);
});
