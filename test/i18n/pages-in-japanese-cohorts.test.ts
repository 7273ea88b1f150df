// The cohort pages, group formation, the people import and the people pages
import { expectJapanesePage, getPage, missingTranslationKeys, readPage, type ReadPage } from "../support/page-language";
// in Japanese, through the real server: an organisation admin who reads
// Japanese sees every word of them in Japanese (no English left once the
// test's own data is taken out), the engine's reasons and warnings and the
// import's report row by row included, and a wrong entry is answered in
// Japanese with what they typed kept. A few of them in English keep their
// English, and no page asks for a key no catalogue has.
import { eq } from "drizzle-orm";
import { cohortMembers, departments, formationPlans, sites, users } from "../../db/schema";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { decodeEntities, postForm } from "../support/http-helpers";
import { createCohort, createCycle, createProgrammeGroup, monthlyMeetings, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
let missingKeys: () => string[];
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
  missingKeys = await missingTranslationKeys();
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});


// Everything planted below has a Japanese name, so nothing of the test's own is English.
const PLANTED: string[] = [];

/** A page in Japanese: 200, lang="ja", the phrase, no raw key, and no English left. */
const PEOPLE = ["田中 太郎", "山本 次郎", "中村 三郎", "小林 花子", "加藤 美咲", "吉田 健", "山田 優子", "松本 大輔", "井上 彩", "木村 翔"];

/**
 * An organisation whose admin reads Japanese: three departments and two
 * sites; a cohort with a meeting group mid-cycle and people not yet placed;
 * a cohort with nobody placed, to form with the engine; and a cohort whose
 * rules cannot all hold.
 */
const page = (path: string, cookie: string) => getPage(server, path, cookie);

const read = readPage;
const expectJapanese = (p: ReadPage, path: string, phrase: string, status = 200, planted: string[] = []) =>
  expectJapanesePage(p, path, phrase, { status, planted: [...PLANTED, ...planted] });

async function organisation(language: "ja" | "en") {
  const org = await createOrg(t.db, { name: "さくら商事", defaultLanguage: "en" });
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"], name: "佐藤 花子" });
  await t.db.update(users).set({ language }).where(eq(users.id, admin.id));
  const cookie = await sessionCookieFor(t.db, admin.id);
  const depts = await t.db.insert(departments).values(["営業部", "経理部", "開発部"].map((name) => ({ orgId: org.id, name }))).returning();
  const siteRows = await t.db.insert(sites).values(["東京", "大阪"].map((name) => ({ orgId: org.id, name }))).returning();
  const facilitator = await createUser(t.db, { orgId: org.id, roles: ["facilitator"], name: "鈴木 一郎" });
  const people: Awaited<ReturnType<typeof createUser>>[] = [];
  for (const [i, name] of PEOPLE.entries()) {
    const p = await createUser(t.db, { orgId: org.id, roles: ["participant"], name });
    await t.db.update(users).set({ departmentId: depts[i % 3]!.id, siteId: siteRows[i % 2]!.id }).where(eq(users.id, p.id));
    people.push(p);
  }
  const notEnrolled = await createUser(t.db, { orgId: org.id, roles: ["participant"], name: "田中 未登録" });

  // Spring: a group of four mid-cycle (two meetings held, attendance recorded), two people not placed.
  const spring = await createCohort(t.db, { orgId: org.id, createdBy: admin.id, name: "2027年春期", timeZone: "Asia/Tokyo", groupSizeMin: 3, groupSizeMax: 5 });
  const sakura = await createProgrammeGroup(t.db, { orgId: org.id, cohortId: spring.id, facilitatorId: facilitator.id, memberIds: people.slice(0, 4).map((p) => p.id), name: "さくら" });
  await createProgrammeGroup(t.db, { orgId: org.id, cohortId: spring.id, facilitatorId: null, memberIds: [people[4]!.id], name: "もみじ" });
  await t.db.insert(cohortMembers).values(people.slice(5, 7).map((p) => ({ cohortId: spring.id, userId: p.id })));
  const { meetings } = await createCycle(t.db, { group: sakura, facilitatorId: facilitator.id, meetings: monthlyMeetings(6, 2) });
  for (const m of meetings.slice(0, 2)) await recordAttendanceRows(t.db, m.id, Object.fromEntries(people.slice(0, 4).map((p, i) => [p.id, i === 0 ? "absent" : "present"])));

  // Autumn: eight people, no group yet, formed by the engine.
  const autumn = await createCohort(t.db, { orgId: org.id, createdBy: admin.id, name: "2027年秋期", timeZone: "Asia/Tokyo", groupSizeMin: 3, groupSizeMax: 4 });
  await t.db.insert(cohortMembers).values(people.slice(0, 8).map((p) => ({ cohortId: autumn.id, userId: p.id })));

  // Winter: four people of one department, at most one of a department per group: no plan can keep that.
  const winter = await createCohort(t.db, { orgId: org.id, createdBy: admin.id, name: "2027年冬期", timeZone: "Asia/Tokyo", groupSizeMin: 3, groupSizeMax: 4 });
  await t.db.insert(cohortMembers).values([0, 3, 6, 9].map((i) => ({ cohortId: winter.id, userId: people[i]!.id })));

  return { org, admin, cookie, people, notEnrolled, spring, autumn, winter };
}

