// The pages of a reunion (planning one, the poll, the invitation, changing or
// cancelling it, checking people in, the open-space board, its proceedings
// and a break-out's notes), in Japanese for a person who chose Japanese: each
// speaks Japanese, shows no English left in code and no raw key; a refused
// form answers in Japanese and keeps what was typed. The same pages in
// English keep their English.
import { eq } from "drizzle-orm";
import { expectJapanesePage, expectRefusedInJapanese, getPage, missingTranslationKeys } from "../support/page-language";
import { organisations, programmeModules, users } from "../../db/schema";
import { createReunion } from "../../app/domain/reunions/create-reunion.server";
import { englishLeftovers, visibleText } from "../support/english-leftovers";
import { createGroup, createOrg, createPublishedModule, createUser, sessionCookieFor } from "../support/factories";
import { postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { addRoomRow, addSessionRow, addSlotRow } from "../open-space/open-space-setting";
import { daysFromNow, reunionInput } from "../reunions/reunion-setting";
import { createPair } from "../mentoring/mentoring-setting";
import { createCohort, createCycle, createProgrammeGroup, monthlyMeetings, recordAttendanceRows } from "../support/programme-factories";

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


type Person = Awaited<ReturnType<typeof createUser>>;

const page = (path: string, cookie: string) => getPage(server, path, cookie);

/** Everything a page in Japanese must be: 200 (or the status given), lang="ja", the phrase, no key, no English left. */
async function expectJapanese(path: string, cookie: string, phrase: string, planted: string[] = [], status = 200) {
  const p = await page(path, cookie);
  expectJapanesePage(p, path, phrase, { status, planted });
  return p;
}

let counter = 0;
/** A person with a Japanese name who reads Roundtable in Japanese (or English). */
async function person(orgId: string, name: string, roles: Person["roles"], language: "ja" | "en" = "ja") {
  counter++;
  const user = await createUser(t.db, { orgId, roles, name: `${name}${counter}`, email: `person${counter}-${Date.now()}@example.test` });
  await t.db.update(users).set({ language, timeZone: "Asia/Tokyo" }).where(eq(users.id, user.id));
  return { ...user, name: `${name}${counter}`, cookie: await sessionCookieFor(t.db, user.id) };
}

const org = (name: string) => createOrg(t.db, { name: `${name}${++counter}`, defaultLanguage: "ja" });

/** An organisation with an organising alumna, two invited alumni in a group, and a reunion of that group. */
async function reunionWorld(overrides: Parameters<typeof reunionInput>[0] = {}) {
  const home = await org("東和電機");
  const organiser = await person(home.id, "山口陽子", ["alumnus"]);
  const guests = [await person(home.id, "木村大輔", ["alumnus"]), await person(home.id, "林美穂", ["alumnus"])];
  const group = await createGroup(t.db, { orgId: home.id, name: `第七期${counter}`, memberIds: [organiser.id, ...guests.map((g) => g.id)] });
  const id = await createReunion(t.db, organiser, reunionInput({ title: "第七期の同窓会", location: "本社三階の会議室", timeZone: "Asia/Tokyo", groupIds: [group.id], ...overrides }));
  return { home, organiser, guests, group, id };
}

describe("reunions in Japanese", () => {
  test("planning a reunion: the form in Japanese; a reunion with nowhere to meet is refused in Japanese and the title kept", async () => {
    const home = await org("東和電機");
    const organiser = await person(home.id, "山口陽子", ["alumnus"]);
    await expectJapanese("/reunions/new", organiser.cookie, "以前のグループのメンバーを招いて");
    await expectRefusedInJapanese(
      server,
      "/reunions/new",
      { title: "秋の同窓会", description: "", format: "classic", location: "", onlineUrl: "", capacity: "", timeZone: "Asia/Tokyo", schedule: "fixed", date: daysFromNow(9), startTime: "18:00", endTime: "20:00", wholeOrganisation: "on" },
      organiser.cookie,
      "集まる場所を入力してください。",
      'value="秋の同窓会"',
    );
    // Someone who may not organise is told so in Japanese.
    const participant = await person(home.id, "松田涼", ["participant"]);
    await expectJapanese("/reunions/new", participant.cookie, "同窓会を企画できるのは、修了生、ファシリテーター、組織の管理者です。");
  });

  test("a reunion finding a date: the poll and the answers so far; an answer that is none of the three is refused in Japanese", async () => {
    const { organiser, guests, id } = await reunionWorld({ schedule: "poll", date: "", startTime: "", endTime: "", slot1Date: daysFromNow(10), slot1Start: "18:00", slot1End: "20:00", slot1Zone: "Asia/Tokyo", slot2Date: daysFromNow(11), slot2Start: "18:00", slot2End: "20:00", slot2Zone: "Asia/Tokyo" });
    const here = `/reunions/${id}`;
    const p = await expectJapanese(here, organiser.cookie, "都合のよい日程はどれですか？");
    expect(p.text).toContain("これまでの回答");
    expect(p.text).toContain("日程を決めて招待を送る");
    await expectJapanese(here, guests[0]!.cookie, "候補 1：");
    await expectRefusedInJapanese(server, here, { intent: "vote", "vote-x": "perhaps" }, guests[0]!.cookie, "各日程に「参加できる」「都合がつけば」「参加できない」のいずれかで答えてください。", null);
  });

  test("a scheduled reunion: the invitation and who is going; an answer that is none of the three is refused in Japanese", async () => {
    const { organiser, guests, id } = await reunionWorld({ capacity: 5 });
    const here = `/reunions/${id}`;
    await expectJapanese(here, guests[0]!.cookie, "参加しますか？");
    const p = await expectJapanese(here, organiser.cookie, "同窓会の運営");
    expect(p.text).toContain("参加（5 人中 0 人）");
    await expectRefusedInJapanese(server, here, { intent: "rsvp", answer: "perhaps" }, guests[0]!.cookie, "参加、未定、不参加のいずれかを選んでください。", null);
  });

  test("changing or cancelling a reunion: the form in Japanese; a place or a reason too long is refused in Japanese and kept", async () => {
    const { organiser, id } = await reunionWorld();
    const here = `/reunions/${id}/edit`;
    await expectJapanese(here, organiser.cookie, "同窓会を中止する");
    const long = "会".repeat(301);
    await expectRefusedInJapanese(server, here, { intent: "change", location: long, onlineUrl: "", capacity: "", date: daysFromNow(7), startTime: "18:00", endTime: "20:00" }, organiser.cookie, "場所は 300 文字以内にしてください。", long);
    const reason = "都".repeat(501);
    await expectRefusedInJapanese(server, here, { intent: "cancel", reason }, organiser.cookie, "理由は 500 文字以内にしてください。", reason);
  });

  test("checking people in: the list in Japanese; checking in someone not in the list is refused in Japanese", async () => {
    const { organiser, id } = await reunionWorld();
    const here = `/reunions/${id}/attendance`;
    await expectJapanese(here, organiser.cookie, "招待した 3 人中 0 人が出席しました。");
    await expectRefusedInJapanese(server, here, { intent: "check-in", userId: "誰か" }, organiser.cookie, "一覧から人を選んでください。", null);
  });
});

describe("an open space in Japanese", () => {
  async function openSpace() {
    const world = await reunionWorld({ format: "open_space", title: "第七期のオープンスペース" });
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const room = await addRoomRow(t.db, world.id, "大会議室", 30);
    const slot = await addSlotRow(t.db, world.id, new Date(startsAt.getTime() + 3_600_000));
    const session = await addSessionRow(t.db, world.id, { convenerId: world.guests[0]!.id, topic: "部下への任せ方", interested: [world.guests[1]!.id], roomId: room.id, slotId: slot.id });
    return { ...world, session };
  }

  test("the board: rooms, slots and sessions; a session without a topic is refused in Japanese and the description kept", async () => {
    const { organiser, guests, id } = await openSpace();
    const here = `/reunions/${id}/open-space`;
    await expectJapanese(here, organiser.cookie, "スケジュールを作る");
    const p = await expectJapanese(here, guests[1]!.cookie, "あなたを含め 1 人が興味あり");
    expect(p.text).toContain("大会議室");
    await expectRefusedInJapanese(server, here, { intent: "propose", topic: "", description: "任せ方の失敗談を共有します。", convenerId: "" }, guests[1]!.cookie, "セッションのテーマを入力してください。", "任せ方の失敗談を共有します。");
    await expectRefusedInJapanese(server, here, { intent: "add-room", name: "小会議室", capacity: "0" }, organiser.cookie, "部屋には 1 人以上入れるようにしてください。", 'value="小会議室"');
  });

  test("the proceedings and a break-out's notes; choosing no readers is refused in Japanese", async () => {
    const { organiser, id, session } = await openSpace();
    const proceedings = `/reunions/${id}/proceedings`;
    await expectJapanese(proceedings, organiser.cookie, "繰り返し出てきたテーマ");
    await expectRefusedInJapanese(server, proceedings, { intent: "share", visibility: "nobody" }, organiser.cookie, "記録集を読める人を選んでください。", null);
    await expectJapanese(`/reunions/${id}/sessions/${session.id}`, organiser.cookie, "分科会のメモ");
  });
});

describe("a mentoring pair's space in Japanese", () => {
  test("goals, check-ins, notes and the end; an empty goal and too many check-ins are refused in Japanese and the input kept", async () => {
    const home = await org("北斗建設");
    const mentor = await person(home.id, "藤田誠", ["alumnus"]);
    const mentee = await person(home.id, "岡本彩花", ["participant"]);
    const pair = await createPair(t.db, mentor, mentee);
    const here = `/mentoring/${pair.id}`;
    const p = await expectJapanese(here, mentor.cookie, "共通の目標", [home.name]);
    expect(p.text).toContain("自分だけのメモ");
    await expectJapanese(here, mentee.cookie, `メンター：${mentor.name}`, [home.name]);
    await expectRefusedInJapanese(server, here, { intent: "add-goal", goal: "" }, mentee.cookie, "一緒に取り組む目標を書いてください。", null, [home.name]);
    await expectRefusedInJapanese(
      server,
      here,
      { intent: "check-in", date: daysFromNow(8), startTime: "18:00", endTime: "19:00", timeZone: "Asia/Tokyo", location: "駅前の喫茶店", onlineUrl: "", count: "40" },
      mentee.cookie,
      "一度に予定できるチェックインは 12 回までです。",
      'value="駅前の喫茶店"',
      [home.name],
    );
  });
});

describe("a clash told in the reader's language", () => {
  const checkIn = (date: string) => ({ intent: "check-in", date, startTime: "18:00", endTime: "19:00", timeZone: "Asia/Tokyo", location: "駅前の喫茶店", onlineUrl: "", count: "1" });

  test("a check-in planned twice at one time is refused in Japanese, its date written in Japanese, and in English for an English reader", async () => {
    const home = await org("北斗建設");
    const mentor = await person(home.id, "藤田誠", ["alumnus"]);
    const mentee = await person(home.id, "岡本彩花", ["participant"]);
    const pair = await createPair(t.db, mentor, mentee);
    const here = `/mentoring/${pair.id}`;
    const date = daysFromNow(9);
    expect((await postForm(server, here, checkIn(date), mentor.cookie)).status).toBe(302);
    // The check-in's title is stored in the language of the mentor who planned it, the two names as a Japanese list.
    const title = `メンタリングのチェックイン：${mentor.name}、${mentee.name}`;
    await expectRefusedInJapanese(server, here, checkIn(date), mentee.cookie, `この時刻にはすでにチェックインがあります：「${title}」`, 'value="駅前の喫茶店"', [home.name]);
    const res = await postForm(server, here, checkIn(date), mentee.cookie);
    const [y, m, d] = date.split("-").map(Number);
    expect(visibleText(await res.text())).toContain(`${y}年${m}月${d}日`);

    await t.db.update(users).set({ language: "en" }).where(eq(users.id, mentee.id));
    const english = visibleText(await (await postForm(server, here, checkIn(date), mentee.cookie)).text());
    // The English reader sees the title as it was stored.
    expect(english).toMatch(new RegExp(`You already have a check-in at this time: “${title}”, \\d{1,2} [A-Z][a-z]{2} \\d{4}, 18:00 \\(Asia/Tokyo\\)\\. Choose another date or time, or change that check-in instead\\.`));
  });
});

describe("a mentoring refusal in Japanese", () => {
  test("someone who may not offer mentoring is told who may, in Japanese", async () => {
    const home = await org("北斗建設");
    const participant = await person(home.id, "岡本彩花", ["participant"]);
    await expectJapanese("/mentoring/offer", participant.cookie, "メンタリングを提供できるのは修了生です。", [home.name], 403);
  });
});

describe("a programme meeting in Japanese", () => {
  async function programmeMeeting() {
    const home = await org("中央製作所");
    const facilitator = await person(home.id, "伊藤進", ["facilitator"]);
    const people = [await person(home.id, "渡辺京子", ["participant"]), await person(home.id, "中村健", ["participant"]), await person(home.id, "小林愛", ["participant"])];
    const cohort = await createCohort(t.db, { orgId: home.id, name: `春のコホート${counter}`, timeZone: "Asia/Tokyo" });
    const group = await createProgrammeGroup(t.db, { orgId: home.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: people.map((p) => p.id), name: `第一サークル${counter}` });
    const { meetings } = await createCycle(t.db, { group, facilitatorId: facilitator.id, number: 1, state: "running", meetings: monthlyMeetings(6, 2) });
    await recordAttendanceRows(t.db, meetings[1]!.id, { [people[0]!.id]: "present", [people[1]!.id]: "absent" });
    // The meetings' titles are the factory's own words.
    const planted = [`${group.name} · meeting`, "of 6", "Room"];
    return { home, facilitator, people, group, meetings, planted };
  }

  test("the one-minute evaluation: a member present answers; an answer without scores is refused in Japanese and the comment kept; someone absent is told why in Japanese", async () => {
    const { people, meetings, planted } = await programmeMeeting();
    const here = `/programme/meetings/${meetings[1]!.id}/evaluate`;
    await expectJapanese(here, people[0]!.cookie, "第 2 回のミーティングはいかがでしたか？", planted);
    await expectRefusedInJapanese(server, here, { usefulness: "", safety: "4", willTry: "yes", comment: "話しやすい雰囲気でした。" }, people[0]!.cookie, "ミーティングがどのくらい役に立ったかを 1 から 5 で選んでください。", "話しやすい雰囲気でした。", planted);
    await expectJapanese(here, people[1]!.cookie, "出席と記録されたメンバーだけです。", planted);
  });
});

describe("a cycle meeting's page in Japanese", () => {
  async function meetingWorld() {
    const home = await org("中央製作所");
    const facilitator = await person(home.id, "伊藤進", ["facilitator"]);
    const people = [await person(home.id, "渡辺京子", ["participant"]), await person(home.id, "中村健", ["participant"]), await person(home.id, "小林愛", ["participant"])];
    const cohort = await createCohort(t.db, { orgId: home.id, name: `春のコホート${counter}`, timeZone: "Asia/Tokyo" });
    const group = await createProgrammeGroup(t.db, { orgId: home.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: people.map((p) => p.id), name: `第一サークル${counter}` });
    const module = await createPublishedModule(t.db, { authorId: facilitator.id, title: `傾聴の基本${counter}` });
    await t.db.insert(programmeModules).values({ orgId: home.id, moduleId: module.id });
    const { meetings } = await createCycle(t.db, { group, facilitatorId: facilitator.id, number: 1, state: "running", meetings: monthlyMeetings(6, 2) });
    await recordAttendanceRows(t.db, meetings[1]!.id, { [people[0]!.id]: "present", [people[1]!.id]: "absent" });
    // The meetings' titles and places are the factory's own words.
    const planted = [`${group.name} · meeting`, "of 6", "Room", module.title];
    return { facilitator, people, meetings, planted };
  }

  test("who runs it, the module vote and attendance; a bad vote, an early check-in and a missing host are refused in Japanese", async () => {
    const { facilitator, people, meetings, planted } = await meetingWorld();
    const coming = `/programme/meetings/${meetings[3]!.id}`;
    const p = await expectJapanese(coming, people[0]!.cookie, "第 4 回ミーティング（全 6 回）", planted);
    expect(p.text).toContain(`このミーティングは ${facilitator.name} （ファシリテーター）が進行します。`);
    expect(p.text).toContain("モジュール");
    expect(p.text).toContain("に 投票");
    await expectRefusedInJapanese(server, coming, { intent: "vote", moduleId: "どれか" }, people[0]!.cookie, "モジュールを 1 つ選んでください。", null, planted);
    // The time check-in opens is written for a Japanese reader (2026年…(月) 17:45 (Asia/Tokyo)).
    const res = await postForm(server, coming, { intent: "check-in" }, people[0]!.cookie);
    expect(res.status).toBe(400);
    const early = visibleText(await res.text());
    expect(early).toMatch(/チェックインはミーティング開始の 15 分前、\d{4}年\d{1,2}月\d{1,2}日\(.\) \d{1,2}:\d{2} \(Asia\/Tokyo\) から受け付けます。/);
    expect(englishLeftovers(early, planted)).toEqual([]);
    await expectJapanese(coming, facilitator.cookie, "このミーティングのホスト", planted);
    await expectRefusedInJapanese(server, coming, { intent: "hand-over", hostId: "" }, facilitator.cookie, "このミーティングのホストを選んでください。", null, planted);
  });

  test("the wrap-up and attendance of a held meeting; a wrong status and a recap too long are refused in Japanese, the recap kept", async () => {
    const { facilitator, people, meetings, planted } = await meetingWorld();
    const held = `/programme/meetings/${meetings[1]!.id}`;
    const p = await expectJapanese(held, facilitator.cookie, "振り返り", planted);
    expect(p.text).toContain("出席を保存");
    expect(p.text).toContain(`${people[0]!.name} の出席`);
    expect(p.text).toContain("出席の数字：3 人以上になると表示されます。");
    await expectRefusedInJapanese(server, held, { intent: "attendance", [`status.${people[0]!.id}`]: "寝坊" }, facilitator.cookie, "出席、欠席連絡あり、欠席のいずれかを選んでください。", null, planted);
    const recap = "話し合いの要点。".repeat(260);
    await expectRefusedInJapanese(server, held, { intent: "recap", recap }, facilitator.cookie, "まとめは 2,000 文字以内にしてください。", recap, planted);
    await expectRefusedInJapanese(server, held, { intent: "confirm-attendance" }, facilitator.cookie, `${people[2]!.name} の出席がまだ記録されていません。`, null, planted);
  });
});

describe("the self-assessment in Japanese", () => {
  test("the ten statements and the moment; a statement left unanswered is refused in Japanese; the scores and next steps in Japanese", async () => {
    const home = await org("西日本精工");
    const facilitator = await person(home.id, "石井学", ["facilitator"]);
    const member = await person(home.id, "森田由紀", ["participant"]);
    const cohort = await createCohort(t.db, { orgId: home.id, name: `冬のコホート${counter}`, timeZone: "Asia/Tokyo" });
    const group = await createProgrammeGroup(t.db, { orgId: home.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: [member.id], name: `第二サークル${counter}` });
    await createCycle(t.db, { group, facilitatorId: facilitator.id, meetings: monthlyMeetings(6, 2), startedAt: new Date(Date.now() - 40 * 86_400_000) });
    const here = "/programme/diagnostics";
    const p = await expectJapanese(here, member.cookie, `サイクルの開始時：${group.name} · 第 1 サイクル`);
    expect(p.text).toContain("1. 仕事で改善できそうなことがあれば、頼まれるのを待たずに自分から変え始める。");
    expect(p.text).toContain("5 · とても当てはまる");
    const answers = { a1: "4", a2: "4", a3: "4", a4: "5", r1: "3", r2: "3", r3: "5", c1: "2", c2: "2", c3: "2" };
    const { a2: _left, ...missingOne } = answers;
    const cycleId = /name="cycleId" value="([^"]+)"/.exec((await page(here, member.cookie)).html)![1]!;
    await expectRefusedInJapanese(server, here, { cycleId, moment: "start", ...missingOne }, member.cookie, "文 2 に答えてください。10 問すべての回答が必要です。", null);
    const again = await (await postForm(server, here, { cycleId, moment: "start", ...missingOne }, member.cookie)).text();
    expect(visibleText(again)).toContain("まだ答えていない文があります。下に印を付けています。");
    // The answers given are still chosen; the one left out still is not.
    const chosen = [...again.matchAll(/<input[^>]*type="radio"[^>]*>/g)].map((m) => m[0]).filter((tag) => /\schecked(=""|\s|>|\/)/.test(tag));
    expect(chosen.map((tag) => `${/name="([^"]+)"/.exec(tag)![1]}=${/value="([^"]+)"/.exec(tag)![1]}`).sort()).toEqual(Object.entries(missingOne).map(([k, v]) => `${k}=${v}`).sort());
    expect((await postForm(server, here, { cycleId, moment: "start", ...answers }, member.cookie)).status).toBe(302);
    const after = await expectJapanese(here, member.cookie, "次の一歩の提案");
    expect(after.text).toContain("これまでの変化");
    expect(after.text).toContain("主体性");
    expect(after.text).toContain("成長を手助けしてくれる人を探している、と答えています。");
  });
});

