// The open space, a reunion's calendar file, its audit label and a cycle
// meeting's recap, in Japanese through the real server: the board's refusals
// (a time slot that ends before it starts or falls outside the event, the
// schedule made before any room, interest marked by someone not invited, a
// session proposed to a cancelled open space, the board of a classic
// reunion), the .ics entry and its plain-text refusals, the audit log's label
// for the reunion, the proceedings with names hidden, and the recap each
// member is sent with their own take-aways. No English left, no raw key, no key the catalogues lack; and the
// same words in English for an English reader.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { notifications, reunionAudience, reunions, takeaways, users } from "../../db/schema";
import { instantToLocal, localToInstant } from "../../app/domain/reunions/zoned-time";
import { addSessionRow } from "../open-space/open-space-setting";
import { createOrg, createPublishedModule, createUser, sessionCookieFor } from "../support/factories";
import { visibleText } from "../support/english-leftovers";
import { postForm } from "../support/http-helpers";
import { expectNoEnglishOrKeys, getPage, RAW_KEY } from "../support/page-language";
import { createCohort, createCycle, createProgrammeGroup, monthlyMeetings } from "../support/programme-factories";
import { worldsInBothLanguages, type Setting } from "../support/worlds-in-both-languages";

type Language = "ja" | "en";

const ZONE = "Asia/Tokyo";
const HOUR = 3_600_000;

type World = Awaited<ReturnType<typeof plantWorld>>;

/**
 * An organisation in `language`: an organiser, an invited alumna and an
 * organisation admin who was not invited; an open space two days ahead,
 * 10:00–18:00 in Tokyo, with one session; a cancelled open space; a classic
 * reunion; one still polling for its date; and a programme group whose
 * second meeting is over, one member with a take-away from it.
 */
async function plantWorld(language: Language) {
  const ja = language === "ja";
  const org = await createOrg(fixture.t.db, { name: ja ? "株式会社開放" : "Open Ways Ltd", defaultLanguage: language });
  let n = 0;
  const person = async (roles: Parameters<typeof createUser>[1]["roles"], name: string) => {
    const user = await createUser(fixture.t.db, { orgId: org.id, roles, name, email: `${language}-${++n}-${Date.now()}@example.test` });
    await fixture.t.db.update(users).set({ language, timeZone: ZONE }).where(eq(users.id, user.id));
    return { ...user, name, cookie: await sessionCookieFor(fixture.t.db, user.id) };
  };
  const organiser = await person(["alumnus"], ja ? "主催 花子" : "Olive Organiser");
  const invitee = await person(["alumnus"], ja ? "招待 次郎" : "Ivy Invitee");
  const admin = await person(["org_admin"], ja ? "管理 三郎" : "Adam Admin");

  const day = instantToLocal(new Date(Date.now() + 48 * HOUR), ZONE).date;
  const startsAt = localToInstant({ date: day, time: "10:00" }, ZONE);
  const occasion = async (title: string, overrides: Partial<typeof reunions.$inferInsert> = {}) => {
    const [row] = await fixture.t.db
      .insert(reunions)
      .values({ orgId: org.id, organiserId: organiser.id, title, format: "open_space", status: "scheduled", location: ja ? "本社 3 階" : "Head office", timeZone: ZONE, startsAt, endsAt: new Date(startsAt.getTime() + 8 * HOUR), ...overrides })
      .returning();
    await fixture.t.db.insert(reunionAudience).values({ reunionId: row!.id, kind: "person", userId: invitee.id });
    return row!;
  };
  const openSpace = await occasion(ja ? "学びの持ち寄り会" : "Lessons learned");
  const cancelled = await occasion(ja ? "中止した持ち寄り会" : "Called off", { status: "cancelled" });
  const classic = await occasion(ja ? "春の懇親会" : "Spring gathering", { format: "classic" });
  const polling = await occasion(ja ? "秋の懇親会" : "Autumn gathering", { status: "polling", startsAt: null, endsAt: null });
  const session = await addSessionRow(fixture.t.db, openSpace.id, { convenerId: invitee.id, topic: ja ? "会議で沈黙しない" : "Speaking up" });

  const facilitator = await person(["facilitator"], ja ? "進行 四郎" : "Fay Cilitator");
  const members = [await person(["participant"], ja ? "会員 五郎" : "Mel Member"), await person(["participant"], ja ? "会員 六子" : "Max Member")];
  const cohort = await createCohort(fixture.t.db, { orgId: org.id, name: ja ? "第1期" : "First cohort", timeZone: ZONE });
  const group = await createProgrammeGroup(fixture.t.db, { orgId: org.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: members.map((m) => m.id), name: ja ? "ひまわり" : "Sunflower" });
  const module = await createPublishedModule(fixture.t.db, { authorId: facilitator.id, title: ja ? "傾聴の基本" : "Listening basics" });
  const { meetings } = await createCycle(fixture.t.db, { group, facilitatorId: facilitator.id, number: 1, state: "running", meetings: monthlyMeetings(6, 2) });
  const held = meetings[1]!;
  const takeaway = ja ? "相手の話を最後まで聞く" : "Hear people out";
  await fixture.t.db.insert(takeaways).values({ userId: members[0]!.id, moduleId: module.id, text: takeaway, meetingId: held.id });

  const planted = [org.name, openSpace.title, cancelled.title, classic.title, polling.title, session.topic, group.name, cohort.name, module.title, takeaway, ...[organiser, invitee, admin, facilitator, ...members].map((p) => p.name)];
  return { day, organiser, invitee, admin, openSpace, cancelled, classic, polling, session, facilitator, members, group, held, takeaway, planted };
}