type Org = Awaited<ReturnType<typeof organisation>>;

const SETUP = { groupSizeMin: "3", groupSizeMax: "4", mixDepartment: "strongly", mixSite: "a_little", mixNewTies: "strongly", managerApart: "on", maxPerDepartment: "2", sameTimeBand: "on", seconds: "1" };

/** Proposes groups through the set-up page and waits until the run has finished; returns the plan page's path. */
async function propose(o: Org, cohortId: string, fields: Record<string, string> = {}) {
  const res = await postForm(server, `/org/cohorts/${cohortId}/formation`, { intent: "propose", ...SETUP, ...fields }, o.cookie);
  expect(res.status).toBe(302);
  const path = res.headers.get("location")!;
  const planId = path.split("/").pop()!;
  await server.services.formationRuns.settled(planId);
  return path;
}

describe("the cohort and formation pages in Japanese", () => {
  let o: Org;
  beforeAll(async () => {
    o = await organisation("ja");
  }, 60_000);

  test("the cohorts, a cohort, and its groups speak Japanese, cycle states and warnings included", async () => {
    expectJapanese(await page("/org/cohorts", o.cookie), "/org/cohorts", "実施中 1");
    const cohort = await page(`/org/cohorts/${o.spring.id}`, o.cookie);
    expectJapanese(cohort, "cohort", "1 サイクルあたり 6 回、1 か月ごと、各 90 分");
    expect(cohort.text).toContain("1：実施中");
    expect(cohort.text).toContain("6 回中 2 回");
    // Two people per department and site: every attendance figure is withheld, and says so.
    expect(cohort.text).toContain("営業部： 3 人以上で表示されます");
    const search = await page(`/org/cohorts/${o.spring.id}?q=${encodeURIComponent("田中")}`, o.cookie);
    expectJapanese(search, "cohort search", "まだ登録されていない人");
    expect(search.text).toContain("田中 未登録");
    const groups = await page(`/org/cohorts/${o.spring.id}/groups`, o.cookie);
    expectJapanese(groups, "groups", "2027年春期 のグループ編成");
    expect(groups.text).toContain("登録者のうち 2 人が、まだどのグループにも所属していません。");
    expect(groups.text).toContain("もみじ にはまだファシリテーターがいません。");
    expect(groups.text).toContain("部署：営業部 2、");
  });

  test("the set-up says who each rule touches, and a proposal is compared, adjusted and checked in Japanese", async () => {
    const setup = await page(`/org/cohorts/${o.autumn.id}/formation`, o.cookie);
    expectJapanese(setup, "set-up", "各ルールの対象になる人");
    expect(setup.text).toContain("1 グループあたり同一部署から最大 2 人");
    expect(setup.text).toContain("全員が同じ時間帯です。");

    const path = await propose(o, o.autumn.id);
    const plan = await page(path, o.cookie);
    expectJapanese(plan, "plan", "2 つの単純な分け方との比較");
    expect(plan.text).toContain("ランダムな分割");
    expect(plan.text).toMatch(/\d 部署、\d 拠点、(以前に同じグループだった組が \d 組|以前に同じグループだった人はいません)/);
    expect(plan.html).toMatch(/alt="提案：部署をまたぐ新しいつながり \d+/);
    // The chart is drawn on the server with the measures' names in Japanese.
    const chart = /src="data:image\/svg\+xml;base64,([^"]+)"/.exec(plan.html)![1]!;
    expect(Buffer.from(chart, "base64").toString()).toContain("部署をまたぐ新しいつながり");

    // Moving two people of the first group to the second leaves one too small and one too large: the broken rules are named in Japanese.
    const [row] = await t.db.select().from(formationPlans).where(eq(formationPlans.id, path.split("/").pop()!));
    const firstGroup = row!.people.filter((_, i) => row!.assignment![i] === 0);
    for (const userId of firstGroup.slice(0, 2)) {
      expect((await postForm(server, path, { intent: "move", js: "1", userId, toGroup: "1" }, o.cookie)).status).toBe(200);
    }
    const adjusted = await page(path, o.cookie);
    expectJapanese(adjusted, "adjusted plan", "件のルールに違反しています");
    expect(adjusted.text).toMatch(/グループ \d は \d 人です。/);

    // The set-up lists the proposal with its status in Japanese.
    expectJapanese(await page(`/org/cohorts/${o.autumn.id}/formation`, o.cookie), "set-up with a proposal", "提案済み");
  });

  test("rules that cannot all hold are explained in Japanese, with the department and the numbers", async () => {
    const path = await propose(o, o.winter.id, { maxPerDepartment: "1" });
    const failed = await page(path, o.cookie);
    expectJapanese(failed, "failed plan", "すべてのルールを守る案はありません");
    expect(failed.text).toContain("営業部 には 4 人いますが、1 グループあたり最大 1 人で 1 グループでは 1 人までしか入れません。");
  });

  test("wrong entries are answered in Japanese and keep what was typed", async () => {
    const badCohort = await postForm(
      server,
      "/org/cohorts?index",
      { name: "2029年度", meetingsPerCycle: "6", intervalMonths: "1", meetingMinutes: "90", groupSizeMin: "8", groupSizeMax: "5", alumniThreshold: "4", handoverFromMeeting: "4", timeZone: "Asia/Tokyo" },
      o.cookie,
    );
    const cohorts = await read(badCohort);
    expectJapanese(cohorts, "new cohort", "グループの最大人数は最小人数以上にしてください。", 400);
    expect(cohorts.html).toContain('value="2029年度"');

    const badCsv = await read(await postForm(server, `/org/cohorts/${o.spring.id}`, { intent: "csv", csv: "email\nghost@example.test" }, o.cookie));
    expectJapanese(badCsv, "enrol csv", "email：ghost@example.test というアドレスの人は組織内にいません。", 400);
    expect(decodeEntities(badCsv.html)).toMatch(/<textarea[^>]*>\s*email\nghost@example.test<\/textarea>/);

    const notConfirmed = await read(await postForm(server, `/org/cohorts/${o.spring.id}`, { intent: "end-sponsorship" }, o.cookie));
    expectJapanese(notConfirmed, "end sponsorship", "スポンサーシップの終了を確認するため、チェックボックスをオンにしてください。", 400);

    const longName = "あ".repeat(121);
    const badGroup = await read(await postForm(server, `/org/cohorts/${o.spring.id}/groups`, { intent: "add-group", name: longName }, o.cookie));
    expectJapanese(badGroup, "add group", "名前は 120 文字未満で入力してください。", 400);
    expect(badGroup.html).toContain(`value="${longName}"`);
    const nowhere = await read(await postForm(server, `/org/cohorts/${o.spring.id}/groups`, { intent: "move", userId: o.people[5]!.id, toGroup: "ひまわり" }, o.cookie));
    expectJapanese(nowhere, "move to no group", "このコホートに「ひまわり」というグループはありません。", 400);

    const badSetup = await read(await postForm(server, `/org/cohorts/${o.autumn.id}/formation`, { intent: "setup", ...SETUP, seconds: "たくさん" }, o.cookie));
    expectJapanese(badSetup, "set-up", "探索時間（秒）を数値で入力してください。", 400);
    expect(badSetup.html).toContain('value="たくさん"');
    const samePair = await read(await postForm(server, `/org/cohorts/${o.autumn.id}/formation`, { intent: "add-pair", rule: "together", a: o.people[0]!.id, b: o.people[0]!.id }, o.cookie));
    expectJapanese(samePair, "pair", "別々の 2 人を選んでください。", 400);

    const path = await propose(o, o.autumn.id);
    const badEdit = await read(await postForm(server, path, { intent: "move", userId: "誰か", toGroup: "0" }, o.cookie));
    expectJapanese(badEdit, "plan edit", "提案に含まれる人を選んでください。", 400);
  });
});

