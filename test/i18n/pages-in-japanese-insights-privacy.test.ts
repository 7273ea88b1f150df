// The insights pages and the pages about people's data, in Japanese through
// the real server, with data planted so that their tables and charts are
// filled: no English left on them, no raw key, the charts drawn in Japanese,
// and a bad form answered in Japanese with the input kept. Also the banner
// that a pending deletion of one's own account puts on every page, and the
// platform admin's count of people without erased accounts.
import { and, eq, inArray } from "drizzle-orm";
import { chartText, expectJapanesePage, getPage, missingTranslationKeys, type ReadPage } from "../support/page-language";
import { strFromU8, unzipSync } from "fflate";
import { dataExports, departments, diagnosticResponses, insightUnits, sites, users } from "../../db/schema";
import { ARC_INSTRUMENT, ARC_STATEMENTS } from "../../app/domain/diagnostics/arc-self-assessment";
import { importInsightsData } from "../../app/domain/insights/import-insights-data.server";
import { assignExperiment } from "../../app/domain/insights/experiments/assign-experiment.server";
import { registerExperiment } from "../../app/domain/insights/experiments/register-experiment.server";
import { createExperiment } from "../../app/domain/insights/experiments/save-experiment.server";
import { addMonths } from "../../app/domain/insights/period";
import { requestDeletion } from "../../app/domain/personal-data/account-deletions.server";
import { prepareExports, requestPersonExport } from "../../app/domain/personal-data/data-exports.server";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { englishLeftovers, visibleText } from "../support/english-leftovers";
import { decodeEntities, postForm } from "../support/http-helpers";
import { createCohort, createCycle, createProgrammeGroup, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
let missingKeys: () => string[];

const DEPARTMENTS = ["営業部", "製造部", "物流部", "経理部", "人事部", "開発部"];
const METRIC = "売上高";
const SURVEY = "従業員満足度";
const MONTHS = Array.from({ length: 12 }, (_, m) => addMonths("2025-01-01", m));
const RANGE = "from=2025-01&to=2025-12";

type World = Awaited<ReturnType<typeof plantWorld>>;
let world: World;

/**
 * One organisation: six departments of six people at one site, a cohort
 * whose group met monthly from April to September 2025 (half of each
 * department in it, present more often in some departments than others), a
 * monthly business figure per department, survey scores, people's records,
 * self-assessments, and an experiment registered and assigned on the figure.
 */
async function plantWorld() {
  const org = await createOrg(t.db, { name: "株式会社テスト", defaultLanguage: "ja" });
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin", "platform_admin", "participant"], name: "管理 花子" });
  await t.db.update(users).set({ language: "ja" }).where(eq(users.id, admin.id));
  const actor = { id: admin.id, orgId: org.id, roles: admin.roles };
  const facilitator = await createUser(t.db, { orgId: org.id, roles: ["facilitator"], name: "進行 太郎" });
  const [site] = await t.db.insert(sites).values({ orgId: org.id, name: "本社" }).returning();
  const people: { id: string; email: string; department: number }[] = [];
  for (const [d, name] of DEPARTMENTS.entries()) {
    const [department] = await t.db.insert(departments).values({ orgId: org.id, name }).returning();
    for (let i = 0; i < 6; i++) {
      const person = await createUser(t.db, { orgId: org.id, name: `${name}の社員${i + 1}` });
      await t.db.update(users).set({ departmentId: department!.id, siteId: site!.id }).where(eq(users.id, person.id));
      people.push({ id: person.id, email: person.email, department: d });
    }
  }
  const members = people.filter((_, i) => i % 6 < 3);
  const cohort = await createCohort(t.db, { orgId: org.id, name: "第1期コホート" });
  const group = await createProgrammeGroup(t.db, { orgId: org.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: members.map((m) => m.id), name: "ひまわり" });
  const { cycle, meetings } = await createCycle(t.db, { group, facilitatorId: facilitator.id, meetings: Array.from({ length: 6 }, (_, m) => ({ startsAt: new Date(Date.UTC(2025, 3 + m, 15, 9)) })) });
  for (const [m, meeting] of meetings.entries()) {
    await recordAttendanceRows(t.db, meeting.id, Object.fromEntries(members.map((p) => [p.id, m >= p.department % 3 ? "present" : "absent"])));
  }

  const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(",")).join("\n");
  const kpis = DEPARTMENTS.flatMap((name, d) => MONTHS.map((period, m) => [name, period.slice(0, 7), METRIC, (100 + d * 7 + m * 1.5 + (m >= 3 ? d * 0.8 : 0) + ((d * 5 + m * 3) % 4)).toFixed(1)]));
  const surveys = people.flatMap((p, i) => ["2025-03", "2025-09"].map((period, k) => [p.email, period, SURVEY, (3 + ((i * 7 + k * 3) % 10) / 10).toFixed(1)]));
  const records = people.map((p, i) => [p.email, i % 2 ? "課長" : "係長", i % 3 ? "2018-04" : "2023-10", i % 9 === 0 ? "2025-10" : ""]);
  for (const [kind, text] of [
    ["kpis", csv(kpis)],
    ["survey_scores", csv(surveys)],
    ["people", csv(records)],
  ] as const) {
    const result = await importInsightsData(t.db, actor, org.id, { kind, level: "department", text });
    expect(result.ok, kind).toBe(true);
  }

  // Self-assessments at the start of the cycle from everyone in the group.
  await t.db.insert(diagnosticResponses).values(
    members.map((p, i) => ({ userId: p.id, cycleId: cycle.id, moment: "start" as const, instrument: ARC_INSTRUMENT, answers: Object.fromEntries(ARC_STATEMENTS.map((s, k) => [s.id, 1 + ((i + k) % 5)])), answeredAt: new Date("2025-04-20T10:00:00Z") })),
  );

  const units = (await t.db.select({ id: insightUnits.id }).from(insightUnits).where(and(eq(insightUnits.orgId, org.id), eq(insightUnits.kind, "department")))).map((u) => u.id);
  const experiment = await createExperiment(t.db, actor, org.id, {
    title: "メンター制度の試行",
    initiative: "処置群の部署の修了生にメンターを付けます。",
    hypothesis: "売上高が上がる。",
    unitKind: "department",
    eligible: units,
    outcomeKind: "kpi",
    outcome: METRIC,
    startsOn: "2025-07-01",
    baselineMonths: 6,
    outcomeMonths: 6,
    strata: 2,
  });
  await registerExperiment(t.db, actor, experiment.id);
  await assignExperiment(t.db, actor, experiment.id, { seed: 20251207 });

  return { org, admin, people, units, experiment, cookie: await sessionCookieFor(t.db, admin.id), planted: ["株式会社テスト"] };
}

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
  missingKeys = await missingTranslationKeys();
  world = await plantWorld();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});


