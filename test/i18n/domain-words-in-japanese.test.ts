// Words that come from domain code rather than from the page templates, in
// Japanese through the real server: the rows insights makes up (people
// without a department, small departments merged into "Other", everyone who
// answered) on the pages, their charts and CSV downloads; an insights import
// with bad rows; a cycle's outcome and its audit entries; a join request the
// vote accepted into a group that had filled up, whose stored reason reaches
// the person's notice and the audit log. No English left, no raw key, no key
// the catalogues lack; and the same in English for an English reader.
import { eq } from "drizzle-orm";
import { chartText, expectNoEnglishOrKeys, getPage } from "../support/page-language";
import { departments, diagnosticResponses, groups, notifications, users } from "../../db/schema";
import { ARC_INSTRUMENT, ARC_STATEMENTS } from "../../app/domain/diagnostics/arc-self-assessment";
import { askToJoin } from "../../app/domain/groups/membership/ask-to-join.server";
import { closeExpiredJoinVotes } from "../../app/domain/groups/membership/close-join-votes.server";
import { voteOnJoinRequest } from "../../app/domain/groups/membership/vote-on-join-request.server";
import { continueVoteOutcome } from "../../app/domain/programme/continue-vote";
import { finishCycle } from "../../app/domain/programme/cycles/finish-cycle.server";
import { enrolPeople } from "../../app/domain/programme/cohorts/enrol-people.server";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { visibleText } from "../support/english-leftovers";
import { postForm } from "../support/http-helpers";
import { createCohort, createCycle, createProgrammeGroup, monthlyMeetings, recordAttendanceRows } from "../support/programme-factories";
import { addToGroup } from "../groups/membership/add-to-group";
import { membershipSetting, person, requestsOf } from "../groups/membership/membership-setting";
import { worldsInBothLanguages, type Setting } from "../support/worlds-in-both-languages";

const RANGE = "from=2025-06&to=2025-08";

type World = Awaited<ReturnType<typeof plantWorld>>;

/**
 * An organisation in `language`: a department of six, two small departments
 * (two and three people, merged into "Other"), six people without a
 * department, all in one programme group whose cycle is deciding whether to
 * continue, each with a self-assessment at its start.
 */
async function plantWorld(language: "ja" | "en") {
  const ja = language === "ja";
  const org = await createOrg(fixture.t.db, { name: ja ? "株式会社言葉" : "Words Ltd", defaultLanguage: language });
  const admin = await createUser(fixture.t.db, { orgId: org.id, roles: ["org_admin"], name: ja ? "管理 花子" : "Hana Admin" });
  await fixture.t.db.update(users).set({ language }).where(eq(users.id, admin.id));
  const facilitator = await createUser(fixture.t.db, { orgId: org.id, roles: ["facilitator"], name: ja ? "進行 太郎" : "Taro Facilitator" });
  const people: string[] = [];
  const names = ja ? ["営業部", "製造部", "物流部"] : ["Sales", "Making", "Shipping"];
  for (const [d, size] of [6, 2, 3].entries()) {
    const [department] = await fixture.t.db.insert(departments).values({ orgId: org.id, name: names[d]! }).returning();
    for (let i = 0; i < size; i++) {
      const p = await createUser(fixture.t.db, { orgId: org.id, name: `${names[d]} ${i + 1}` });
      await fixture.t.db.update(users).set({ departmentId: department!.id }).where(eq(users.id, p.id));
      people.push(p.id);
    }
  }
  for (let i = 0; i < 6; i++) people.push((await createUser(fixture.t.db, { orgId: org.id, name: ja ? `所属なし ${i + 1}` : `Nobody ${i + 1}` })).id);
  const cohort = await createCohort(fixture.t.db, { orgId: org.id, name: ja ? "第1期" : "First cohort", alumniThreshold: 2 });
  const group = await createProgrammeGroup(fixture.t.db, { orgId: org.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: people, name: ja ? "ひまわり" : "Sunflower" });
  const { cycle, meetings } = await createCycle(fixture.t.db, { group, facilitatorId: facilitator.id, state: "evaluating", meetings: Array.from({ length: 3 }, (_, m) => ({ startsAt: new Date(Date.UTC(2025, 5 + m, 15, 9)) })) });
  for (const meeting of meetings) await recordAttendanceRows(fixture.t.db, meeting.id, Object.fromEntries(people.map((id) => [id, "present"])));
  await fixture.t.db.insert(diagnosticResponses).values(
    people.map((userId, i) => ({ userId, cycleId: cycle.id, moment: "start" as const, instrument: ARC_INSTRUMENT, answers: Object.fromEntries(ARC_STATEMENTS.map((s, k) => [s.id, 1 + ((i + k) % 5)])), answeredAt: new Date("2025-06-20T10:00:00Z") })),
  );
  return { org, admin, cookie: await sessionCookieFor(fixture.t.db, admin.id), member: people[0]!, group, cycle, cohort, planted: [org.name, ...names] };
}