describe("the import and people pages in Japanese", () => {
  test("an import reports each row in Japanese, keeps the rows to fix, and the new invitations are listed in Japanese", async () => {
    const o = await organisation("ja");
    expectJapanese(await page("/org/import", o.cookie), "/org/import", "CSV ファイルからメンバーをインポート");
    const csv = ["email,name,department,site,roles", "yamazaki@example.test,山崎 直子,営業部,名古屋,修了生", "not-an-email,山田 花子,営業部,,", "yamazaki@example.test,山崎 二重,,,"].join("\n");
    const report = await read(await postForm(server, "/org/import", { csv }, o.cookie));
    // The rows not imported come back in the text area as the test wrote them: its CSV header and a bad address are its own words.
    expectJapanese(report, "import report", "1 人をインポートしました。確認が必要な行が 2 行あります。", 200, ["email,name,department,site,roles", "not-an-email"]);
    expect(report.text).toContain("新しい拠点：名古屋。");
    expect(report.text).toContain("email：name@company.com のような形式でメールアドレスを入力してください。");
    expect(report.text).toContain("email：yamazaki@example.test はファイル内のこれより前の行にもあります。");
    expect(decodeEntities(report.html)).toContain("not-an-email,山田 花子,営業部,,");

    const empty = await read(await postForm(server, "/org/import", { csv: "" }, o.cookie));
    expectJapanese(empty, "empty import", "CSV ファイルを選択するか、その内容を貼り付けてください。", 400);
    const unclosed = await read(await postForm(server, "/org/import", { csv: 'email,name\n"yamada@example.test,山田' }, o.cookie));
    expectJapanese(unclosed, "unclosed quote", "2 行目で始まる引用符付きの値が閉じられていません。", 400, ["email,name"]);
    expect(decodeEntities(unclosed.html)).toContain('"yamada@example.test,山田');

    const people = await page("/org", o.cookie);
    expectJapanese(people, "/org", "未承諾の招待（1）");
    expect(people.text).toContain("yamazaki@example.test");
    expect(people.text).toContain("修了生");

    const person = await page(`/org/people/${o.people[0]!.id}`, o.cookie);
    expectJapanese(person, "person", "退職した人のアカウントを削除する");
    const reason = "い".repeat(501);
    const badRoles = await read(await postForm(server, `/org/people/${o.people[0]!.id}`, { roles: "participant", reason }, o.cookie));
    expectJapanese(badRoles, "person roles", "理由は 500 文字以内にしてください。", 400);
    expect(badRoles.html).toContain(`value="${reason}"`);
    const noRole = await read(await postForm(server, `/org/people/${o.people[0]!.id}`, { reason: "異動のため" }, o.cookie));
    expectJapanese(noRole, "no role", "役割を 1 つ以上残してください。", 400);
    expect(noRole.html).toContain('value="異動のため"');
  });

  test("no page asked for a key no catalogue has", () => {
    expect(missingKeys()).toEqual([]);
  });
});