/** The text drawn in the page's server-rendered charts (ECharts SVG in data: URLs). */
const page = (path: string, cookie: string) => getPage(server, path, cookie);

const expectJapanese = (p: ReadPage, path: string, phrase: string, planted: string[] = []) =>
  expectJapanesePage(p, path, phrase, { planted: [...world.planted, ...planted] });

describe("the insights pages in Japanese", () => {
  test("the insights page: density, the analyses against a business figure, survey scores and retention, with Japanese charts and tables", async () => {
    const path = `/org/insights?${RANGE}&metric=${encodeURIComponent(METRIC)}&survey=${encodeURIComponent(SURVEY)}`;
    const p = await page(path, world.cookie);
    expectJapanese(p, path, "参加密度");
    for (const phrase of ["最初にお読みください。", "ピアソンの相関係数 r =", "95% 信頼区間", "参加状況別のサーベイのスコア", "在籍継続", "ダービン・ワトソン比", "この表をダウンロード（CSV）"]) expect(p.text, phrase).toContain(phrase);
    // Every chart is drawn, and what it writes (axes, legends, months) is Japanese too.
    expect(p.html.match(/data:image\/svg\+xml/g)?.length).toBeGreaterThanOrEqual(4);
    const charts = chartText(p.html);
    expect(charts).toContain("アクティブ率（%）");
    expect(charts).toContain("2025年1月");
    expect(charts).toContain("回帰直線");
    expect(englishLeftovers(charts, DEPARTMENTS)).toEqual([]);
  });

  test("the CSV download is in the reader's language, its columns as on the page", async () => {
    const res = await server.request(`/org/insights/export?table=density&${RANGE}`, { headers: { Cookie: world.cookie } });
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv.split("\r\n")[0]).toBe("単位,月,アクティブ率（%）,修了率（%）,在籍人数");
    expect(csv).toMatch(/\r\n(営業部|製造部|物流部|経理部|人事部|開発部),2025-\d\d,[\d.]+,/);
    expect(englishLeftovers(csv, DEPARTMENTS)).toEqual([]);
  });

  test("ARC indicators, self-assessments and company-wide themes", async () => {
    const arc = await page("/org/insights/arc?level=department", world.cookie);
    expectJapanese(arc, "/org/insights/arc", "部署間のつながり");
    expect(arc.text).toContain("営業部");
    expect(chartText(arc.html)).toContain("営業部");
    const diagnostics = await page("/org/insights/diagnostics?level=cohort", world.cookie);
    expectJapanese(diagnostics, "/org/insights/diagnostics", "1～5 の平均スコアと 95% 信頼区間");
    expect(diagnostics.text).toContain("第1期コホート");
    const themes = await page("/org/insights/themes", world.cookie);
    expectJapanese(themes, "/org/insights/themes", "自己診断（全員）");
    expect(themes.text).toContain("回答した全員");
  });

  test("insights data: the import forms, and a bad import answered in Japanese with the rows kept", async () => {
    const p = await page("/org/insights/data", world.cookie);
    expectJapanese(p, "/org/insights/data", "業績数値を取り込む");
    const empty = await postForm(server, "/org/insights/data", { intent: "kpis", level: "department", csv: " " }, world.cookie);
    expect(empty.status).toBe(400);
    expect(visibleText(await empty.text())).toContain("CSV ファイルを選ぶか、行を貼り付けてください。");
    const noLevel = await postForm(server, "/org/insights/data", { intent: "headcounts", level: "城", csv: "営業部,2025-01,6" }, world.cookie);
    expect(noLevel.status).toBe(400);
    const html = await noLevel.text();
    expect(visibleText(html)).toContain("部署、拠点、店舗のいずれかを選んでください。");
    expect(html).toContain("営業部,2025-01,6");
  });

  test("cohort experiments: the list with its form, a bad experiment answered in Japanese, and an assigned experiment with its result and chart", async () => {
    const list = await page("/org/insights/experiments", world.cookie);
    expectJapanese(list, "/org/insights/experiments", "新しい実験", ["メンター制度の試行"]);
    expect(list.text).toContain("登録済み・割り付け済み");
    const bad = await postForm(
      server,
      "/org/insights/experiments",
      { title: "", initiative: "新人研修の見直し", hypothesis: "定着率が上がる", unitKind: "department", eligible: world.units.slice(0, 2), outcomeKind: "kpi", outcome: METRIC, startsOn: "2025-13", baselineMonths: "0", outcomeMonths: "many", strata: "2" },
      world.cookie,
    );
    expect(bad.status).toBe(400);
    const badText = visibleText(await bad.text());
    for (const message of ["タイトルを入力してください。", "各群に 3 つずつ入るよう、6 つ以上選んでください。", "施策の開始月を 2026-03 のように入力してください。", "ベースライン期間は 1 から 24 の間にしてください。", "成果測定期間は数値で入力してください。"])
      expect(badText, message).toContain(message);
    expect(badText).toContain("新人研修の見直し");
    expect(englishLeftovers(badText, world.planted)).toEqual([]);

    const path = `/org/insights/experiments/${world.experiment.id}`;
    const p = await page(path, world.cookie);
    expectJapanese(p, path, "差の差（DID）");
    for (const phrase of ["予定している分析", "処置群", "対照群", "生の推移", "p値（規模の層内での並べ替え検定）"]) expect(p.text, phrase).toContain(phrase);
    const chart = chartText(p.html);
    expect(chart).toContain("処置群");
    expect(chart).toContain("2025年7月");
    expect(englishLeftovers(chart)).toEqual([]);
  });
});