const worlds: Partial<Record<"ja" | "en", World>> = {};
const fixture: Setting = worldsInBothLanguages(worlds, plantWorld);

const page = (path: string, cookie: string) => getPage(fixture.server, path, cookie);

async function download(path: string, cookie: string) {
  const res = await fixture.server.request(path, { headers: { Cookie: cookie } });
  expect(res.status, path).toBe(200);
  return res.text();
}

describe("the rows insights makes up, in Japanese", () => {
  test("participation density: no department recorded and the merged Other units, on the page, in its chart and in its CSV", async () => {
    const w = worlds.ja!;
    const p = await page(`/org/insights?level=department&${RANGE}`, w.cookie);
    expect(p.status).toBe(200);
    expect(p.lang).toBe("ja");
    for (const row of ["部署の登録なし", "その他の単位（各 5 人未満）", "営業部"]) expect(p.text, row).toContain(row);
    expectNoEnglishOrKeys(p.text, "/org/insights", w.planted);
    expect(chartText(p.html)).toContain("部署の登録なし");
    expectNoEnglishOrKeys(chartText(p.html), "the density charts", w.planted);

    const csv = await download(`/org/insights/export?table=density&level=department&${RANGE}`, w.cookie);
    expect(csv.split("\r\n")[0]).toBe("単位,月,アクティブ率（%）,修了率（%）,在籍人数");
    expect(csv).toContain("部署の登録なし,2025-06,");
    expect(csv).toContain("その他の単位（各 5 人未満）,2025-06,");
    expectNoEnglishOrKeys(csv, "the density CSV", w.planted);
  });

  test("ARC indicators: the rows, the heat map and its CSV name people without a department and the merged departments in Japanese", async () => {
    const w = worlds.ja!;
    const p = await page("/org/insights/arc?level=department", w.cookie);
    expect(p.status).toBe(200);
    for (const row of ["部署の登録なし", "その他の部署（各 5 人未満）"]) expect(p.text, row).toContain(row);
    expectNoEnglishOrKeys(p.text, "/org/insights/arc", w.planted);
    expect(chartText(p.html)).toContain("部署の登録なし");
    const csv = await download("/org/insights/arc.csv", w.cookie);
    expect(csv).toContain(",部署の登録なし,");
    expect(csv).not.toContain("No department recorded");
  });

  test("self-assessments by department and company-wide: no department, the merged departments and everyone who answered", async () => {
    const w = worlds.ja!;
    const diagnostics = await page("/org/insights/diagnostics?level=department", w.cookie);
    expect(diagnostics.status).toBe(200);
    for (const row of ["部署の登録なし", "その他の部署（各 5 人未満）", "営業部"]) expect(diagnostics.text, row).toContain(row);
    expectNoEnglishOrKeys(diagnostics.text, "/org/insights/diagnostics", w.planted);
    const themes = await page("/org/insights/themes", w.cookie);
    expect(themes.text).toContain("回答した全員");
    expectNoEnglishOrKeys(themes.text, "/org/insights/themes", w.planted);
  });

  test("an insights import with bad rows: each problem under its line, in Japanese, with the rows kept", async () => {
    const w = worlds.ja!;
    const csv = ["unit,period,metric,value", "営業部,2025-06,売上高,100", "経理部,2025-06,売上高,100", "営業部,2025-13,売上高,100", "営業部,2025-07,売上高,lots", "営業部,2025-06,売上高,120", "営業部,2025-08,売上高"].join("\n");
    const res = await postForm(fixture.server, "/org/insights/data", { intent: "kpis", level: "department", csv }, w.cookie);
    expect(res.status).toBe(400);
    const text = visibleText(await res.text());
    for (const problem of [
      "unit：「経理部」という部署はありません。登録されている部署：営業部、物流部、製造部。",
      "period：「2025-13」は月として読めません。2026-03 または 2026-03-01 の形で入力してください。",
      "value：「lots」は数値ではありません。",
      "同じ単位・月・指標の組み合わせが 2 行目にもあります。1 回だけ記載してください。",
      "この行には値が 3 個あります。必要なのは 4 個（unit, period, metric, value）です。",
    ])
      expect(text, problem).toContain(problem);
    expectNoEnglishOrKeys(text, "the import's problems", [...w.planted, "unit, period, metric, value", "unit,period,metric,value", "lots"]);
  });
});

