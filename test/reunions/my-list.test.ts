// /reunions, the list of one's meetings and reunions: what is coming up
// soonest first, the cancelled ones apart with nothing to answer, and the
// past most recent first (issue 14).
import { eq } from "drizzle-orm";
import { reunions } from "../../db/schema";
import { cancelReunion } from "../../app/domain/reunions/cancel-reunion.server";
import { sessionCookieFor } from "../support/factories";
import { mainText } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { daysFromNow, reunionSetting, scheduledReunion } from "./reunion-setting";

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

const DAY = 86_400_000;

/** The titles in one section of the page, in the order shown. */
function titlesIn(text: string, heading: string, next: string | null, titles: string[]) {
  const section = text.slice(text.indexOf(heading), next ? text.indexOf(next) : undefined);
  return titles.filter((title) => section.includes(title)).sort((a, b) => section.indexOf(a) - section.indexOf(b));
}

test("coming up lists the soonest first; cancelled ones are apart with nothing to answer; the past comes last, most recent first", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 1 });
  const guest = guests[0]!;
  const at = (days: number, title: string) => scheduledReunion(t.db, organiser, group.id, { title, date: daysFromNow(days) });
  await at(30, "In a month zq1");
  await at(3, "In three days zq2");
  await at(10, "In ten days zq3");
  const cancelled = await at(5, "Called off zq4");
  await cancelReunion(t.db, organiser, cancelled, { reason: "" });
  // Two that have happened: written straight in, since a date in the past cannot be planned.
  for (const [days, title] of [[-20, "Three weeks ago zq5"], [-2, "Two days ago zq6"]] as const) {
    const id = await at(7, title);
    const startsAt = new Date(Date.now() + days * DAY);
    await t.db.update(reunions).set({ startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000) }).where(eq(reunions.id, id));
  }
  const all = ["In a month zq1", "In three days zq2", "In ten days zq3", "Called off zq4", "Three weeks ago zq5", "Two days ago zq6"];

  const res = await server.request("/reunions", { headers: { Cookie: await sessionCookieFor(t.db, guest.id) } });
  const text = mainText(await res.text());
  expect(titlesIn(text, "Coming up", "Cancelled", all)).toEqual(["In three days zq2", "In ten days zq3", "In a month zq1"]);
  expect(titlesIn(text, "Cancelled", "Past", all)).toEqual(["Called off zq4"]);
  expect(titlesIn(text, "Past", null, all)).toEqual(["Two days ago zq6", "Three weeks ago zq5"]);
  // Nothing is waiting for an answer that can no longer be given.
  const cancelledRow = text.slice(text.indexOf("Called off zq4"), text.indexOf("Past"));
  expect(cancelledRow).not.toContain("Waiting for your answer");
  expect(text.slice(text.indexOf("Past"))).not.toContain("Waiting for your answer");
  expect(text.slice(text.indexOf("Coming up"), text.indexOf("Cancelled"))).toContain("Waiting for your answer");
});
