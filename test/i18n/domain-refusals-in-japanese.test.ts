// Refusals, not-found answers and titles that domain code writes, in
// Japanese through the real server: the review queue's titles for a report
// and a peer group waiting for approval, a peer group's settings refused to
// a member who does not convene it, archiving a module twice, a cycle number
// the group does not have, a person the directory does not list, and a
// calendar address that no longer works (plain text, no page around it). No
// English left, no raw key, no key the catalogues lack; and the same words in
// English for an English reader.
import { randomUUID } from "node:crypto";
import { RAW_KEY, expectNoEnglishOrKeys, getPage } from "../support/page-language";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { reviewTitle } from "../../app/domain/groups/approve-group.server";
import { reportContent } from "../../app/domain/reports/report-content.server";
import { openReviewItem } from "../../app/domain/review/review-items.server";
import { createOrg, createPeerGroup, createPublishedModule, createUser, sessionCookieFor } from "../support/factories";
import { visibleText } from "../support/english-leftovers";
import { postForm } from "../support/http-helpers";
import { createCohort, createCycle, createProgrammeGroup, monthlyMeetings } from "../support/programme-factories";
import { worldsInBothLanguages, type Setting } from "../support/worlds-in-both-languages";

type World = Awaited<ReturnType<typeof plantWorld>>;

/** An organisation in `language` with a moderator, a platform admin, a peer group with a convener and a member, a published module reported by that member, and a programme group in its first cycle. */
async function plantWorld(language: "ja" | "en") {
  const ja = language === "ja";
  const org = await createOrg(fixture.t.db, { name: ja ? "株式会社拒否" : "Refusals Ltd", defaultLanguage: language });
  const person = async (roles: Parameters<typeof createUser>[1]["roles"], name: string) => {
    const user = await createUser(fixture.t.db, { orgId: org.id, roles, name });
    await fixture.t.db.update(users).set({ language }).where(eq(users.id, user.id));
    return { ...user, cookie: await sessionCookieFor(fixture.t.db, user.id) };
  };
  const moderator = await person(["moderator"], ja ? "審査 一郎" : "Mo Derator");
  const admin = await person(["platform_admin"], ja ? "運営 花子" : "Pat Admin");
  const convener = await person(["alumnus"], ja ? "主宰 次郎" : "Connie Vener");
  const member = await person(["alumnus"], ja ? "会員 三郎" : "Mem Ber");
  const facilitator = await person(["facilitator"], ja ? "進行 四郎" : "Fay Cilitator");
  const group = await createPeerGroup(fixture.t.db, { orgId: org.id, convenerIds: [convener.id], memberIds: [member.id], name: ja ? "保全の会" : "Upkeep circle", field: ja ? "設備保全" : "Plant upkeep" });
  const waiting = await createPeerGroup(fixture.t.db, { orgId: org.id, convenerIds: [convener.id], name: ja ? "品質の会" : "Quality circle", status: "awaiting_approval" });
  await openReviewItem(fixture.t.db, { kind: "group", groupId: waiting.id, title: reviewTitle(waiting.name), mindset: null, ownerOrgId: org.id });
  const module = await createPublishedModule(fixture.t.db, { authorId: admin.id, ownerOrgId: org.id, title: ja ? "傾聴の練習" : "Practising listening", language });
  await reportContent(fixture.t.db, member, { moduleSlug: module.slug }, ja ? "2 ページ目に顧客名があります。" : "Page 2 names a client.");
  const cohort = await createCohort(fixture.t.db, { orgId: org.id, name: ja ? "第1期" : "First cohort" });
  const programmeGroup = await createProgrammeGroup(fixture.t.db, { orgId: org.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: [member.id], name: ja ? "ひまわり" : "Sunflower" });
  await createCycle(fixture.t.db, { group: programmeGroup, facilitatorId: facilitator.id, meetings: monthlyMeetings(1, 1) });
  const planted = [org.name, group.name, waiting.name, module.title, programmeGroup.name, ...[moderator, admin, convener, member, facilitator].map((p) => p.name)];
  return { org, moderator, admin, convener, member, group, waiting, module, programmeGroup, planted };
}

const worlds: Partial<Record<"ja" | "en", World>> = {};
const fixture: Setting = worldsInBothLanguages(worlds, plantWorld);

const page = (path: string, cookie: string) => getPage(fixture.server, path, cookie);