describe("a cycle's outcome and a stored refusal, in Japanese", () => {
  test("a failed continue vote: the cycle page says the tally, and the audit log the outcome and who became an alumnus", async () => {
    const w = worlds.ja!;
    const outcome = continueVoteOutcome({ members: 17, continue: 4, stop: 9 }, { rule: "majority_of_votes", quorumPercent: 50 }, { windowClosed: true });
    if (outcome.status === "open") throw new Error("the vote should be decided");
    await fixture.t.db.transaction((tx) => finishCycle(tx, { cycle: w.cycle, cohort: w.cohort, event: "vote_failed", outcome: outcome.reason, at: new Date(), sponsored: true }));

    const member = await sessionCookieFor(fixture.t.db, w.member);
    await fixture.t.db.update(users).set({ language: "ja" }).where(eq(users.id, w.member));
    const cycle = await page(`/groups/${w.group.id}/cycle`, member);
    expect(cycle.status).toBe(200);
    expect(cycle.text).toContain("決定：メンバー 17 人中、継続に 4 人、終了に 9 人が投票しました。");
    expect(cycle.text).toContain("メンバー 17 人中、継続に 4 人、終了に 9 人が投票しました。");
    expectNoEnglishOrKeys(cycle.text, "the cycle page", [...w.planted, "ひまわり"]);

    const audit = await page("/audit", w.cookie);
    expect(audit.status).toBe(200);
    expect(audit.text).toContain("継続の投票で継続は決まりませんでした。");
    expect(audit.text).toContain("ひまわり、第 1 サイクル");
    expect(audit.text).toContain("ひまわり、第 1 サイクルのミーティングに 3 回出席しました（コホートの基準は 2 回）。");
    expectNoEnglishOrKeys(audit.text, "/audit", w.planted);
  });

  test("enrolling a department and picking people by hand: the audit log says how many and from where, in Japanese and in English", async () => {
    for (const language of ["ja", "en"] as const) {
      const w = worlds[language]!;
      const admin = { id: w.admin.id, orgId: w.org.id, roles: ["org_admin" as const], name: w.admin.name };
      const cohort = await createCohort(fixture.t.db, { orgId: w.org.id, name: language === "ja" ? "第2期" : "Second cohort" });
      const [department] = await fixture.t.db.select().from(departments).where(eq(departments.orgId, w.org.id)).orderBy(departments.name);
      const size = (await fixture.t.db.select().from(users).where(eq(users.departmentId, department!.id))).length;
      expect(await enrolPeople(fixture.t.db, admin, cohort.id, { by: "department", departmentId: department!.id })).toBe(size);
      expect(await enrolPeople(fixture.t.db, admin, cohort.id, { by: "pick", userIds: [w.admin.id] })).toBe(1);
      const audit = await page("/audit", w.cookie);
      expect(audit.status).toBe(200);
      if (language === "ja") {
        expect(audit.text).toContain(`部門「${department!.name}」から ${size} 人を登録しました。`);
        expect(audit.text).toContain("1 人を個別に選んで登録しました。");
        expectNoEnglishOrKeys(audit.text, "/audit", [...w.planted, "Second cohort"]);
      } else {
        expect(audit.text).toContain(`${size} people from the department ${department!.name}.`);
        expect(audit.text).toContain("1 person picked by hand.");
      }
    }
  });

  test("a vote to accept into a group that filled up meanwhile: the refusal stored as the reason is said in Japanese in the notice and the audit log", async () => {
    const setting = await membershipSetting(fixture.t.db, { group: { joinDecision: "vote", voteWindowHours: 24, sizeCap: 6, name: "読書会" }, orgA: { defaultLanguage: "ja", name: "株式会社読書" } });
    const more = [await person(fixture.t.db, setting.orgA.id), await person(fixture.t.db, setting.orgA.id)];
    await addToGroup(fixture.t.db, setting.group.id, more);
    const start = new Date("2030-03-01T09:00:00Z");
    const later = (h: number) => new Date(start.getTime() + h * 3_600_000);
    await askToJoin(fixture.t.db, setting.alumna, setting.group.id, "", start);
    const [request] = await requestsOf(fixture.t.db, setting.group.id, setting.alumna.id);
    await fixture.t.db.update(groups).set({ sizeCap: 5 }).where(eq(groups.id, setting.group.id));
    for (const voter of [setting.convener, ...setting.members]) await voteOnJoinRequest(fixture.t.db, voter, setting.group.id, request!.id, "yes", later(1));
    await closeExpiredJoinVotes(fixture.t.db, { now: later(24) });
    expect((await requestsOf(fixture.t.db, setting.group.id, setting.alumna.id))[0]!.status).toBe("declined");

    const [notice] = await fixture.t.db.select().from(notifications).where(eq(notifications.userId, setting.alumna.id));
    expect(notice!.body).toBe("理由：このグループは満員です（5 人中 5 人）。");

    const admin = await createUser(fixture.t.db, { orgId: setting.orgA.id, roles: ["org_admin"], name: "管理 読書" });
    const audit = await page("/audit", await sessionCookieFor(fixture.t.db, admin.id));
    expect(audit.lang).toBe("ja");
    expect(audit.text).toContain("このグループは満員です（5 人中 5 人）。");
    expectNoEnglishOrKeys(audit.text, "/audit", ["読書会", "株式会社読書", setting.alumna.name, setting.convener.name, ...setting.members.map((m) => m.name), ...more.map((m) => m.name)]);
  });

  test("an organisation admin granting a role they may not grant is refused in Japanese, the role named in Japanese", async () => {
    const w = worlds.ja!;
    const res = await postForm(fixture.server, "/org/invite", { email: "climber@example.test", roles: ["participant", "platform_admin"] }, w.cookie);
    expect(res.status).toBe(403);
    const text = visibleText(await res.text());
    expect(text).toContain("あなたには「プラットフォーム管理者」の役割を付与する権限がありません。");
    expectNoEnglishOrKeys(text, "the refusal", w.planted);
  });

  test("no page asked for a key no catalogue has", () => {
    expect(fixture.missingKeys()).toEqual([]);
  });
});

