// The proceedings page over real stored notes: the themes planted in some
// break-outs' notes come out with their session counts, the mindsets they
// touch, the actions with who committed, and every break-out's notes
// rendered from the notes schema.
import { mainText } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { loadProceedings } from "../../app/domain/open-space/proceedings.server";
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

const TOPICS = ["Speaking up", "Owning mistakes", "Town halls", "Leading at a distance", "Onboarding", "Calendar overload", "Office days", "Broken things"];
const NOISE = [
  "The coffee machine on the third floor keeps breaking",
  "Quarterly planning starts in September",
  "Someone mentioned the new parking rules",
  "A story about a supplier in Lisbon",
  "We compared travel expenses",
  "An anecdote about the summer party",
  "A book recommendation on negotiation",
  "Kintsugi as a metaphor for repair",
];
const SAFETY = [
  "Psychological safety comes before honest feedback",
  "Without psychological safety nobody admits errors",
  "New hires test psychological safety in their first week",
  "Psychological safety is built in small daily moments",
  "Leaders model psychological safety by owning up first",
];
const HYBRID = ["Hybrid meetings leave remote colleagues out", "Our hybrid meeting rituals need a rethink", "Nobody enjoys hybrid meetings with bad audio"];

async function plantedEvent() {
  const setting = await openSpaceSetting(t.db);
  const { people, reunion } = setting;
  const sessions = [];
  for (let i = 0; i < 8; i++) {
    const session = await createBreakout(t.db, reunion.id, { topic: TOPICS[i]!, convenerId: i % 2 ? people.alumnus.id : people.secondAlumnus.id });
    const insights = [NOISE[i]!, ...(i < 5 ? [SAFETY[i]!] : []), ...(i >= 4 && i < 7 ? [HYBRID[i - 4]!] : [])];
    await writeNotes(
      server.services.documentEditor,
      session.id,
      notesDoc({
        convener: i % 2 ? people.alumnus.name : people.secondAlumnus.name,
        participants: [people.alumnus.name, people.secondAlumnus.name],
        insights,
        actions: i === 0 ? [`${people.alumnus.name}: ask the team what makes speaking up hard`, "Share the reading list"] : [],
      }),
    );
    sessions.push(session);
  }
  // A break-out whose notes nobody opened.
  await createBreakout(t.db, reunion.id, { topic: "Nobody came", convenerId: people.organiser.id });
  return { ...setting, sessions };
}

test("the themes planted in five and three break-outs lead the proceedings with those counts", async () => {
  const { people, reunion } = await plantedEvent();
  const proceedings = await loadProceedings(t.db, server.services.documentEditor, people.alumnus, reunion.id);
  expect(proceedings.overview.sessionCount).toBe(9);
  expect(proceedings.overview.notedCount).toBe(8);
  const [first, second] = proceedings.overview.themes;
  expect(first).toMatchObject({ term: "psychological safety", sessionCount: 5 });
  expect(second!.term).toMatch(/^hybrid meetings?$/);
  expect(second!.sessionCount).toBe(3);
  const terms = proceedings.overview.themes.map((th) => th.term).join(" | ");
  expect(terms).not.toMatch(/kintsugi|coffee|lisbon/i);
  // Names never become themes, though every break-out lists the same people.
  expect(terms.toLowerCase()).not.toContain(people.alumnus.name.split(" ")[0]!.toLowerCase());
  expect(proceedings.overview.mindsets[0]).toMatchObject({ mindset: "collaboration" });
  expect(proceedings.overview.actions).toEqual([
    expect.objectContaining({ who: people.alumnus.name, what: "ask the team what makes speaking up hard", topic: "Speaking up" }),
    expect.objectContaining({ who: null, what: "Share the reading list" }),
  ]);
});

test("the page shows themes with their session counts, mindsets, actions, and each break-out's notes", async () => {
  const { people, reunion } = await plantedEvent();
  const res = await server.request(`/reunions/${reunion.id}/proceedings`, { headers: { Cookie: people.secondAlumnus.cookie } });
  expect(res.status).toBe(200);
  const html = await res.text();
  const text = mainText(html);
  expect(text).toMatch(/psychological safety 5 sessions Collaboration/);
  expect(text).toMatch(/hybrid meetings? 3 sessions/);
  // Every break-out but the one about kintsugi touches collaboration (safety, hybrid meetings, the team).
  expect(text).toMatch(/Collaboration \(managing relationships\) ?: 7 sessions/);
  expect(text).toContain(`${people.alumnus.name}: ask the team what makes speaking up hard (Speaking up)`);
  expect(text).toContain("Nobody came");
  expect(text).toContain("No notes were taken.");
  // The notes come from the schema: headings and bullets, nothing else.
  expect(html).toMatch(/<h3>Key insights<\/h3><ul><li><p>The coffee machine/);
});

test("script typed into the notes is shown as text, never run", async () => {
  const { people, reunion } = await openSpaceSetting(t.db);
  const session = await createBreakout(t.db, reunion.id, { topic: "Security", convenerId: people.alumnus.id });
  await writeNotes(server.services.documentEditor, session.id, notesDoc({ insights: ['<img src=x onerror="alert(1)"> and <script>alert(2)</script>'] }));
  const html = await (await server.request(`/reunions/${reunion.id}/proceedings`, { headers: { Cookie: people.alumnus.cookie } })).text();
  expect(html).not.toContain("<img src=x");
  expect(html).not.toContain("<script>alert(2)");
  expect(mainText(html)).toContain('<img src=x onerror="alert(1)"> and <script>alert(2)</script>');
});