describe("the insights pages in Japanese, before there is anything to show", () => {
  test("a draft experiment's page and its form, and a bad change answered in Japanese with the input kept", async () => {
    const actor = { id: world.admin.id, orgId: world.org.id, roles: world.admin.roles };
    const draft = await createExperiment(t.db, actor, world.org.id, {
      title: "朝礼の見直し",
      initiative: "処置群の部署で朝礼を短くします。",
      hypothesis: "満足度が上がる。",
      unitKind: "department",
      eligible: world.units,
      outcomeKind: "kpi",
      outcome: METRIC,
      startsOn: "2025-09-01",
      baselineMonths: 3,
      outcomeMonths: 3,
      strata: 3,
    });
    const path = `/org/insights/experiments/${draft.id}`;
    expectJapanese(await page(path, world.cookie), path, "下書きを変更する");
    const bad = await postForm(
      server,
      path,
      { intent: "save", title: "朝礼の見直し（改）", initiative: "", hypothesis: "満足度が上がる。", unitKind: "department", eligible: world.units, outcomeKind: "kpi", outcome: METRIC, startsOn: "2025-09", baselineMonths: "3", outcomeMonths: "3", strata: "4" },
      world.cookie,
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    const text = visibleText(html);
    expect(text).toContain("施策の内容を入力してください。");
    expect(text).toContain("単位が 6 つの場合、規模の層は最大 3 つまでです。");
    expect(html).toContain('value="朝礼の見直し（改）"');
    expect(englishLeftovers(text, world.planted)).toEqual([]);
  });

  test("an organisation without people, figures or experiments sees every insights page's empty state in Japanese", async () => {
    const org = await createOrg(t.db, { name: "新設株式会社", defaultLanguage: "ja" });
    const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"], name: "新設 管理者" });
    const cookie = await sessionCookieFor(t.db, admin.id);
    for (const [path, phrase] of [
      ["/org/insights", "まだありません"],
      ["/org/insights?level=store", "店舗ごとの参加状況は数えられません"],
      ["/org/insights/arc", "まだ表示できるものはありません"],
      ["/org/insights/diagnostics", "表示できるものはありません"],
      ["/org/insights/themes", "複数のブレイクアウトで挙がったテーマはまだありません。"],
      ["/org/insights/experiments", "実験はまだありません。"],
    ]) {
      const p = await page(path!, cookie);
      expect(p.status, path).toBe(200);
      expect(p.lang, path).toBe("ja");
      expect(p.text, path).toContain(phrase);
      expect(englishLeftovers(p.text, ["新設株式会社"]), path).toEqual([]);
    }
  });
});

describe("people's data in Japanese", () => {
  test("your data: an export ready to download, the deletion form, and a missing tick answered in Japanese", async () => {
    const person = await createUser(t.db, { orgId: world.org.id, name: "山田 一郎" });
    await t.db.update(users).set({ language: "ja" }).where(eq(users.id, person.id));
    const cookie = await sessionCookieFor(t.db, person.id);
    await requestPersonExport(t.db, { id: person.id, orgId: world.org.id, roles: person.roles });
    await prepareExports(t.db);
    const p = await page("/profile/data", cookie);
    expectJapanese(p, "/profile/data", "データをダウンロードする");
    expect(p.text).toContain("準備完了");
    const unticked = await postForm(server, "/profile/data", { intent: "delete" }, cookie);
    expect(unticked.status).toBe(400);
    expect(visibleText(await unticked.text())).toContain("アカウントを削除してよいことを確認するため、チェックボックスをオンにしてください。");

    // The README inside the zip is written in the person's language.
    const [row] = await t.db.select({ zip: dataExports.zip }).from(dataExports).where(eq(dataExports.requestedBy, person.id));
    const readme = strFromU8(unzipSync(new Uint8Array(row!.zip!))["README.txt"]!);
    expect(readme).toContain("Roundtable にあるあなたのデータ");
    expect(readme).toContain("あなたのアカウントとプロフィール。");
    expect(englishLeftovers(readme, [person.name, "Roundtable"])).toEqual([]);
  });

  test("an admin deleting a leaver's account, the confirmation missing, then the deletion waiting", async () => {
    const leaver = await createUser(t.db, { orgId: world.org.id, name: "鈴木 次郎" });
    const path = `/org/people/${leaver.id}/delete`;
    expectJapanese(await page(path, world.cookie), path, "鈴木 次郎 さんのアカウントを削除する");
    const unticked = await postForm(server, path, { intent: "delete" }, world.cookie);
    expect(unticked.status).toBe(400);
    expect(visibleText(await unticked.text())).toContain("チェックボックスをオンにしてください。");
    expect((await postForm(server, path, { intent: "delete", confirm: "on" }, world.cookie)).status).toBe(302);
    const waiting = await page(`${path}?asked=delete`, world.cookie);
    expectJapanese(waiting, path, "削除を取り消す");
    expect(waiting.text).toMatch(/このアカウントは \d{4}年\d{1,2}月\d{1,2}日\(.\)に削除されます。/);
  });

  test("the platform admin's organisation exports, and an organisation not on the list refused in Japanese", async () => {
    await t.db.insert(dataExports).values({ scope: "organisation", orgId: world.org.id, requestedBy: world.admin.id });
    await prepareExports(t.db);
    const p = await page("/admin/exports", world.cookie);
    expectJapanese(p, "/admin/exports", "組織のデータをエクスポートする");
    expect(p.text).toContain("依頼したエクスポート");
    const bad = await postForm(server, "/admin/exports", { orgId: "no-such-organisation" }, world.cookie);
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain("一覧から組織を選んでください。");
  });

  test("the People's data settings, and a period of zero answered in Japanese with the input kept", async () => {
    const p = await page("/org/settings", world.cookie);
    expectJapanese(p, "/org/settings", "メンバーのデータ");
    const bad = await postForm(server, "/org/settings", { intent: "data", deletionCoolingOffDays: "14", privateNotesRetentionDays: "0" }, world.cookie);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(visibleText(html)).toContain("非公開メモの保存期間は 1 日以上にしてください。");
    expect(html).toContain('value="0"');
  });

  test("no page asked for a key no catalogue has", () => {
    expect(missingKeys()).toEqual([]);
  });
});

describe("the same pages in English", () => {
  test("keep their English", async () => {
    const org = await createOrg(t.db);
    const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin", "platform_admin"] });
    const cookie = await sessionCookieFor(t.db, admin.id);
    for (const [path, phrase] of [
      ["/org/insights", "Participation density"],
      ["/org/insights/arc", "Ties between departments"],
      ["/org/insights/experiments", "New experiment"],
      ["/org/insights/data", "Import business figures (kpis)"],
      ["/profile/data", "Download your data"],
      ["/admin/exports", "Export an organisation's data"],
      ["/org/settings", "People's data"],
    ]) {
      const p = await page(path!, cookie);
      expect(p.status, path).toBe(200);
      expect(p.lang, path).toBe("en");
      expect(p.text, path).toContain(phrase);
    }
    expect(missingKeys()).toEqual([]);
  });
});

describe("a pending deletion of one's own account", () => {
  test("every page shows when the account goes and links to where it is cancelled, in the person's language, until it is cancelled", async () => {
    const person = await createUser(t.db, { orgId: world.org.id, name: "田中 三郎" });
    await t.db.update(users).set({ language: "ja", timeZone: "Asia/Tokyo" }).where(eq(users.id, person.id));
    const cookie = await sessionCookieFor(t.db, person.id);
    const banner = (html: string) => /<p class="deletion-banner"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1];
    expect(banner((await page("/", cookie)).html)).toBeUndefined();

    await requestDeletion(t.db, { id: world.admin.id, orgId: world.org.id, roles: world.admin.roles }, person.id, new Date("2026-12-01T10:00:00Z"));
    for (const path of ["/", "/profile", "/modules", "/no-such-page"]) {
      const p = await page(path, cookie);
      const shown = banner(p.html);
      expect(shown, path).toBeDefined();
      expect(decodeEntities(shown!.replace(/<[^>]+>/g, "")), path).toContain("あなたのアカウントは 2026年12月15日(火)に削除され、個人データは消去されます。");
      expect(shown, path).toContain('href="/profile/data#delete"');
      expect(englishLeftovers(p.text, [...world.planted, person.name]), path).toEqual([]);
    }

    expect((await postForm(server, "/profile/data", { intent: "cancel-deletion" }, cookie)).status).toBe(302);
    for (const path of ["/", "/profile/data"]) expect(banner((await page(path, cookie)).html), path).toBeUndefined();
  });

  test("in English for an English reader", async () => {
    const org = await createOrg(t.db);
    const person = await createUser(t.db, { orgId: org.id });
    const cookie = await sessionCookieFor(t.db, person.id);
    await requestDeletion(t.db, { id: person.id, orgId: org.id, roles: person.roles }, person.id, new Date("2026-12-01T10:00:00Z"));
    const p = await page("/", cookie);
    expect(p.text).toContain("Your account will be deleted on");
    expect(p.text).toContain("Keep my account");
  });
});

describe("the platform admin's organisations", () => {
  test("count people without the accounts that were erased", async () => {
    const org = await createOrg(t.db, { name: "消去テスト株式会社" });
    const people = await Promise.all(Array.from({ length: 3 }, () => createUser(t.db, { orgId: org.id })));
    const count = async () => {
      const html = (await page("/admin", world.cookie)).html;
      const row = new RegExp(`<td>消去テスト株式会社</td><td>(\\d+)</td>`).exec(html.replace(/<!-- -->/g, ""));
      return Number(row?.[1]);
    };
    expect(await count()).toBe(3);
    await t.db.update(users).set({ erasedAt: new Date(), name: "Former member" }).where(inArray(users.id, [people[0]!.id]));
    expect(await count()).toBe(2);
  });
});