describe("wishes for group formation in Japanese", () => {
  test("the page names the cohort; choosing someone twice is refused in Japanese and the choices kept", async () => {
    const home = await org("南海物産");
    await t.db.update(organisations).set({ formationPreferences: true }).where(eq(organisations.id, home.id));
    const admin = await person(home.id, "佐々木健二", ["org_admin"]);
    const facilitator = await person(home.id, "井上由美", ["facilitator"]);
    const people = [await person(home.id, "清水翔太", ["participant"]), await person(home.id, "山崎理恵", ["participant"]), await person(home.id, "阿部直樹", ["participant"])];
    const cohort = await createCohort(t.db, { orgId: home.id, createdBy: admin.id, name: `秋のコホート${counter}` });
    await createProgrammeGroup(t.db, { orgId: home.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: people.map((p) => p.id) });
    const here = `/programme/preferences?cohort=${cohort.id}`;
    await expectJapanese(here, people[0]!.cookie, "あくまで希望であり、必ず叶うものではありません。");
    const twice = people[1]!.id;
    await expectRefusedInJapanese(server, here, { want: [twice, twice, ""], ratherNot: ["", "", ""] }, people[0]!.cookie, `${people[1]!.name} を 2 回選んでいます。`, `value="${twice}" selected=""`);
  });
});

