// The pages of a group's space (members, meetings, one meeting, discussion,
// cycle, carrying on), of a module's draft (editor, comparing revisions,
// translating), a proposal, the review of groups, reports and drafts, the
// audit log, the not-found page and signing out, in Japanese for a person who
// chose Japanese: each speaks Japanese, shows no English left in code and no
// raw key; a refused form answers in Japanese and keeps what was typed. A few
// of them in English keep their English.
import { asc, eq } from "drizzle-orm";
import { expectJapanesePage, expectRefusedInJapanese, getPage, missingTranslationKeys } from "../support/page-language";
import { cycleGoals, groupConversions, groupInterest, groupJoinRequests, reunions, users } from "../../db/schema";
import { AUDIT_ACTIONS } from "../../app/domain/audit/audit-actions";
import { recordAudit } from "../../app/domain/audit/record-audit.server";
import { postToGroupDiscussion } from "../../app/domain/groups/discussion/group-discussion.server";
import { addMeetingNote } from "../../app/domain/groups/meetings/meeting-notes.server";
import { messageIn } from "../../app/domain/i18n/translators";
import { publishRevision } from "../../app/domain/modules/publish-revision.server";
import { commentOnProposal } from "../../app/domain/proposals/discuss-proposal.server";
import { createProposal } from "../../app/domain/proposals/create-proposal.server";
import { setSupport } from "../../app/domain/proposals/support-proposal.server";
import { reportContent } from "../../app/domain/reports/report-content.server";
import { submitDraft } from "../../app/domain/review/submit-draft.server";
import { createDraftEditor, createOrg, createPeerGroup, createPublishedModule, createUser, sessionCookieFor } from "../support/factories";
import { postForm } from "../support/http-helpers";
import { createCohort, createCycle, createProgrammeGroup, monthlyMeetings, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { daysFromNow, scheduleMeeting } from "../groups/space/space-setting";

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

const org = (name: string) => createOrg(t.db, { name: `${name}${++counter}`, defaultLanguage: "ja", crossOrgConnections: true });

/** A module document written in Japanese, `pages` pages long. */
function japaneseDoc({ pages = 3, intro = "グループで話し合うための導入です。", change = "" } = {}) {
  const text = (value: string) => [{ type: "text", text: value }];
  return {
    type: "doc",
    content: [
      { type: "introduction", content: [{ type: "paragraph", content: text(intro) }] },
      ...Array.from({ length: pages }, (_, k) => ({
        type: "page",
        attrs: { id: `p${k + 1}` },
        content: [
          { type: "pageTitle", content: text(`第${k + 1}章 聞くこと${change}`) },
          { type: "pageContext", content: [{ type: "paragraph", content: text(`第${k + 1}章の背景です。${change}`) }] },
          { type: "question", content: text(`あなたはどのように聞いていますか（${k + 1}）？`) },
        ],
      })),
      { type: "takeaways", content: [{ type: "takeawayPrompt", content: text("私が試してみることは…") }] },
    ],
  };
}

describe("a peer group's space in Japanese", () => {
  async function peerGroup() {
    const home = await org("保全工業");
    const convener = await person(home.id, "山田花子", ["alumnus"]);
    const member = await person(home.id, "佐藤太郎", ["alumnus"]);
    const asker = await person(home.id, "鈴木一郎", ["alumnus"]);
    const invitee = await person(home.id, "高橋美咲", ["alumnus"]);
    const group = await createPeerGroup(t.db, { orgId: home.id, convenerIds: [convener.id], memberIds: [member.id], name: `設備保全の会${counter}`, field: "設備保全", charter: "月に一度集まり、保全の悩みを話し合います。" });
    await t.db.insert(groupJoinRequests).values({ groupId: group.id, userId: asker.id, kind: "request", message: "現場の経験を共有したいです。" });
    await t.db.insert(groupJoinRequests).values({ groupId: group.id, userId: invitee.id, kind: "invite", invitedBy: convener.id });
    return { home, convener, member, asker, invitee, group };
  }

  test("the members page: members, a request, an invitation; an invitation to a bad address is refused in Japanese and the address kept", async () => {
    const { convener, group } = await peerGroup();
    const members = `/groups/${group.id}/members`;
    await expectJapanese(members, convener.cookie, "参加申請");
    const p = await page(members, convener.cookie);
    expect(p.text).toContain("主宰者");
    expect(p.text).toContain("招待を送る");
    await expectRefusedInJapanese(server, members, { intent: "invite", email: "kein-adresse" }, convener.cookie, "name@example.com のような形式でメールアドレスを入力してください。", 'value="kein-adresse"', ["kein-adresse"]);
  });

  test("the meetings page and one meeting with its take-aways, actions and follow-up; refused forms answer in Japanese and keep the text", async () => {
    const { convener, member, group } = await peerGroup();
    const module = await createPublishedModule(t.db, { authorId: convener.id, title: "聞く力を磨く", summary: "聞くことについて話し合うモジュールです。", language: "ja", doc: japaneseDoc() });
    await scheduleMeeting(t.db, convener, group.id, { title: "保全の月例会", date: daysFromNow(5), repeatCount: 2, timeZone: "Asia/Tokyo", onlineUrl: "https://meet.example.test/hozen", moduleId: module.id });
    const [first, second] = await t.db.select({ id: reunions.id }).from(reunions).where(eq(reunions.groupId, group.id)).orderBy(asc(reunions.startsAt));
    await addMeetingNote(t.db, convener, group.id, first!.id, { kind: "takeaway", text: "引き継ぎでは背景を伝える。" });
    await addMeetingNote(t.db, member, group.id, first!.id, { kind: "action", text: "引き継ぎメモを書いてみる。", ownerId: member.id });

    const meetings = `/groups/${group.id}/meetings`;
    await expectJapanese(meetings, convener.cookie, "ミーティングの予定を立てる");
    await expectRefusedInJapanese(
      server,
      meetings,
      { intent: "schedule", title: "臨時の集まり", date: daysFromNow(20), startTime: "18:00", endTime: "19:00", timeZone: "Asia/Tokyo", location: "", onlineUrl: "", repeatCount: "1", moduleId: "" },
      convener.cookie,
      "グループが集まる場所を入力してください",
      'value="臨時の集まり"',
    );

    await expectJapanese(`/groups/${group.id}/meetings/${first!.id}`, convener.cookie, "共有された持ち帰り");
    const next = `/groups/${group.id}/meetings/${second!.id}`;
    const p = await expectJapanese(next, member.cookie, "前回のミーティングから：試してみましたか？");
    expect(p.text).toContain("引き継ぎメモを書いてみる。");
    const long = "あ".repeat(1001);
    await expectRefusedInJapanese(server, next, { intent: "takeaway", text: long }, member.cookie, "持ち帰りは 1,000 文字以内にしてください。", long);
  });

  test("the discussion: threads and replies; an over-long post is refused in Japanese and kept", async () => {
    const { convener, member, group } = await peerGroup();
    const thread = await postToGroupDiscussion(t.db, convener, group.id, { parentId: null, body: "来月のテーマについて意見をください。" });
    await postToGroupDiscussion(t.db, member, group.id, { parentId: thread.id, body: "安全点検の話がしたいです。" });
    const discussion = `/groups/${group.id}/discussion`;
    await expectJapanese(discussion, member.cookie, "新しいスレッドを始める");
    const long = "議".repeat(4001);
    await expectRefusedInJapanese(server, discussion, { intent: "post", body: long }, member.cookie, "コメントは 4,000 文字以内にしてください（現在 4,001 文字）。", long);
  });
});

describe("a programme group in Japanese", () => {
  async function programmeGroup() {
    const home = await org("中央製作所");
    const facilitator = await person(home.id, "伊藤進", ["facilitator"]);
    const people = [await person(home.id, "渡辺京子", ["participant"]), await person(home.id, "中村健", ["participant"]), await person(home.id, "小林愛", ["participant"])];
    const cohort = await createCohort(t.db, { orgId: home.id, name: `春のコホート${counter}`, timeZone: "Asia/Tokyo" });
    const group = await createProgrammeGroup(t.db, { orgId: home.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: people.map((p) => p.id), name: `第一サークル${counter}` });
    return { home, facilitator, people, cohort, group };
  }

  test("the cycle page: meetings with attendance, goals, an earlier cycle's report; an empty group goal is refused in Japanese and the concerns kept", async () => {
    const { facilitator, people, group } = await programmeGroup();
    const earlier = await createCycle(t.db, { group, facilitatorId: facilitator.id, number: 1, state: "continued", meetings: monthlyMeetings(2, 2, new Date(Date.now() - 120 * 86_400_000)), outcome: "継続に 3 票、終了に 0 票でした。", endedAt: new Date() });
    await recordAttendanceRows(t.db, earlier.meetings[0]!.id, Object.fromEntries(people.map((p) => [p.id, "present" as const])));
    const { cycle, meetings } = await createCycle(t.db, { group, facilitatorId: facilitator.id, number: 2, state: "running", meetings: monthlyMeetings(6, 2) });
    await recordAttendanceRows(t.db, meetings[0]!.id, { [people[0]!.id]: "present", [people[1]!.id]: "present", [people[2]!.id]: "absent" });
    await t.db.insert(cycleGoals).values({ cycleId: cycle.id, userId: people[1]!.id, text: "部下の話を最後まで聞く。", shared: true });
    // The meetings' titles are the factory's own words.
    const planted = [`${group.name} · meeting`, "Room"];

    const here = `/groups/${group.id}/cycle`;
    const p = await expectJapanese(here, facilitator.cookie, "あなたがファシリテーターです。", planted);
    expect(p.text).toContain("第 2 サイクル");
    expect(p.text).toContain("3 人中 2 人");
    await expectJapanese(here, people[0]!.cookie, "部下の話を最後まで聞く。", planted);
    const report = await expectJapanese(`${here}?cycle=1`, facilitator.cookie, "サイクルのレポート", planted);
    expect(report.text).toContain("ミーティングごとの出席：第 1 回：3 人中 3 人、第 2 回：未記録。");
    await expectRefusedInJapanese(server, here, { intent: "group-goal", groupGoal: "", concerns: "発言が少ない人がいる。" }, facilitator.cookie, "このサイクルのグループの目標を書いてください。", "発言が少ない人がいる。", planted);
  });

  test("the offer to carry on: the tally without names; an answer that is neither is refused in Japanese", async () => {
    const { people, group } = await programmeGroup();
    await t.db.insert(groupConversions).values({ groupId: group.id, closesAt: new Date(Date.now() + 7 * 86_400_000) });
    const here = `/groups/${group.id}/carry-on`;
    await expectJapanese(here, people[0]!.cookie, "現在、3 人中 0 人が同意し、0 人が辞退しています。");
    await expectRefusedInJapanese(server, here, { answer: "maybe" }, people[0]!.cookie, "続けるかどうかを選んでください。", null);
  });
});

describe("module drafts in Japanese", () => {
  async function moduleWithLead() {
    const home = await org("学び舎");
    const lead = await person(home.id, "森本洋子", ["thought_leader"]);
    const module = await createPublishedModule(t.db, { authorId: lead.id, title: `聞く力${counter}`, summary: "聞くことについて話し合うモジュールです。", language: "ja", doc: japaneseDoc() });
    return { home, lead, module };
  }

  test("the working draft: review, authors and the editor's frame; adding someone unknown as co-author is refused in Japanese and the address kept", async () => {
    const { lead, module } = await moduleWithLead();
    const here = `/modules/${module.slug}/edit`;
    const p = await expectJapanese(here, lead.cookie, "作業中の下書き");
    expect(p.text).toContain("接続しています…");
    await expectRefusedInJapanese(server, here, { intent: "invite", email: "niemand@example.test" }, lead.cookie, "そのメールアドレスで、このモジュールを閲覧できる", 'value="niemand@example.test"');
  });

  test("comparing two revisions shows the changes in Japanese; revisions that cannot be compared are said in Japanese", async () => {
    const { lead, module } = await moduleWithLead();
    await publishRevision(t.db, { moduleId: module.id, doc: japaneseDoc({ pages: 4, intro: "改訂した導入です。", change: "（改訂）" }), authorId: lead.id });
    const p = await expectJapanese(`/modules/${module.slug}/compare?from=1&to=2`, lead.cookie, "の変更点");
    expect(p.text).toContain("3 ページを変更、1 ページを追加、導入を変更。");
    await expectJapanese(`/modules/${module.slug}/compare?from=1&to=9`, lead.cookie, "このモジュールに版 9 はありません。版の番号は 1 から 2 までです。", [], 400);
  });

  test("translating a module: a title too short is refused in Japanese and kept", async () => {
    const home = await org("翻訳社");
    const author = await person(home.id, "石井翔", ["thought_leader"]);
    const translator = await person(home.id, "松本彩", ["alumnus"]);
    const module = await createPublishedModule(t.db, { authorId: author.id, title: "Listening first", summary: "A module about listening to the end.", language: "en" });
    const planted = ["Listening first"];
    const here = `/modules/${module.slug}/translate`;
    await expectJapanese(here, translator.cookie, "このモジュールを翻訳する", planted);
    await expectRefusedInJapanese(server, here, { language: "ja", title: "聞", summary: "最後まで聞くことについて話し合います。" }, translator.cookie, "新しい言語でタイトルを書いてください（3 文字以上）。", "最後まで聞くことについて話し合います。", planted);
  });

  test("the comments beside the editor answer a refusal with a key the panel shows in Japanese", async () => {
    const { lead, module } = await moduleWithLead();
    const res = await postForm(server, `/modules/${module.slug}/comments`, { intent: "comment", pageId: "p1", body: "" }, lead.cookie);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: Record<string, string> };
    expect(messageIn("ja", body.fieldErrors.body!)).toBe("投稿する前にコメントを書いてください。");
  });
});

