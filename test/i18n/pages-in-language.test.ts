// Pages, emails and calendar files in the person's language, through the
// real server: the person's choice beats their organisation's default,
// which beats the browser; a page never shows a raw key; a language that
// does not exist is refused with a message and changes nothing.
import { eq } from "drizzle-orm";
import { missingTranslationKeys, RAW_KEY } from "../support/page-language";
import { organisations, outbox, users } from "../../db/schema";
import { requestPasswordReset } from "../../app/domain/accounts/password-reset.server";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { englishLeftovers, visibleText } from "../support/english-leftovers";
import { decodeEntities, mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { insertReunion, invitePeople } from "../calendar/reunion-rows";
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

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await server.request(path, { headers });
  const html = await res.text();
  return { status: res.status, html, lang: /<html lang="([^"]*)"/.exec(html)?.[1], text: visibleText(html) };
}


async function person(options: { language?: "en" | "ja" | null; orgLanguage?: "en" | "ja"; roles?: ("participant" | "org_admin" | "alumnus")[] } = {}) {
  const org = await createOrg(t.db, { defaultLanguage: options.orgLanguage ?? "en" });
  const user = await createUser(t.db, { orgId: org.id, roles: options.roles ?? ["participant"] });
  if (options.language !== undefined) await t.db.update(users).set({ language: options.language }).where(eq(users.id, user.id));
  return { org, user, cookie: await sessionCookieFor(t.db, user.id) };
}

describe("which language a page speaks", () => {
  test("a visitor's browser decides until someone signs in: Japanese for ja, English otherwise", async () => {
    const ja = await page("/login", { "Accept-Language": "ja-JP,ja;q=0.9,en;q=0.8" });
    expect(ja.lang).toBe("ja");
    expect(ja.text).toContain("Roundtable にログイン");
    const en = await page("/login", { "Accept-Language": "fr-CH, en;q=0.5" });
    expect(en.lang).toBe("en");
    expect(en.text).toContain("Sign in to Roundtable");
    expect((await page("/login")).lang).toBe("en");
  });

  test("the person's choice beats the organisation's default, which beats the browser", async () => {
    const chooses = await person({ language: "ja", orgLanguage: "en" });
    expect((await page("/profile", { Cookie: chooses.cookie, "Accept-Language": "en" })).lang).toBe("ja");
    const follows = await person({ language: null, orgLanguage: "ja" });
    expect((await page("/profile", { Cookie: follows.cookie, "Accept-Language": "en" })).lang).toBe("ja");
    const english = await person({ language: "en", orgLanguage: "ja" });
    expect((await page("/profile", { Cookie: english.cookie, "Accept-Language": "ja" })).lang).toBe("en");
  });
});

describe("the main pages in Japanese", () => {
  const anonymous: [string, string][] = [
    ["/", "マネージャーのためのピアラーニング"],
    ["/login", "パスワードをお忘れですか？"],
    ["/signup", "Roundtable のアカウントを作成"],
    ["/forgot-password", "再設定用のリンクを送信"],
    ["/reset-password/not-a-token", "このリンクは使用できなくなりました"],
  ];
  const signedIn: [string, string][] = [
    ["/", "ようこそ"],
    ["/profile", "Roundtable の表示言語"],
    ["/modules", "すべてのマインドセット"],
    ["/modules?mindset=bravery&q=信頼", "というマインドセットはないため"],
    ["/mindsets/collaboration", "関係をマネジメントする"],
    ["/people?mindset=bravery", "名前または専門分野"],
    ["/security", "すべての端末からログアウト"],
    ["/calendar", "カレンダーアドレスを発行する"],
    ["/proposals?sort=loudest", "支持の多い順に並べています"],
    ["/groups", "グループを探す"],
    ["/groups/new", "グループを立ち上げる"],
    ["/proposals/new", "提案を送信"],
    ["/reunions", "ミーティングと同窓会"],
    ["/mentoring", "メンターを依頼する"],
    ["/programme", "組織があなたをコホートに登録すると"],
    ["/notifications", "お知らせはまだありません。"],
    ["/notifications/settings", "1 日 1 回のまとめ"],
    ["/org/settings", "既定の言語"],
    ["/no-such-page", "ページが見つかりません"],
  ];

  test("each renders in Japanese, with the Japanese header, and no page shows or asks for a key no catalogue has", async () => {
    for (const [path, words] of anonymous) {
      const p = await page(path, { "Accept-Language": "ja" });
      expect(p.lang, path).toBe("ja");
      expect(p.text, path).toContain(words);
      expect(p.text, path).toContain("新規登録");
      expect(p.text.match(RAW_KEY)?.[0], path).toBeUndefined();
    }
    const { cookie, user, org } = await person({ language: "ja", roles: ["participant", "alumnus", "org_admin"] });
    // The test's own data: the person's and the organisation's generated names ("Org f3…" reads as two English words).
    const planted = [user.name, org.name];
    for (const [path, words] of signedIn) {
      const p = await page(path, { Cookie: cookie });
      expect(p.lang, path).toBe("ja");
      expect(p.text, path).toContain(words);
      expect(p.text, path).toContain("ログアウト");
      // React 18 padded a 2 KB chunk with zero bytes when a Japanese character did not fit (app/entry.server.tsx).
      expect(p.html.indexOf("\u0000"), path).toBe(-1);
      expect(p.text.match(RAW_KEY)?.[0], path).toBeUndefined();
      expect(englishLeftovers(p.text, planted), path).toEqual([]);
    }
    expect(missingKeys()).toEqual([]);
  });

  test("the same pages in English keep their English", async () => {
    const { cookie } = await person({ roles: ["participant", "alumnus", "org_admin"] });
    const home = await page("/", { Cookie: cookie, "Accept-Language": "ja" });
    expect(home.lang).toBe("en");
    expect(home.text).toContain("Welcome,");
    expect((await page("/modules", { Cookie: cookie })).text).toContain("All mindsets");
    expect(missingKeys()).toEqual([]);
  });
});