const worlds: Partial<Record<"ja" | "en", World>> = {};
const fixture: Setting = worldsInBothLanguages(worlds, plantWorld);

const board = (w: World) => `/reunions/${w.openSpace.id}/open-space`;

/** A refused form: 400 or 409, in the reader's language, the message shown and the typed text kept. */
async function refusedForm(path: string, fields: Record<string, string>, cookie: string) {
  const res = await postForm(fixture.server, path, fields, cookie);
  const html = await res.text();
  return { status: res.status, html, lang: /<html lang="([^"]*)"/.exec(html)?.[1], text: visibleText(html) };
}

/** An .ics answer, its folded lines joined again. */
async function calendarFile(path: string, cookie: string) {
  const res = await fixture.server.request(path, { headers: { Cookie: cookie } });
  return { status: res.status, text: (await res.text()).replace(/\r\n[ \t]/g, "") };
}

describe("the open space, its calendar file, its audit label and a meeting's recap, in Japanese", () => {
  test("a time slot that ends before it starts, or falls outside the open space, is refused in Japanese and the times are kept", async () => {
    const w = worlds.ja!;
    const backwards = await refusedForm(board(w), { intent: "add-slot", date: w.day, startTime: "15:10", endTime: "14:00" }, w.organiser.cookie);
    expect(backwards.status).toBe(400);
    expect(backwards.lang).toBe("ja");
    expect(backwards.text).toContain("時間枠の終了が開始より前になっています。終了時刻を開始時刻より後にしてください。");
    expect(backwards.html).toContain('value="15:10"');
    expectNoEnglishOrKeys(backwards.text, "a slot ending before it starts", w.planted);

    const outside = await refusedForm(board(w), { intent: "add-slot", date: w.day, startTime: "08:00", endTime: "08:45" }, w.organiser.cookie);
    expect(outside.status).toBe(400);
    // The event's start and end are written for a Japanese reader.
    expect(outside.text).toMatch(/時間枠は、オープンスペースの開催時間（\d{4}年\d{1,2}月\d{1,2}日.* 10:00 .*から .*18:00.* まで）の中に設けてください。/);
    expectNoEnglishOrKeys(outside.text, "a slot outside the open space", w.planted);
  });

  test("making the schedule before any room or time slot is refused in Japanese", async () => {
    const w = worlds.ja!;
    const res = await refusedForm(board(w), { intent: "make-schedule" }, w.organiser.cookie);
    expect(res.status).toBe(400);
    expect(res.text).toContain("スケジュールを作る前に、部屋と時間枠をそれぞれ 1 つ以上追加してください。");
    expectNoEnglishOrKeys(res.text, "the schedule without rooms", w.planted);
  });

  test("an admin who was not invited may look at the board, but marking interest is refused in Japanese (403)", async () => {
    const w = worlds.ja!;
    const res = await refusedForm(board(w), { intent: "interested", sessionId: w.session.id }, w.admin.cookie);
    expect(res.status).toBe(403);
    expect(res.lang).toBe("ja");
    expect(res.text).toContain("興味ありの印を付けられるのは、このオープンスペースに招待された人だけです。");
    expectNoEnglishOrKeys(res.text, "interest from someone not invited", w.planted);
  });

  test("proposing a session to a cancelled open space is refused in Japanese, the topic kept", async () => {
    const w = worlds.ja!;
    const topic = "遅刻しない会議のコツ";
    const res = await refusedForm(`/reunions/${w.cancelled.id}/open-space`, { intent: "propose", topic, description: "", convenerId: "" }, w.invitee.cookie);
    expect([400, 409]).toContain(res.status);
    expect(res.text).toContain("このオープンスペースは中止されたため、これ以上セッションを提案することはできません。");
    expect(res.html).toContain(topic);
    expectNoEnglishOrKeys(res.text, "a proposal to a cancelled open space", [...w.planted, topic]);
  });

  test("the board of a classic reunion is not found, in Japanese", async () => {
    const w = worlds.ja!;
    const res = await getPage(fixture.server, `/reunions/${w.classic.id}/open-space`, w.invitee.cookie);
    expect(res.status).toBe(404);
    expect(res.lang).toBe("ja");
    expect(res.text).toContain("この同窓会はオープンスペースではないため、セッションボードはありません。");
    expectNoEnglishOrKeys(res.text, "a classic reunion's board", w.planted);
  });

  test("the calendar file names the reunion in Japanese; one without a date, or not to be seen, is refused in plain Japanese", async () => {
    const w = worlds.ja!;
    const ics = await calendarFile(`/reunions/${w.openSpace.id}.ics`, w.invitee.cookie);
    expect(ics.status).toBe(200);
    expect(ics.text).toContain(`SUMMARY:同窓会：${w.openSpace.title}\r\n`);
    const description = /\r\nDESCRIPTION:(.*)\r\n/.exec(ics.text)?.[1] ?? "";
    expect(description).toContain("詳細と出欠の回答：");
    expectNoEnglishOrKeys(description.replace(/\\n/g, " "), "the calendar entry's description", w.planted);

    const polling = await calendarFile(`/reunions/${w.polling.id}.ics`, w.invitee.cookie);
    expect(polling.status).toBe(404);
    expect(polling.text).toBe("この同窓会の日程はまだ決まっていません。日程が決まると、カレンダーに登録できるようになります。");
    const unknown = await calendarFile(`/reunions/${randomUUID()}.ics`, w.invitee.cookie);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toBe("そのミーティング、チェックイン、同窓会は見つからないか、あなたが招待されていません。");
  });

  test("the audit log labels a change to the open space in Japanese", async () => {
    const w = worlds.ja!;
    expect((await postForm(fixture.server, board(w), { intent: "add-room", name: "大会議室", capacity: "20" }, w.organiser.cookie)).status).toBe(302);
    const audit = await getPage(fixture.server, "/audit?action=reunion", w.admin.cookie);
    expect(audit.status).toBe(200);
    expect(audit.lang).toBe("ja");
    expect(audit.text).toContain(`同窓会：${w.openSpace.title}`);
    expectNoEnglishOrKeys(audit.text, "/audit", w.planted);
  });

  test("the recap reaches each member in Japanese, with their own take-aways or a word that they wrote none", async () => {
    const w = worlds.ja!;
    const recap = "傾聴の練習をしました。";
    expect((await postForm(fixture.server, `/programme/meetings/${w.held.id}`, { intent: "recap", recap }, w.facilitator.cookie)).status).toBe(302);
    const sent = await fixture.t.db.select().from(notifications).where(eq(notifications.link, `/programme/meetings/${w.held.id}`));
    const to = (i: number) => sent.find((n) => n.userId === w.members[i]!.id)!;
    expect(to(0).title).toBe(`第 2 回ミーティングの振り返り：${w.group.name}`);
    expect(to(0).body).toBe(`${recap}\n\nあなたの持ち帰り：\n– ${w.takeaway}`);
    expect(to(1).body).toBe(`${recap}\n\nこのミーティングで書いた持ち帰りはありません。`);
    for (const n of [to(0), to(1)]) expectNoEnglishOrKeys(`${n.title} ${n.body}`, "the recap notification", [...w.planted, recap]);

    const list = await getPage(fixture.server, "/notifications", w.members[0]!.cookie);
    expect(list.status).toBe(200);
    expect(list.text).toContain("あなたの持ち帰り：");
    expectNoEnglishOrKeys(list.text, "/notifications", [...w.planted, recap]);
  });

  test("proceedings shared with the organisation, names hidden: a reader who was not invited reads \"a participant\" in Japanese", async () => {
    const w = worlds.ja!;
    await fixture.t.db.update(reunions).set({ proceedingsVisibility: "organisation", proceedingsHideNames: true }).where(eq(reunions.id, w.openSpace.id));
    const res = await getPage(fixture.server, `/reunions/${w.openSpace.id}/proceedings`, w.admin.cookie);
    expect(res.status).toBe(200);
    expect(res.text).toContain("呼びかけ人：参加者の一人。");
    expect(res.text).not.toContain(w.invitee.name);
    expectNoEnglishOrKeys(res.text, "the proceedings with names hidden", w.planted);
  });

  test("no page asked for a key no catalogue has", () => {
    expect(fixture.missingKeys()).toEqual([]);
  });
});