describe("proposals and review in Japanese", () => {
  async function moderatedOrg() {
    const home = await org("未来商事");
    const proposer = await person(home.id, "加藤優", ["alumnus"]);
    const supporter = await person(home.id, "吉田誠", ["alumnus"]);
    const moderator = await person(home.id, "山本静", ["moderator"]);
    return { home, proposer, supporter, moderator };
  }

  test("a proposal with support and discussion, as its moderator sees it; declining without a reason and an over-long comment are refused in Japanese", async () => {
    const { proposer, supporter, moderator } = await moderatedOrg();
    const id = await createProposal(t.db, proposer, { title: "会議を短くする", challenge: "会議が長く、決めることが決まりません。", mindset: "action", questions: ["何のための会議ですか？"], suggestedMode: "open", visibility: "organisation" });
    await setSupport(t.db, supporter, id, true);
    await commentOnProposal(t.db, supporter, id, { parentId: null, body: "ぜひ取り上げてほしいです。" });
    const here = `/proposals/${id}`;
    const p = await expectJapanese(here, moderator.cookie, "モデレーターとしての判断");
    expect(p.text).toContain("1 人がこの提案を支持しています。");
    await expectRefusedInJapanese(server, here, { intent: "decline", reason: "" }, moderator.cookie, "提案者と支持者が納得できるよう、見送る理由を書いてください。", null);
    const long = "提".repeat(5001);
    await expectRefusedInJapanese(server, here, { intent: "comment", body: long }, moderator.cookie, "コメントは 5,000 文字以内にしてください", long);
  });

  test("a new peer group waiting for approval; an over-long reason for declining is refused in Japanese and kept", async () => {
    const { home, proposer, supporter, moderator } = await moderatedOrg();
    const group = await createPeerGroup(t.db, { orgId: home.id, convenerIds: [proposer.id], name: `品質の会${counter}`, field: "品質管理", charter: "品質の改善事例を持ち寄ります。", status: "awaiting_approval", activatedAt: null });
    await t.db.insert(groupInterest).values({ groupId: group.id, userId: supporter.id });
    const here = `/review/groups/${group.id}`;
    await expectJapanese(here, moderator.cookie, "グループを承認");
    const long = "理".repeat(1001);
    await expectRefusedInJapanese(server, here, { intent: "decline", reason: long }, moderator.cookie, "理由は 1,000 文字以内にしてください。", long);
  });

  test("a report on a comment; an over-long note is refused in Japanese and kept", async () => {
    const { proposer, supporter, moderator } = await moderatedOrg();
    const id = await createProposal(t.db, proposer, { title: "新人研修を見直す", challenge: "新人が早く辞めてしまいます。", mindset: "collaboration", questions: ["何が足りませんか？"], suggestedMode: "curated", visibility: "organisation" });
    const comment = await commentOnProposal(t.db, supporter, id, { parentId: null, body: "この提案は無意味です。" });
    const report = await reportContent(t.db, proposer, { commentId: comment.id }, "攻撃的な言い方です。");
    const here = `/review/reports/${report.id}`;
    await expectJapanese(here, moderator.cookie, "提案「新人研修を見直す」へのコメント");
    const long = "メ".repeat(2001);
    await expectRefusedInJapanese(server, here, { intent: "resolved", note: long }, moderator.cookie, "メモは 2000 文字以内にしてください。", long);
  });

  test("a submitted draft as its reviewer sees it; rejecting without a reason is refused in Japanese", async () => {
    const home = await org("編集部");
    const lead = await person(home.id, "大野真理", ["thought_leader"]);
    const moderator = await person(home.id, "西田亮", ["moderator"]);
    const module = await createPublishedModule(t.db, { authorId: lead.id, title: `対話の基本${counter}`, summary: "対話の基本を話し合うモジュールです。", language: "ja", doc: japaneseDoc() });
    const submission = await submitDraft(t.db, createDraftEditor(t.db), lead, module.id);
    const here = `/review/drafts/${submission.id}`;
    await expectJapanese(here, moderator.cookie, "承認して公開");
    await expectRefusedInJapanese(server, here, { intent: "reject", reason: "" }, moderator.cookie, "執筆者が納得できるよう、下書きを却下する理由を書いてください。", null);
    const long = "却".repeat(2001);
    await expectRefusedInJapanese(server, here, { intent: "request_changes", reason: long }, moderator.cookie, "理由は 2,000 文字以内にしてください。", long);
  });
});