describe("choosing a language", () => {
  test("a person picks Japanese, then their organisation's language again; the page follows", async () => {
    const { user, cookie } = await person({ orgLanguage: "en" });
    const saved = await postForm(server, "/profile", { intent: "language", language: "ja" }, cookie);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/profile?saved=language#language");
    const after = await page("/profile?saved=language", { Cookie: cookie });
    expect(after.lang).toBe("ja");
    expect(after.text).toContain("言語を保存しました。");
    await postForm(server, "/profile", { intent: "language", language: "" }, cookie);
    expect((await t.db.select({ language: users.language }).from(users).where(eq(users.id, user.id)))[0]!.language).toBeNull();
    expect((await page("/profile", { Cookie: cookie })).lang).toBe("en");
  });

  test("a language that does not exist is refused with a message, keeps the page, and changes nothing", async () => {
    const { user, cookie } = await person({ language: "ja" });
    for (const language of ["klingon", "EN", "ja-JP", "<script>"]) {
      const refused = await postForm(server, "/profile", { intent: "language", language }, cookie);
      expect(refused.status, language).toBe(400);
      expect(mainText(await refused.text()), language).toContain("英語、日本語、または組織の言語を選んでください。");
    }
    expect((await t.db.select({ language: users.language }).from(users).where(eq(users.id, user.id)))[0]!.language).toBe("ja");

    const admin = await person({ roles: ["org_admin"] });
    const bad = await postForm(server, "/org/settings", { intent: "language", defaultLanguage: "fr" }, admin.cookie);
    expect(bad.status).toBe(400);
    expect(mainText(await bad.text())).toContain("Choose English or Japanese.");
    expect((await t.db.select().from(organisations).where(eq(organisations.id, admin.org.id)))[0]!.defaultLanguage).toBe("en");
  });

  test("an admin sets the organisation's language; members without their own choice follow it", async () => {
    const admin = await person({ roles: ["org_admin"] });
    const member = await createUser(t.db, { orgId: admin.org.id });
    const saved = await postForm(server, "/org/settings", { intent: "language", defaultLanguage: "ja" }, admin.cookie);
    expect(saved.status).toBe(302);
    expect((await page("/", { Cookie: await sessionCookieFor(t.db, member.id) })).lang).toBe("ja");
  });
});

describe("emails and calendar files in the reader's language", () => {
  test("a password reset email is written in the account's language", async () => {
    const { user } = await person({ orgLanguage: "ja" });
    await requestPasswordReset(t.db, server.services.config.publicOrigin, user.email);
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.to, user.email));
    expect(mail!.subject).toBe("Roundtable のパスワード再設定");
    expect(mail!.text).toContain(`${user.name} 様`);
  });

  test("a reunion's calendar file names its kind in the person's language", async () => {
    const { org, user, cookie } = await person({ language: "ja" });
    const reunion = await insertReunion(t.db, { orgId: org.id, organiserId: user.id, title: "Autumn evening" });
    await invitePeople(t.db, reunion.id, [user.id]);
    const ics = await (await server.request(`/reunions/${reunion.id}.ics`, { headers: { Cookie: cookie } })).text();
    expect(ics).toContain("SUMMARY:同窓会：Autumn evening");
    expect(ics).toContain("詳細と出欠の回答：");
  });
});