describe("the same words in English for an English reader", () => {
  test("the board's refusals and the hidden names of the proceedings keep their English", async () => {
    const w = worlds.en!;
    const backwards = await refusedForm(board(w), { intent: "add-slot", date: w.day, startTime: "15:10", endTime: "14:00" }, w.organiser.cookie);
    expect(backwards.lang).toBe("en");
    expect(backwards.text).toContain("The time slot ends before it starts. Make the end time later than the start time.");
    expect(backwards.html).toContain('value="15:10"');
    const outside = await refusedForm(board(w), { intent: "add-slot", date: w.day, startTime: "08:00", endTime: "08:45" }, w.organiser.cookie);
    expect(outside.text).toMatch(/The time slot must be within the open space, from .*10:00.* to .*18:00.*\./);
    expect((await refusedForm(board(w), { intent: "make-schedule" }, w.organiser.cookie)).text).toContain("Add at least one room and one time slot before making the schedule.");
    const interest = await refusedForm(board(w), { intent: "interested", sessionId: w.session.id }, w.admin.cookie);
    expect(interest.status).toBe(403);
    expect(interest.text).toContain("Only the people invited to this open space can mark interest.");
    const proposal = await refusedForm(`/reunions/${w.cancelled.id}/open-space`, { intent: "propose", topic: "Meetings that start on time", description: "", convenerId: "" }, w.invitee.cookie);
    expect(proposal.text).toContain("This open space has been cancelled, so no more sessions can be proposed.");
    await fixture.t.db.update(reunions).set({ proceedingsVisibility: "organisation", proceedingsHideNames: true }).where(eq(reunions.id, w.openSpace.id));
    expect((await getPage(fixture.server, `/reunions/${w.openSpace.id}/proceedings`, w.admin.cookie)).text).toContain("Convened by a participant.");
    const classic = await getPage(fixture.server, `/reunions/${w.classic.id}/open-space`, w.invitee.cookie);
    expect(classic.status).toBe(404);
    expect(classic.text).toContain("This reunion is not an open space, so it has no session board.");
  });

  test("the calendar file, the audit label and the recap", async () => {
    const w = worlds.en!;
    expect((await calendarFile(`/reunions/${w.openSpace.id}.ics`, w.invitee.cookie)).text).toContain(`SUMMARY:Reunion: ${w.openSpace.title}\r\n`);
    expect((await calendarFile(`/reunions/${w.polling.id}.ics`, w.invitee.cookie)).text).toBe("This reunion has no date yet. Its calendar entry appears once the organiser picks the date.");
    expect((await calendarFile(`/reunions/${randomUUID()}.ics`, w.invitee.cookie)).text).toBe("We could not find that meeting, check-in or reunion, or you are not invited to it.");

    expect((await postForm(fixture.server, board(w), { intent: "add-room", name: "Hall", capacity: "20" }, w.organiser.cookie)).status).toBe(302);
    const audit = await getPage(fixture.server, "/audit?action=reunion", w.admin.cookie);
    expect(audit.lang).toBe("en");
    expect(audit.text).toContain(`Reunion: ${w.openSpace.title}`);
    expect(audit.text.match(RAW_KEY)?.[0]).toBeUndefined();

    const recap = "We practised listening.";
    expect((await postForm(fixture.server, `/programme/meetings/${w.held.id}`, { intent: "recap", recap }, w.facilitator.cookie)).status).toBe(302);
    const sent = await fixture.t.db.select().from(notifications).where(eq(notifications.link, `/programme/meetings/${w.held.id}`));
    const to = (i: number) => sent.find((n) => n.userId === w.members[i]!.id)!;
    expect(to(0).body).toBe(`${recap}\n\nYour take-aways:\n– ${w.takeaway}`);
    expect(to(1).body).toBe(`${recap}\n\nYou wrote no take-aways at this meeting.`);
    expect(to(0).title).toBe(`Recap of meeting 2: ${w.group.name}`);
  });
});