describe("the audit log, a page that does not exist and signing out, in Japanese", () => {
  test("the audit log describes each event from the catalogue; a date it cannot read is said in Japanese", async () => {
    const home = await org("監査組合");
    const admin = await person(home.id, "岡田直子", ["org_admin", "moderator"]);
    await recordAudit(t.db, { actorId: admin.id, action: "group.member_banned", targetType: "group", targetId: crypto.randomUUID(), targetLabel: "設備保全の会", ownerOrgId: home.id, reason: "繰り返し規約に違反したため。" });
    await recordAudit(t.db, { actorId: admin.id, action: "report.dismissed", targetType: "report", targetId: crypto.randomUUID(), ownerOrgId: home.id });
    const p = await expectJapanese("/audit", admin.cookie, "グループからメンバーを外し、再参加を禁止しました");
    expect(p.text).toContain("報告を却下しました");
    await expectJapanese("/audit?from=24.11.2026", admin.cookie, "読み取れない日付があったため、条件から外しました。");
  });

  test("every kind of audit event has words in both languages", () => {
    for (const action of AUDIT_ACTIONS) {
      expect(messageIn("ja", `audit:actions.${action}`), action).toMatch(/^[^a-z]*[\u3040-\u30ff\u4e00-\u9faf]/);
      expect(messageIn("en", `audit:actions.${action}`), action).not.toMatch(/^audit:/);
    }
  });

  test("an unknown address is a Japanese 404, and signing out by a GET says in Japanese how to sign out", async () => {
    const home = await org("迷子商会");
    const someone = await person(home.id, "原田光", ["participant"]);
    await expectJapanese("/no-such-page-at-all", someone.cookie, "ページが見つかりません", [], 404);
    // Signing out is a resource route: its refusal of a GET is plain text, in the reader's language.
    const res = await server.request("/logout", { headers: { Cookie: someone.cookie } });
    expect(res.status).toBe(405);
    expect(await res.text()).toBe("ログアウトするには「ログアウト」ボタンを使ってください。");
  });
});

describe("the same pages in English", () => {
  test("keep their English", async () => {
    const home = await createOrg(t.db, { crossOrgConnections: true });
    const convener = await person(home.id, "Ann Lee", ["alumnus", "org_admin"], "en");
    const group = await createPeerGroup(t.db, { orgId: home.id, convenerIds: [convener.id], name: `Maintenance guild ${counter}` });
    expect((await page(`/groups/${group.id}/members`, convener.cookie)).text).toContain("Requests to join");
    expect((await page(`/groups/${group.id}/meetings`, convener.cookie)).text).toContain("Schedule a meeting");
    expect((await page(`/groups/${group.id}/discussion`, convener.cookie)).text).toContain("No posts yet. Start the first thread below.");
    const audit = await page("/audit", convener.cookie);
    expect(audit.lang).toBe("en");
    expect(audit.text).toContain("Every decision and change of state");
  });

  test("no page asked for a key that no catalogue has", () => {
    expect(missingKeys()).toEqual([]);
  });
});