describe("domain refusals and titles, in Japanese", () => {
  test("the review queue names a report and a peer group waiting for approval in Japanese", async () => {
    const w = worlds.ja!;
    const queue = await page("/review?all=1", w.moderator.cookie);
    expect(queue.status).toBe(200);
    expect(queue.lang).toBe("ja");
    expect(queue.text).toContain(`通報：${w.module.title}`);
    expect(queue.text).toContain(`ピアグループ：${w.waiting.name}`);
    expectNoEnglishOrKeys(queue.text, "/review", w.planted);
  });

  test("a member who does not convene the group is refused its settings in Japanese", async () => {
    const w = worlds.ja!;
    const settings = await page(`/groups/${w.group.id}/settings`, w.member.cookie);
    expect(settings.status).toBe(403);
    expect(settings.text).toContain("グループの設定を変更できるのは主宰者だけです。");
    expectNoEnglishOrKeys(settings.text, "the settings refusal", w.planted);
  });

  test("archiving a module twice is refused in Japanese", async () => {
    const w = worlds.ja!;
    expect((await postForm(fixture.server, "/admin/modules", { intent: "archive", moduleId: w.module.id }, w.admin.cookie)).status).toBe(302);
    const again = await postForm(fixture.server, "/admin/modules", { intent: "archive", moduleId: w.module.id }, w.admin.cookie);
    expect(again.status).toBe(400);
    const text = visibleText(await again.text());
    expect(text).toContain("アーカイブできるのは公開中のモジュールだけです。");
    expect(text.match(RAW_KEY)?.[0]).toBeUndefined();
    expect(text).not.toContain("Only a published module");
  });

  test("a cycle number the group does not have, and a person the directory does not list, are not found in Japanese", async () => {
    const w = worlds.ja!;
    const cycle = await page(`/groups/${w.programmeGroup.id}/cycle?cycle=9`, w.member.cookie);
    expect(cycle.status).toBe(404);
    expect(cycle.text).toContain("このグループにその番号のサイクルはありません。");
    expectNoEnglishOrKeys(cycle.text, "the missing cycle", w.planted);
    const person = await page(`/people/${randomUUID()}`, w.member.cookie);
    expect(person.status).toBe(404);
    expect(person.text).toContain("その人はディレクトリに見つかりませんでした。");
    expectNoEnglishOrKeys(person.text, "the missing person", w.planted);
  });

  test("a calendar address that no longer works answers in plain Japanese text", async () => {
    const res = await fixture.server.request(`/calendar/${"x".repeat(43)}.ics`, { headers: { "Accept-Language": "ja" } });
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).toBe("このカレンダーのアドレスはもう使えません。Roundtable のカレンダーページで新しいアドレスを作成してください。");
  });

  test("no page asked for a key no catalogue has", () => {
    expect(fixture.missingKeys()).toEqual([]);
  });
});

describe("the same words in English for an English reader", () => {
  test("queue titles, the settings refusal, archiving twice, a missing cycle and person, and a calendar address that no longer works", async () => {
    const w = worlds.en!;
    const queue = await page("/review?all=1", w.moderator.cookie);
    expect(queue.lang).toBe("en");
    expect(queue.text).toContain(`Report: ${w.module.title}`);
    expect(queue.text).toContain(`Peer group: ${w.waiting.name}`);

    expect((await page(`/groups/${w.group.id}/settings`, w.member.cookie)).text).toContain("Only the group's conveners can change its settings.");

    expect((await postForm(fixture.server, "/admin/modules", { intent: "archive", moduleId: w.module.id }, w.admin.cookie)).status).toBe(302);
    const again = await postForm(fixture.server, "/admin/modules", { intent: "archive", moduleId: w.module.id }, w.admin.cookie);
    expect(visibleText(await again.text())).toContain("Only a published module can be archived.");

    expect((await page(`/groups/${w.programmeGroup.id}/cycle?cycle=9`, w.member.cookie)).text).toContain("This group has no cycle with that number.");
    expect((await page(`/people/${randomUUID()}`, w.member.cookie)).text).toContain("We could not find that person in the directory.");

    const feed = await fixture.server.request(`/calendar/${"y".repeat(43)}.ics`, { headers: { "Accept-Language": "en" } });
    expect(await feed.text()).toBe("This calendar address does not work any more. Make a new one on your Roundtable calendar page.");
    expect(fixture.missingKeys()).toEqual([]);
  });
});
