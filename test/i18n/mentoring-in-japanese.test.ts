// Mentoring's refusals, not-found answers, statuses and the titles it writes,
// in Japanese through the real server: a mentoring space, request and ask
// nobody may see; a change to an ended mentoring (409); a check-in with
// neither place nor link, refused with what was typed kept; an ask already
// answered; no free place to accept an ask; the request and ask statuses; a
// check-in titled in the language of whoever plans it; and the audit log's
// reason for the check-ins an ending cancels. No English left, no raw key,
// no key the catalogues lack; and the same words in English for an English
// reader.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { reunions, users } from "../../db/schema";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { expectWhollyJapanese, getPage, postPage } from "../support/page-language";
import { createPair, createRequest } from "../mentoring/mentoring-setting";
import { daysFromNow } from "../reunions/reunion-setting";
import { worldsInBothLanguages, type Setting } from "../support/worlds-in-both-languages";

type World = Awaited<ReturnType<typeof plantWorld>>;

/**
 * An organisation in `language`: a mentor running a pair with a mentee and
 * asked by a second mentee; a second mentor whose pair with the mentee has
 * ended, who declined one of the mentee's asks and has another waiting; the
 * mentee's open request and a closed one; and an organisation admin.
 */
async function plantWorld(language: "ja" | "en") {
  const ja = language === "ja";
  const org = await createOrg(fixture.t.db, { name: ja ? "株式会社北斗メンター" : "Northstar Mentors", defaultLanguage: language });
  const person = async (roles: Parameters<typeof createUser>[1]["roles"], name: string) => {
    const user = await createUser(fixture.t.db, { orgId: org.id, roles, name });
    await fixture.t.db.update(users).set({ language, timeZone: ja ? "Asia/Tokyo" : "Europe/London" }).where(eq(users.id, user.id));
    return { ...user, name, cookie: await sessionCookieFor(fixture.t.db, user.id) };
  };
  const mentor = await person(["alumnus"], ja ? "藤田誠" : "Amara Mentor");
  const mentee = await person(["participant"], ja ? "岡本彩花" : "Bo Mentee");
  const secondMentor = await person(["alumnus"], ja ? "中村健" : "Cleo Second");
  const secondMentee = await person(["participant"], ja ? "佐藤次郎" : "Dan Second");
  const admin = await person(["org_admin"], ja ? "管理花子" : "Ada Admin");
  const words = ja
    ? { goal: "チームの再編をうまく進めたいです。", topics: ["変革のリード"], closedGoal: "難しい対話に慣れたいです。" }
    : { goal: "Lead my team through a reorganisation.", topics: ["Leading change"], closedGoal: "Get used to difficult conversations." };
  const running = await createPair(fixture.t.db, mentor, mentee);
  const ended = await createPair(fixture.t.db, secondMentor, mentee, { status: "ended", endedAt: new Date() });
  const request = await createRequest(fixture.t.db, mentee, { goal: words.goal, topics: words.topics });
  await createRequest(fixture.t.db, mentee, { goal: words.closedGoal, topics: words.topics, status: "closed" });
  const declined = await createPair(fixture.t.db, secondMentor, mentee, { status: "declined", requestId: request.id });
  await createPair(fixture.t.db, secondMentor, mentee, { status: "asked", requestId: request.id, decidedAt: null });
  const waitingForMentor = await createPair(fixture.t.db, mentor, secondMentee, { status: "asked", decidedAt: null });
  const planted = [org.name, words.goal, words.closedGoal, ...words.topics, ...[mentor, mentee, secondMentor, secondMentee, admin].map((p) => p.name)];
  return { org, mentor, mentee, secondMentor, secondMentee, admin, running, ended, request, declined, waitingForMentor, planted };
}

const worlds: Partial<Record<"ja" | "en", World>> = {};
const fixture: Setting = worldsInBothLanguages(worlds, plantWorld);

