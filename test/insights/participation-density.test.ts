// Participation density and the insights privacy floor: the pure function
// against counts worked out by hand, and the page, which must never let one
// person be singled out whatever its filters.
import { eq, inArray } from "drizzle-orm";
import { cycles, departments, sites, users } from "../../db/schema";
import { loadDensityReport } from "../../app/domain/insights/density.server";
import { flooredDensity, OTHER_UNITS_ID, participationCounts, type UnitMonthCount } from "../../app/domain/insights/participation-density";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { decodeEntities } from "../support/http-helpers";
import { createCohort, createCycle, createProgrammeGroup, recordAttendanceRows } from "../support/programme-factories";
import { countingQueries } from "../support/counting-queries";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

describe("participation counts (by hand)", () => {
  const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
  const facts = (windowMonths: number) => ({
    months: ["2025-01-01", "2025-02-01", "2025-03-01"],
    windowMonths,
    units: [
      { id: "A", name: "A", memberIds: people("a", 6), importedHeadcount: new Map() },
      { id: "B", name: "B", memberIds: people("b", 10), importedHeadcount: new Map([["2025-03-01", 20]]) },
    ],
    presentMonths: new Map([
      ["a1", new Set(["2025-01-01"])],
      ["a2", new Set(["2025-03-01"])],
      ["a3", new Set(["2024-12-01"])],
      ["b1", new Set(["2025-02-01"])],
    ]),
    completedMonth: new Map([
      ["a1", "2025-02-01"],
      ["b2", "2025-01-01"],
    ]),
  });
  const pick = (c: UnitMonthCount) => [c.unitId, c.month.slice(0, 7), c.headcount, c.headcountSource, c.active, c.completed];

  test("active in the trailing three months, the month included; completed by the end of the month", () => {
    expect(participationCounts(facts(3)).map(pick)).toEqual([
      ["A", "2025-01", 6, "roundtable", 2, 0], // a1 (Jan) and a3 (Dec)
      ["A", "2025-02", 6, "roundtable", 2, 1], // a1, a3; a1 completed in Feb
      ["A", "2025-03", 6, "roundtable", 2, 1], // a1, a2; a3's December is out of the window
      ["B", "2025-01", 10, "roundtable", 0, 1],
      ["B", "2025-02", 10, "roundtable", 1, 1],
      ["B", "2025-03", 20, "imported", 1, 1],
    ]);
  });

  test("the window is a setting: one month counts only that month", () => {
    expect(participationCounts(facts(1)).map((c) => c.active)).toEqual([1, 0, 1, 0, 1, 0]);
  });

  test("shares divide by the headcount, imported where there is one", () => {
    const cells = flooredDensity(participationCounts(facts(3)));
    const b = cells.find((c) => c.unitId === "B" && c.month === "2025-03-01")!;
    expect(b.figure.value).toEqual({ activeShare: 1 / 20, completedShare: 1 / 20, headcount: 20, headcountSource: "imported" });
    const a = cells.find((c) => c.unitId === "A" && c.month === "2025-02-01")!;
    expect(a.figure.value).toEqual({ activeShare: 2 / 6, completedShare: 1 / 6, headcount: 6, headcountSource: "roundtable" });
  });
});

describe("the insights privacy floor of 5", () => {
  const count = (unitId: string, people: number, active: number, headcount = people): UnitMonthCount => ({ unitId, month: "2025-01-01", headcount, headcountSource: "roundtable", people, active, completed: 0 });
  const view = (cells: ReturnType<typeof flooredDensity>) => cells.map((c) => [c.unitId, c.mergedUnits, c.figure.shown ? c.figure.value.headcount : null, c.figure.shown ? c.figure.value.activeShare : null]);

  test("units below 5 are merged into Other units when together they reach 5", () => {
    expect(view(flooredDensity([count("X", 3, 1), count("Y", 2, 2), count("Z", 10, 5)]))).toEqual([
      ["Z", 1, 10, 0.5],
      [OTHER_UNITS_ID, 2, 5, 3 / 5],
    ]);
  });

  test("when the small units are still below 5, the smallest shown unit joins them, so no total gives them away", () => {
    expect(view(flooredDensity([count("X", 3, 1), count("Z", 10, 5), count("W", 8, 0)]))).toEqual([
      ["Z", 1, 10, 0.5],
      [OTHER_UNITS_ID, 2, 11, 1 / 11],
    ]);
  });

  test("a level with fewer than 5 people in all shows nothing", () => {
    expect(view(flooredDensity([count("X", 2, 1), count("Y", 2, 0)]))).toEqual([[OTHER_UNITS_ID, 2, null, null]]);
  });

  test("a large imported headcount around fewer than 5 known people is still below the floor", () => {
    expect(view(flooredDensity([count("X", 1, 1, 50), count("Z", 10, 5)]))).toEqual([[OTHER_UNITS_ID, 2, 60, 6 / 60]]);
  });
});

