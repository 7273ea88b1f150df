// Survey scores, retention and participation on the insights page, with the
// people import behind them: figures checked against values worked out by
// hand, the floor of 5 under every filter, downloads equal to the tables, and
// bad input answered row by row with nothing imported.
import { and, eq, inArray } from "drizzle-orm";
import { departments, personRecords, sites, users } from "../../db/schema";
import { importInsightsData } from "../../app/domain/insights/import-insights-data.server";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { decodeEntities } from "../support/http-helpers";
import { createCohort, createCycle, createProgrammeGroup, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { translateNestedMessage } from "../../app/domain/i18n/nested-message";
import { i18nFor } from "../../app/domain/i18n/translators";

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

/** The rows of the table with this aria-label, as text cells. */
function tableRows(html: string, label: string): string[][] {
  const body = new RegExp(`<table aria-label="${label.replace(/[()]/g, "\\$&")}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html)?.[1];
  if (body === undefined) return [];
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => decodeEntities(m[1]!.replace(/<!-- -->/g, ""))));
}

/**
 * 24 people at one site: 12 in Alpha, 12 in Beta (the admin among Beta's).
 * Six of Alpha were present at a programme meeting in January 2024.
 * Engagement scores (one per person, June 2024): Alpha's six who took part
 * 4.0, 4.2, 4.4, 4.6, 4.8, 5.0; the other 18 all 3.0 except Beta's first
 * two, 3.5. Records: everyone "Lead", joined 2020-01; of Alpha's others, two
 * left in May 2024; of those who took part, none.
 */
async function setting() {
  const org = await createOrg(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
  const facilitator = await createUser(t.db, { orgId: org.id, roles: ["facilitator"] });
  const [alpha, beta] = await t.db.insert(departments).values([{ orgId: org.id, name: "Alpha" }, { orgId: org.id, name: "Beta" }]).returning();
  const [main] = await t.db.insert(sites).values({ orgId: org.id, name: "Main" }).returning();
  const alphaPeople = await Promise.all(Array.from({ length: 12 }, () => createUser(t.db, { orgId: org.id })));
  const betaPeople = [admin, ...(await Promise.all(Array.from({ length: 11 }, () => createUser(t.db, { orgId: org.id }))))];
  await t.db.update(users).set({ departmentId: alpha!.id, siteId: main!.id }).where(inArray(users.id, alphaPeople.map((p) => p.id)));
  await t.db.update(users).set({ departmentId: beta!.id, siteId: main!.id }).where(inArray(users.id, betaPeople.map((p) => p.id)));
  // The facilitator is in Beta too, so nobody is outside the two departments.
  await t.db.update(users).set({ departmentId: beta!.id, siteId: main!.id }).where(eq(users.id, facilitator.id));
  const tookPart = alphaPeople.slice(0, 6);
  const cohort = await createCohort(t.db, { orgId: org.id });
  const group = await createProgrammeGroup(t.db, { orgId: org.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: tookPart.map((p) => p.id) });
  const { meetings } = await createCycle(t.db, { group, facilitatorId: facilitator.id, meetings: [{ startsAt: new Date("2024-01-15T10:00:00Z") }] });
  await recordAttendanceRows(t.db, meetings[0]!.id, Object.fromEntries(tookPart.map((p) => [p.id, "present" as const])));

  const emails = new Map((await t.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.orgId, org.id))).map((u) => [u.id, u.email]));
  const everyone = [...alphaPeople, ...betaPeople, facilitator];
  const score = (id: string) => {
    const i = tookPart.findIndex((p) => p.id === id);
    if (i >= 0) return 4 + i * 0.2;
    return betaPeople.slice(0, 2).some((p) => p.id === id) ? 3.5 : 3;
  };
  const actor = { id: admin.id, orgId: org.id, roles: ["org_admin" as const] };
  const surveys = everyone.map((p) => `${emails.get(p.id)},2024-06,Engagement,${score(p.id).toFixed(1)}`).join("\n");
  expect((await importInsightsData(t.db, actor, org.id, { kind: "survey_scores", level: "department", text: surveys })).ok).toBe(true);
  const leavers = new Set(alphaPeople.slice(6, 8).map((p) => p.id));
  const records = everyone.map((p) => `${emails.get(p.id)},Lead,2020-01,${leavers.has(p.id) ? "2024-05" : ""}`).join("\n");
  expect((await importInsightsData(t.db, actor, org.id, { kind: "people", level: "department", text: records })).ok).toBe(true);
  return { org, actor, emails, alphaPeople, cookie: await sessionCookieFor(t.db, admin.id) };
}

const page = async (cookie: string, query: string) => {
  const res = await server.request(`/org/insights?${query}`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return res.text();
};

test("survey means by participation, and retention, match values worked out by hand", async () => {
  const { cookie } = await setting();
  const html = await page(cookie, "level=department&from=2024-02&to=2024-07");
  // Took part: mean of 4.0…5.0 = 4.5, sd = sqrt(0.14) = 0.3742, t(0.975, 5) = 2.5706 → ± 0.3927.
  // Never: 17 people at 3.0 and 2 at 3.5 (the facilitator counts among Beta's) → 19 people, mean 3.0526;
  // sd = sqrt(17·0.05263²+2·0.44737²)/18 … = 0.1578, t(0.975, 18) = 2.1009 → ± 0.0761.
  expect(tableRows(html, "Engagement: mean score by participation")).toEqual([
    ["Never took part", "19", "3.05", "2.98", "3.13"],
    ["Took part, no cycle finished yet", "6", "4.5", "4.11", "4.89"],
    ["Alumni (finished a cycle)", "fewer than 5", "–", "–", "–"],
  ]);
  // Employed in February: all 25. Stayed to July: the 6 who took part (100%); of the 19 others, 17 (89.5%).
  expect(tableRows(html, "Still employed in Jul 2024, of those employed in Feb 2024")).toEqual([
    ["Had taken part before", "6", "100"],
    ["Had not taken part", "19", "89.5"],
  ]);
  // Matched on department, site, level and tenure: only Alpha has both sides (6 and 6); the difference is 1 − 4/6.
  expect(decodeEntities(html)).toContain("Difference +33.3 points");
  expect(decodeEntities(html)).toMatch(/from 6 who took part and 6 others in 1 matched group where both are found; 1 group had only one side/);
  const csv = await (await server.request("/org/insights/export?table=survey&level=department&from=2024-02&to=2024-07", { headers: { Cookie: cookie } })).text();
  expect(csv).toBe("Group,People,Mean score,\"95% interval, low\",\"95% interval, high\"\r\nNever took part,19,3.05,2.98,3.13\r\nTook part, no cycle finished yet,6,4.5,4.11,4.89\r\nAlumni (finished a cycle),fewer than 5,,,\r\n".replace("Took part, no cycle finished yet", '"Took part, no cycle finished yet"'));
});

test("no filter isolates a person: every group shown stands on 5 or more, whatever the months, level, window or survey", async () => {
  const { cookie, actor, org, emails, alphaPeople } = await setting();
  // A second survey answered by only four people: nothing of it may show.
  const few = alphaPeople.slice(0, 4).map((p) => `${emails.get(p.id)},2024-06,Pulse,5`).join("\n");
  expect((await importInsightsData(t.db, actor, org.id, { kind: "survey_scores", level: "department", text: few })).ok).toBe(true);
  for (const survey of ["Engagement", "Pulse"]) {
    for (const [from, to] of [["2024-02", "2024-07"], ["2024-06", "2024-06"], ["2023-01", "2024-12"], ["2024-01", "2024-01"]]) {
      for (const level of ["department", "site"]) {
        const html = await page(cookie, `level=${level}&from=${from}&to=${to}&window=1&survey=${survey}`);
        for (const label of [`${survey}: mean score by participation`, `Still employed in`]) {
          const rows = label.startsWith("Still") ? tableRows(html, /aria-label="(Still employed in [^"]+)"/.exec(html)?.[1] ?? "-") : tableRows(html, label);
          for (const row of rows) if (row[1] !== "fewer than 5") expect(Number(row[1])).toBeGreaterThanOrEqual(5);
        }
        if (survey === "Pulse") expect(tableRows(html, "Pulse: mean score by participation").every((r) => r[1] === "fewer than 5")).toBe(true);
      }
    }
  }
});

test("the people import: a bad file gets a row report and changes nothing; a good one replaces; the same file again changes nothing", async () => {
  const { actor, org, emails, alphaPeople } = await setting();
  const other = await createOrg(t.db);
  const stranger = await createUser(t.db, { orgId: other.id });
  const [a, b, c] = alphaPeople.map((p) => emails.get(p.id)!);
  const before = await t.db.select().from(personRecords).where(eq(personRecords.orgId, org.id));
  const bad = ["email,level,started,left", `${a},Head of unit,2021-03,`, `${b},Lead,2021-03,2020-01`, `${c},Lead,2021-13,`, `${stranger.email},Lead,2020-01,`, `${a},Lead,2020-01,`, `nobody@example.test,,,`].join("\n");
  const result = await importInsightsData(t.db, actor, org.id, { kind: "people", level: "department", text: bad });
  expect(result.ok).toBe(false);
  const english = (r: typeof result) => (r.ok ? [] : r.errors.map((e) => ({ line: e.line, message: translateNestedMessage(i18nFor("en"), e.message) })));
  expect(english(result)).toEqual(
    [
      { line: 3, message: "left: the month they left is before the month they started." },
      { line: 4, message: 'started: "2021-13" is not a month. Write it as 2026-03 or 2026-03-01.' },
      { line: 5, message: "email: no one in your organisation has this email." },
      { line: 6, message: "The same email is already on line 2; give each once." },
      { line: 7, message: "email: no one in your organisation has this email." },
    ],
  );
  expect(await t.db.select().from(personRecords).where(eq(personRecords.orgId, org.id))).toEqual(before);
  const good = `email,level,started,left\n${a},Head of unit,2019-04,\n${b},Lead,2020-01,`;
  expect(await importInsightsData(t.db, actor, org.id, { kind: "people", level: "department", text: good })).toMatchObject({ ok: true, rows: 2, added: 0, replaced: 1, unchanged: 1 });
  expect(await importInsightsData(t.db, actor, org.id, { kind: "people", level: "department", text: good })).toMatchObject({ ok: true, rows: 2, added: 0, replaced: 0, unchanged: 2 });
  const [row] = await t.db.select().from(personRecords).where(and(eq(personRecords.orgId, org.id), eq(personRecords.userId, alphaPeople[0]!.id)));
  expect(row).toMatchObject({ level: "Head of unit", started: "2019-04-01", left: null });
});