const checkIn = (fields: Record<string, string>) => ({ intent: "check-in", date: daysFromNow(10), startTime: "18:00", endTime: "19:00", timeZone: "Asia/Tokyo", location: "", onlineUrl: "", count: "1", ...fields });

describe("mentoring in Japanese", () => {
  test("a mentoring space, a request and an ask the reader may not see are not found, in Japanese", async () => {
    const w = worlds.ja!;
    const nowhere = await getPage(fixture.server, `/mentoring/${randomUUID()}`, w.mentee.cookie);
    expect(nowhere.status).toBe(404);
    expect(nowhere.text).toContain("そのメンタリングのスペースは見つかりませんでした。スペースを見られるのは、メンターとメンティーの 2 人だけです。");
    expectWhollyJapanese(nowhere, "a space that does not exist", w.planted);
    // An admin of their organisation is anyone else.
    const private_ = await getPage(fixture.server, `/mentoring/${w.running.id}`, w.admin.cookie);
    expect(private_.status).toBe(404);
    expect(private_.text).toContain("そのメンタリングのスペースは見つかりませんでした。");
    expectWhollyJapanese(private_, "someone else's space", w.planted);

    const request = await getPage(fixture.server, `/mentoring/requests/${w.request.id}`, w.mentor.cookie);
    expect(request.status).toBe(404);
    expect(request.text).toContain("そのメンターの依頼は見つかりませんでした。依頼を見られるのは、依頼した本人だけです。");
    expectWhollyJapanese(request, "someone else's request", w.planted);

    const ask = await postPage(fixture.server, "/mentoring", { intent: "accept", askId: randomUUID() }, w.mentor.cookie);
    expect(ask.status).toBe(404);
    expect(ask.text).toContain("その依頼は見つかりませんでした。取り下げられた可能性があります。");
    expectWhollyJapanese(ask, "an ask that is not there", w.planted);
  });

  test("a change to an ended mentoring is refused with a 409, in Japanese", async () => {
    const w = worlds.ja!;
    const goal = await postPage(fixture.server, `/mentoring/${w.ended.id}`, { intent: "add-goal", goal: "傾聴を練習する" }, w.mentee.cookie);
    expect(goal.status).toBe(409);
    expect(goal.text).toContain("このメンタリングは終了しています。目標、チェックイン、終了日はもう変更できません。");
    expectWhollyJapanese(goal, "a goal for an ended mentoring", w.planted);

    const endAgain = await postPage(fixture.server, `/mentoring/${w.ended.id}`, { intent: "end", reflection: "もう一度終えます。" }, w.mentee.cookie);
    expect(endAgain.status).toBe(409);
    expect(endAgain.text).toContain("このメンタリングはすでに終了しています。終わりのふりかえりは今からでも書けます。");
    expectWhollyJapanese(endAgain, "ending twice", w.planted);
  });

  test("a check-in with neither place nor link, and an end date already past, are refused in Japanese with what was typed kept", async () => {
    const w = worlds.ja!;
    const here = `/mentoring/${w.running.id}`;
    const date = daysFromNow(10);
    const nowhere = await postPage(fixture.server, here, checkIn({ date, startTime: "18:15" }), w.mentee.cookie);
    expect(nowhere.status).toBe(400);
    expect(nowhere.text).toContain("会う場所を入力してください。場所、オンラインのリンク、またはその両方です。");
    expect(nowhere.html).toContain(`value="${date}"`);
    expect(nowhere.html).toContain('value="18:15"');
    expectWhollyJapanese(nowhere, "a check-in with nowhere to meet", w.planted);

    const past = await postPage(fixture.server, here, { intent: "ends-on", endsOn: "2021-03-01" }, w.mentee.cookie);
    expect(past.status).toBe(400);
    expect(past.text).toContain("この日付はすでに過ぎています。これから先の日付を選んでください。");
    expect(past.html).toContain('value="2021-03-01"');
    expectWhollyJapanese(past, "an end date already past", w.planted);
    expect(await fixture.t.db.select().from(reunions).where(eq(reunions.mentorshipId, w.running.id))).toEqual([]);
  });

  test("an ask already answered, and an ask the mentor has no free place for, are refused in Japanese", async () => {
    const w = worlds.ja!;
    const again = await postPage(fixture.server, "/mentoring", { intent: "decline", askId: w.declined.id, reason: "" }, w.secondMentor.cookie);
    expect(again.status).toBe(409);
    expect(again.text).toContain("この依頼はすでに辞退されています。");
    expectWhollyJapanese(again, "declining twice", w.planted);

    // The mentor runs one pair and has offered no place.
    const full = await postPage(fixture.server, "/mentoring", { intent: "accept", askId: w.waitingForMentor.id }, w.mentor.cookie);
    expect(full.status).toBe(409);
    expect(full.text).toContain("空き枠がありません。現在 1 人をメンタリングしており、申し出ている枠は 0 枠です。申し出の受け持ち人数を増やすか、この依頼を辞退してください。");
    expectWhollyJapanese(full, "no free place", w.planted);

    const pause = await postPage(fixture.server, "/mentoring/offer", { intent: "pause" }, w.mentor.cookie);
    expect(pause.status).toBe(400);
    expect(pause.text).toContain("先に申し出の内容（トピック、受け持ち人数、形式）を設定してください。");
    expectWhollyJapanese(pause, "pausing an offer never made", w.planted);
  });

  test("the statuses of requests and asks are in Japanese", async () => {
    const w = worlds.ja!;
    const mine = await getPage(fixture.server, "/mentoring", w.mentee.cookie);
    expect(mine.status).toBe(200);
    for (const words of ["メンターを探しています", "終了", `${w.secondMentor.name} さん：回答待ち`, `${w.secondMentor.name} さん：辞退`]) expect(mine.text, words).toContain(words);
    expectWhollyJapanese(mine, "/mentoring", w.planted);

    const request = await getPage(fixture.server, `/mentoring/requests/${w.request.id}`, w.mentee.cookie);
    expect(request.status).toBe(200);
    for (const words of ["メンターを探しています", `${w.secondMentor.name} さん：回答待ち`, `${w.secondMentor.name} さん：辞退`]) expect(request.text, words).toContain(words);
    expectWhollyJapanese(request, "the request", w.planted);
  });

  test("a check-in planned in Japanese is titled in Japanese, the two names as a Japanese list", async () => {
    const w = worlds.ja!;
    const planned = await postPage(fixture.server, `/mentoring/${w.running.id}`, checkIn({ location: "駅前の喫茶店" }), w.mentor.cookie);
    expect(planned.status).toBe(302);
    const [row] = await fixture.t.db.select().from(reunions).where(eq(reunions.mentorshipId, w.running.id));
    expect(row!.title).toBe(`メンタリングのチェックイン：${w.mentor.name}、${w.mentee.name}`);
    const page = await getPage(fixture.server, `/reunions/${row!.id}`, w.mentee.cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain(row!.title);
    expectWhollyJapanese(page, "the check-in", [...w.planted, "駅前の喫茶店"]);
  });

  test("ending the mentoring: the audit log says in Japanese why its check-ins were cancelled", async () => {
    const w = worlds.ja!;
    expect((await postPage(fixture.server, `/mentoring/${w.running.id}`, checkIn({ date: daysFromNow(20), location: "駅前の喫茶店" }), w.mentor.cookie)).status).toBe(302);
    const ended = await postPage(fixture.server, `/mentoring/${w.running.id}`, { intent: "end", reflection: "学びの多い時間でした。" }, w.mentee.cookie);
    expect(ended.status).toBe(302);
    const checkIns = await fixture.t.db.select().from(reunions).where(eq(reunions.mentorshipId, w.running.id));
    expect(checkIns.length).toBeGreaterThan(0);
    expect(checkIns.map((c) => c.status)).toEqual(checkIns.map(() => "cancelled"));

    const audit = await getPage(fixture.server, "/audit", w.admin.cookie);
    expect(audit.status).toBe(200);
    expect(audit.text).toContain("メンタリングが終了しました。");
    expect(audit.text).toContain(`メンタリングのチェックイン：${w.mentor.name}、${w.mentee.name}`);
    expect(audit.text).toContain(`${w.mentor.name} による ${w.mentee.name} のメンタリング`);
    expectWhollyJapanese(audit, "/audit", w.planted);
  });

  test("no page asked for a key no catalogue has", () => {
    expect(fixture.missingKeys()).toEqual([]);
  });
});

describe("the same words in English for an English reader", () => {
  test("not found, ended, nowhere to meet, already answered, no free place, statuses, the check-in's title and the audit log's reason", async () => {
    const w = worlds.en!;
    const nowhere = await getPage(fixture.server, `/mentoring/${randomUUID()}`, w.mentee.cookie);
    expect([nowhere.status, nowhere.lang]).toEqual([404, "en"]);
    expect(nowhere.text).toContain("We could not find that mentoring space. It is private to the mentor and the mentee.");
    expect((await getPage(fixture.server, `/mentoring/requests/${w.request.id}`, w.mentor.cookie)).text).toContain("We could not find that mentoring request. Requests are seen only by the person who made them.");
    expect((await postPage(fixture.server, "/mentoring", { intent: "accept", askId: randomUUID() }, w.mentor.cookie)).text).toContain("We could not find that ask. It may have been withdrawn.");

    const goal = await postPage(fixture.server, `/mentoring/${w.ended.id}`, { intent: "add-goal", goal: "Practise listening" }, w.mentee.cookie);
    expect(goal.status).toBe(409);
    expect(goal.text).toContain("This mentoring has ended. Goals, check-ins and the end date can no longer change.");

    const date = daysFromNow(10);
    const noPlace = await postPage(fixture.server, `/mentoring/${w.running.id}`, checkIn({ date }), w.mentee.cookie);
    expect(noPlace.status).toBe(400);
    expect(noPlace.text).toContain("Say where you meet: a place, an online link, or both.");
    expect(noPlace.html).toContain(`value="${date}"`);

    expect((await postPage(fixture.server, "/mentoring", { intent: "decline", askId: w.declined.id, reason: "" }, w.secondMentor.cookie)).text).toContain("This ask is already declined.");
    expect((await postPage(fixture.server, "/mentoring", { intent: "accept", askId: w.waitingForMentor.id }, w.mentor.cookie)).text).toContain(
      "You have no free place: you mentor 1 person and offer 0 places. Raise your capacity on your offer, or decline this ask.",
    );

    const mine = await getPage(fixture.server, "/mentoring", w.mentee.cookie);
    for (const words of ["Looking for a mentor", "Closed", `${w.secondMentor.name}: Waiting for an answer`, `${w.secondMentor.name}: Declined`]) expect(mine.text, words).toContain(words);

    expect((await postPage(fixture.server, `/mentoring/${w.running.id}`, checkIn({ location: "Station café" }), w.mentor.cookie)).status).toBe(302);
    const [row] = await fixture.t.db.select().from(reunions).where(eq(reunions.mentorshipId, w.running.id));
    expect(row!.title).toBe(`Mentoring check-in: ${w.mentor.name} and ${w.mentee.name}`);
    expect((await getPage(fixture.server, `/reunions/${row!.id}`, w.mentee.cookie)).text).toContain(row!.title);

    expect((await postPage(fixture.server, `/mentoring/${w.running.id}`, { intent: "end", reflection: "It helped." }, w.mentee.cookie)).status).toBe(302);
    const audit = await getPage(fixture.server, "/audit", w.admin.cookie);
    expect(audit.text).toContain("The mentoring ended.");
    expect(audit.text).toContain(`${w.mentor.name} mentoring ${w.mentee.name}`);
    expect(fixture.missingKeys()).toEqual([]);
  });
});