describe("the same words in English for an English reader", () => {
  test("insights rows, the CSV, an import's problems and a cycle's outcome", async () => {
    const w = worlds.en!;
    const p = await page(`/org/insights?level=department&${RANGE}`, w.cookie);
    expect(p.lang).toBe("en");
    for (const row of ["No department recorded", "Other units (fewer than 5 people each)"]) expect(p.text, row).toContain(row);
    const csv = await download(`/org/insights/export?table=density&level=department&${RANGE}`, w.cookie);
    expect(csv.split("\r\n")[0]).toBe("Unit,Month,Active share (%),Completed share (%),Headcount");
    expect(csv).toContain("No department recorded,2025-06,");
    expect(await download("/org/insights/arc.csv", w.cookie)).toContain(",No department recorded,");
    const arc = await page("/org/insights/arc?level=department", w.cookie);
    expect(arc.text).toContain("Other departments (fewer than 5 people each)");
    expect((await page("/org/insights/themes", w.cookie)).text).toContain("Everyone who answered");

    const bad = await postForm(fixture.server, "/org/insights/data", { intent: "kpis", level: "department", csv: "Accounts,2025-06,Revenue,100\nSales,2025-07,Revenue,lots" }, w.cookie);
    const text = visibleText(await bad.text());
    expect(text).toContain('unit: there is no department called "Accounts". Known departments: Making, Sales and Shipping.');
    expect(text).toContain('value: "lots" is not a number.');

    const outcome = continueVoteOutcome({ members: 17, continue: 2, stop: 2 }, { rule: "majority_of_votes", quorumPercent: 10 }, { windowClosed: true });
    if (outcome.status === "open") throw new Error("the vote should be decided");
    await fixture.t.db.transaction((tx) => finishCycle(tx, { cycle: w.cycle, cohort: w.cohort, event: "vote_failed", outcome: outcome.reason, at: new Date(), sponsored: true }));
    const cycle = await page(`/groups/${w.group.id}/cycle`, await sessionCookieFor(fixture.t.db, w.member));
    expect(cycle.text).toContain("Decided: 2 voted to continue and 2 to stop, of 17 members. A tie does not carry.");
    const audit = await page("/audit", w.cookie);
    expect(audit.text).toContain("The continue vote did not carry.");
    expect(audit.text).toContain("Present at 3 meetings of Sunflower, cycle 1; the cohort's threshold is 2.");
    expect(fixture.missingKeys()).toEqual([]);
  });

  test("a cycle outcome stored in English before the catalogues is still shown as written", async () => {
    const w = worlds.ja!;
    const { group } = w;
    const { cycle } = await createCycle(fixture.t.db, { group, facilitatorId: w.admin.id, number: 2, state: "ended", meetings: monthlyMeetings(1, 1), outcome: "3 voted to continue and 1 to stop, of 4 members.", endedAt: new Date() });
    const member = await sessionCookieFor(fixture.t.db, w.member);
    const p = await page(`/groups/${group.id}/cycle?cycle=${cycle.number}`, member);
    expect(p.status).toBe(200);
    expect(p.text).toContain("3 voted to continue and 1 to stop, of 4 members.");
  });
});