describe("the insights page", () => {
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

  /** The density table as { unit: [cell text per month] }. */
  async function table(cookie: string, query: string) {
    const res = await server.request(`/org/insights?${query}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const body = /<table aria-label="Participation density">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
    const rows: Record<string, string[]> = {};
    for (const row of body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
      const name = decodeEntities(/<th scope="row">([\s\S]*?)<\/th>/.exec(row[1]!)![1]!);
      rows[name] = [...row[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => decodeEntities(m[1]!.replace(/<!-- -->/g, "")));
    }
    return { rows, html };
  }

  /**
   * 15 people: 12 in Big, one (Xena) alone in Solo, and the admin and the
   * facilitator in no department; everyone but those two at the Main site.
   * Xena alone was present at a programme meeting, in June 2025.
   */
  async function setting() {
    const org = await createOrg(t.db);
    const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
    const facilitator = await createUser(t.db, { orgId: org.id, roles: ["facilitator"] });
    const [big, solo] = await t.db.insert(departments).values([{ orgId: org.id, name: "Big" }, { orgId: org.id, name: "Solo" }]).returning();
    const [main] = await t.db.insert(sites).values({ orgId: org.id, name: "Main" }).returning();
    const bigPeople = await Promise.all(Array.from({ length: 12 }, () => createUser(t.db, { orgId: org.id })));
    const xena = await createUser(t.db, { orgId: org.id, name: "Xena Solo" });
    await t.db.update(users).set({ departmentId: big!.id, siteId: main!.id }).where(inArray(users.id, bigPeople.map((p) => p.id)));
    await t.db.update(users).set({ departmentId: solo!.id, siteId: main!.id }).where(inArray(users.id, [xena.id]));
    const cohort = await createCohort(t.db, { orgId: org.id });
    const group = await createProgrammeGroup(t.db, { orgId: org.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: [xena.id] });
    const { meetings } = await createCycle(t.db, { group, facilitatorId: facilitator.id, meetings: [{ startsAt: new Date("2025-06-15T10:00:00Z") }] });
    await recordAttendanceRows(t.db, meetings[0]!.id, { [xena.id]: "present" });
    return { org, cookie: await sessionCookieFor(t.db, admin.id) };
  }

  test("the window setting decides who counts as active (1/15 = 6.7%)", async () => {
    const { cookie } = await setting();
    const one = await table(cookie, "level=site&from=2025-06&to=2025-08&window=1");
    expect(Object.values(one.rows)).toEqual([["active 6.7% · completed 0% · of 15", "active 0% · completed 0% · of 15", "active 0% · completed 0% · of 15"]]);
    const three = await table(cookie, "level=site&from=2025-06&to=2025-08&window=3");
    expect(Object.values(three.rows)).toEqual([Array(3).fill("active 6.7% · completed 0% · of 15")]);
    expect(three.html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Line chart of the active share per site/);
  });

  test("no filter isolates one person: every view covers the same 15 people, in rows of 5 or more", async () => {
    const { cookie } = await setting();
    for (const level of ["department", "site", "store"]) {
      for (const window of [1, 3, 12]) {
        for (const [from, to] of [["2025-06", "2025-06"], ["2025-05", "2025-08"], ["2024-01", "2025-12"]]) {
          const { rows, html } = await table(cookie, `level=${level}&from=${from}&to=${to}&window=${window}`);
          expect(html).not.toContain("Solo");
          expect(html).not.toContain("Xena");
          for (const cells of Object.values(rows)) for (const cell of cells) if (cell !== "–") expect(Number(/of (\d+)$/.exec(cell)![1])).toBeGreaterThanOrEqual(5);
          // The rows of a month add up to everyone, at every level: nothing hidden to subtract.
          if (level !== "store") {
            const months = Object.values(rows)[0]!.length;
            for (let m = 0; m < months; m++) expect(Object.values(rows).reduce((s, cells) => s + Number(/of (\d+)$/.exec(cells[m]!)?.[1] ?? 0), 0)).toBe(15);
          }
        }
      }
    }
  });

  test("another organisation's units and people never appear", async () => {
    const { cookie } = await setting();
    const other = await createOrg(t.db);
    const [elsewhere] = await t.db.insert(departments).values({ orgId: other.id, name: "Elsewhere Dept" }).returning();
    const theirs = await Promise.all(Array.from({ length: 6 }, () => createUser(t.db, { orgId: other.id })));
    await t.db.update(users).set({ departmentId: elsewhere!.id }).where(inArray(users.id, theirs.map((p) => p.id)));
    const { rows, html } = await table(cookie, "level=department&from=2025-06&to=2025-06");
    expect(html).not.toContain("Elsewhere Dept");
    expect(Object.values(rows).map((cells) => cells[0])).toEqual(["active 6.7% · completed 0% · of 15"]);
  });

  /**
   * Ops: 6 people; Pia present at both meetings of a two-meeting cycle (June
   * and July 2025, threshold 2) that ended on 10 July, Pedro at June's only.
   * Five more people (the admin and the facilitator among them) have no
   * department, a row of their own.
   */
  async function finishedCycle() {
    const org = await createOrg(t.db);
    const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
    const facilitator = await createUser(t.db, { orgId: org.id, roles: ["facilitator"] });
    await Promise.all(Array.from({ length: 3 }, () => createUser(t.db, { orgId: org.id })));
    const [ops] = await t.db.insert(departments).values({ orgId: org.id, name: "Ops" }).returning();
    const opsPeople = await Promise.all(Array.from({ length: 6 }, () => createUser(t.db, { orgId: org.id })));
    await t.db.update(users).set({ departmentId: ops!.id }).where(inArray(users.id, opsPeople.map((p) => p.id)));
    const [pia, pedro] = opsPeople;
    const cohort = await createCohort(t.db, { orgId: org.id, alumniThreshold: 2 });
    const group = await createProgrammeGroup(t.db, { orgId: org.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: [pia!.id, pedro!.id] });
    const { cycle, meetings } = await createCycle(t.db, {
      group,
      facilitatorId: facilitator.id,
      state: "ended",
      meetings: [{ startsAt: new Date("2025-06-10T10:00:00Z") }, { startsAt: new Date("2025-07-05T10:00:00Z") }],
    });
    await t.db.update(cycles).set({ endedAt: new Date("2025-07-10T12:00:00Z") }).where(eq(cycles.id, cycle.id));
    await recordAttendanceRows(t.db, meetings[0]!.id, { [pia!.id]: "present", [pedro!.id]: "present" });
    await recordAttendanceRows(t.db, meetings[1]!.id, { [pia!.id]: "present", [pedro!.id]: "absent" });
    return { org, admin, cookie: await sessionCookieFor(t.db, admin.id) };
  }

  test("completed counts a finished cycle by the alumni rule, from the month it ended (2/6 = 33.3%, 1/6 = 16.7%)", async () => {
    const { cookie } = await finishedCycle();
    const three = await table(cookie, "level=department&from=2025-06&to=2025-08&window=3");
    expect(three.rows["Ops"]).toEqual(["active 33.3% · completed 0% · of 6", "active 33.3% · completed 16.7% · of 6", "active 33.3% · completed 16.7% · of 6"]);
    expect(three.rows["No department recorded"]).toEqual(Array(3).fill("active 0% · completed 0% · of 5"));
    const one = await table(cookie, "level=department&from=2025-06&to=2025-08&window=1");
    expect(one.rows["Ops"]).toEqual(["active 33.3% · completed 0% · of 6", "active 16.7% · completed 16.7% · of 6", "active 0% · completed 16.7% · of 6"]);
  });

  test("the read model sends the same few queries whatever the number of units and months", async () => {
    const { org, admin } = await finishedCycle();
    const read = async (months: [string, string]) => {
      const counting = countingQueries(t.db);
      await loadDensityReport(counting.db, admin, org.id, { level: "department", from: months[0], to: months[1], windowMonths: 3 });
      return counting.count();
    };
    const few = await read(["2025-06-01", "2025-06-01"]);
    await t.db.insert(departments).values(Array.from({ length: 8 }, (_, i) => ({ orgId: org.id, name: `Extra ${i}` })));
    expect(await read(["2023-01-01", "2025-12-01"])).toBe(few);
  });
});