describe("the same pages in English", () => {
  test("keep their English", async () => {
    const home = await createOrg(t.db);
    const organiser = await person(home.id, "Ann Lee", ["alumnus"], "en");
    const guest = await person(home.id, "Bo Chan", ["alumnus"], "en");
    const group = await createGroup(t.db, { orgId: home.id, name: `Cohort ${counter}`, memberIds: [organiser.id, guest.id] });
    const id = await createReunion(t.db, organiser, reunionInput({ groupIds: [group.id], capacity: 4 }));
    const reunion = await page(`/reunions/${id}`, organiser.cookie);
    expect(reunion.lang).toBe("en");
    expect(reunion.text).toContain("Are you coming?");
    expect(reunion.text).toContain("Going (0 of 4)");
    expect((await page(`/reunions/${id}/edit`, organiser.cookie)).text).toContain("People who are going or said maybe are told of a new date or place.");
    expect((await page(`/reunions/${id}/attendance`, organiser.cookie)).text).toContain("0 of 2 invited people checked in.");
    expect((await page("/reunions/new", organiser.cookie)).text).toContain("Invite former group members to meet again.");
    const pair = await createPair(t.db, organiser, guest);
    expect((await page(`/mentoring/${pair.id}`, guest.cookie)).text).toContain(`Private to ${organiser.name} and ${guest.name}.`);
  });

  test("the self-assessment keeps its English", async () => {
    const home = await createOrg(t.db);
    const facilitator = await person(home.id, "Ann Lee", ["facilitator"], "en");
    const member = await person(home.id, "Bo Chan", ["participant"], "en");
    const cohort = await createCohort(t.db, { orgId: home.id });
    const group = await createProgrammeGroup(t.db, { orgId: home.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: [member.id] });
    await createCycle(t.db, { group, facilitatorId: facilitator.id, meetings: monthlyMeetings(6, 2), startedAt: new Date(Date.now() - 40 * 86_400_000) });
    const p = await page("/programme/diagnostics", member.cookie);
    expect(p.lang).toBe("en");
    expect(p.text).toContain(`Start of the cycle: ${group.name} · cycle 1`);
    expect(p.text).toContain("1. When something in my work could be better, I start changing it without waiting to be asked.");
  });

  test("a cycle meeting keeps its English, and an early check-in names its time in English", async () => {
    const home = await createOrg(t.db);
    const facilitator = await person(home.id, "Ann Lee", ["facilitator"], "en");
    const member = await person(home.id, "Bo Chan", ["participant"], "en");
    const cohort = await createCohort(t.db, { orgId: home.id, timeZone: "Asia/Tokyo" });
    const group = await createProgrammeGroup(t.db, { orgId: home.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: [member.id] });
    const { meetings } = await createCycle(t.db, { group, facilitatorId: facilitator.id, number: 1, state: "running", meetings: monthlyMeetings(6, 2) });
    const here = `/programme/meetings/${meetings[3]!.id}`;
    const p = await page(here, member.cookie);
    expect(p.lang).toBe("en");
    expect(p.text).toContain(`${facilitator.name} (Facilitator) runs this meeting.`);
    const res = await postForm(server, here, { intent: "check-in" }, member.cookie);
    expect(visibleText(await res.text())).toMatch(/Check-in opens 15 minutes before the meeting starts, at \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \(Asia\/Tokyo\)\./);
  });

  test("no page asked for a key that no catalogue has", () => {
    expect(missingKeys()).toEqual([]);
  });
});