describe("the same pages in English keep their English", () => {
  test("cohorts, the set-up, a proposal and the import read as before", async () => {
    const o = await organisation("en");
    const list = await page("/org/cohorts", o.cookie);
    expect(list.lang).toBe("en");
    expect(list.text).toContain("New cohort");
    expect(list.text).toContain("1 running");
    expect((await page(`/org/cohorts/${o.spring.id}`, o.cookie)).text).toContain("6 meetings per cycle, every month, 90 minutes each");
    expect((await page(`/org/cohorts/${o.spring.id}/groups`, o.cookie)).text).toContain("2 enrolled people are not in a group yet.");
    expect((await page(`/org/cohorts/${o.autumn.id}/formation`, o.cookie)).text).toContain("Who each rule touches");
    const plan = await page(await propose(o, o.autumn.id), o.cookie);
    expect(plan.text).toContain("Compared with two simple ways of splitting");
    expect(plan.text).toMatch(/\d departments?, \d sites?, (\d pairs? ha(s|ve) met before|nobody has met before)/);
    const failed = await page(await propose(o, o.winter.id, { maxPerDepartment: "1" }), o.cookie);
    expect(failed.text).toContain("営業部 has 4 people, but at most 1 per group in 1 groups holds 1.");
    expect((await page("/org/import", o.cookie)).text).toContain("Import people from a CSV file");
    expect(missingKeys()).toEqual([]);
  });
});
