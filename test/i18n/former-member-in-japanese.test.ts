// An erased account keeps its row behind shared work under a stored English
// name ("Former member"). Its colleagues read that work in their own
// language: through the real server, a Japanese reader sees 退会したメンバー
// wherever the erased person's work appears (the module they led and its
// history, their proposal and comments, the draft's comments, the reunion and
// the open-space session they organised, the mentoring pair, a notice that
// named them, the audit log as an admin and as a moderator), and never the
// English words; an English reader still sees "Former member". The helper
// that names them is checked on its own first.
import { eq } from "drizzle-orm";
import { comments, moduleSubmissions, organisations, reunionAudience, users } from "../../db/schema";
import { FORMER_MEMBER } from "../../db/former-member";
import { listAuditEvents } from "../../app/domain/audit/list-audit-events.server";
import { recordAudit } from "../../app/domain/audit/record-audit.server";
import { message } from "../../app/domain/i18n/message";
import { nestedMessage } from "../../app/domain/i18n/nested-message";
import { i18nFor, messageIn, nestedMessageIn } from "../../app/domain/i18n/translators";
import { notify } from "../../app/domain/notifications/notify.server";
import { isFormerMember, nameFormerMembers, personName } from "../../app/domain/people/person-name";
import { eraseDueAccounts, requestDeletion } from "../../app/domain/personal-data/account-deletions.server";
import { createDraftComment, createUser, moduleDoc, sessionCookieFor } from "../support/factories";
import { decodeEntities } from "../support/http-helpers";
import { getPage, RAW_KEY } from "../support/page-language";
import { plantPersonalData } from "../support/personal-data-factories";
import { worldsInBothLanguages, type Setting } from "../support/worlds-in-both-languages";

type Language = "ja" | "en";

const JAPANESE = "退会したメンバー";
const DAY = 86_400_000;

type World = Awaited<ReturnType<typeof plantWorld>>;

/**
 * The register's planted world (a person who built things with a colleague)
 * in an organisation reading `language`, plus what the pages need: the
 * colleague invited to the person's reunion, a draft comment of the person's
 * the colleague answered, a notice to the colleague that names the person,
 * a mentoring audit label naming both, an admin and a moderator. Erasure is
 * asked for here and run once both worlds are planted.
 */
async function plantWorld(language: Language) {
  const world = await plantPersonalData(fixture.t.db);
  const { org, person, colleague, module } = world;
  await fixture.t.db.update(organisations).set({ defaultLanguage: language }).where(eq(organisations.id, org.id));
  const reader = async (roles: Parameters<typeof createUser>[1]["roles"]) => {
    const user = await createUser(fixture.t.db, { orgId: org.id, roles });
    await fixture.t.db.update(users).set({ language }).where(eq(users.id, user.id));
    return { ...user, cookie: await sessionCookieFor(fixture.t.db, user.id) };
  };
  await fixture.t.db.update(users).set({ language }).where(eq(users.id, colleague.id));
  const colleagueCookie = await sessionCookieFor(fixture.t.db, colleague.id);
  const admin = await reader(["org_admin"]);
  const moderator = await reader(["moderator"]);

  await fixture.t.db.insert(reunionAudience).values({ reunionId: world.reunion.id, kind: "person", userId: colleague.id });
  const draftComment = await createDraftComment(fixture.t.db, { moduleId: module.id, authorId: person.id, body: "SHARED draft comment" });
  await fixture.t.db.insert(comments).values({ moduleId: module.id, pageId: draftComment.pageId, parentId: draftComment.id, authorId: colleague.id, body: "SHARED draft reply" });
  await notify(fixture.t.db, [colleague.id], { kind: "mentoring", title: message("notifications:texts.mentorAsked", { name: person.name }), link: "/mentoring" });
  await recordAudit(fixture.t.db, {
    actorId: colleague.id,
    action: "mentorship.started",
    targetType: "mentorship",
    targetId: world.pair.id,
    targetLabel: message("audit:labels.mentorship", { mentor: colleague.name, mentee: person.name }),
    ownerOrgId: org.id,
    details: { menteeId: person.id },
  });
  // The register's submission holds a placeholder document; the review page renders a real one.
  const [submission] = await fixture.t.db.update(moduleSubmissions).set({ candidateDoc: moduleDoc() }).where(eq(moduleSubmissions.moduleId, module.id)).returning({ id: moduleSubmissions.id });

  await requestDeletion(fixture.t.db, { id: person.id, orgId: person.orgId, roles: person.roles as never }, person.id);
  return { ...world, colleagueCookie, admin, moderator, submissionId: submission!.id };
}

const worlds: Partial<Record<"ja" | "en", World>> = {};
const fixture: Setting = worldsInBothLanguages(worlds, plantWorld, async () => {
  expect(await eraseDueAccounts(fixture.t.db, { now: new Date(Date.now() + 30 * DAY) })).toBe(2);
});

/** Every page where the erased person's shared work shows, with who reads it. */
function pagesOf(w: World): { what: string; path: string; cookie: string }[] {
  const slug = w.module.slug;
  const asColleague = (what: string, path: string) => ({ what, path, cookie: w.colleagueCookie });
  return [
    asColleague("the module they led", `/modules/${slug}`),
    asColleague("the module's history", `/modules/${slug}/history`),
    asColleague("the revision they wrote", `/modules/${slug}/history/1`),
    asColleague("the catalogue's cards and author filter", "/modules"),
    asColleague("the proposal they made", `/proposals/${w.sharedProposal.id}`),
    asColleague("the proposals list", "/proposals"),
    asColleague("their comment and the thread they resolved", `/proposals/${w.answeredComment.proposalId}`),
    asColleague("the draft's comments", `/modules/${slug}/comments`),
    asColleague("the reunion they organised", `/reunions/${w.reunion.id}`),
    asColleague("the open-space session they convened", `/reunions/${w.reunion.id}/open-space`),
    asColleague("the mentoring list", "/mentoring"),
    asColleague("the mentoring pair", `/mentoring/${w.pair.id}`),
    asColleague("a notice that named them", "/notifications"),
    { what: "the audit log, as an admin", path: "/audit", cookie: w.admin.cookie },
    { what: "the audit log, as a moderator", path: "/audit", cookie: w.moderator.cookie },
    { what: "the draft they submitted, as a moderator", path: `/review/drafts/${w.submissionId}`, cookie: w.moderator.cookie },
  ];
}

/** What a reader sees: the page's visible words, or the comments endpoint's JSON as sent. */
async function read(path: string, cookie: string) {
  if (path.endsWith("/comments")) {
    const res = await fixture.server.request(path, { headers: { Cookie: cookie } });
    return { status: res.status, lang: undefined, text: decodeEntities(await res.text()) };
  }
  return getPage(fixture.server, path, cookie);
}

describe("naming a former member", () => {
  const en = (key: string) => String(i18nFor("en").t(key));
  const ja = (key: string) => String(i18nFor("ja").t(key));

  test("a stored name of an erased account, or none, reads as a former member in the reader's language; anyone else keeps their name", () => {
    expect(personName(FORMER_MEMBER, ja)).toBe(JAPANESE);
    expect(personName(null, ja)).toBe(JAPANESE);
    expect(personName(undefined, en)).toBe("Former member");
    expect(personName("Colin Colleague", ja)).toBe("Colin Colleague");
    expect(isFormerMember(FORMER_MEMBER)).toBe(true);
    expect(isFormerMember("Former members' club")).toBe(false);
  });

  test("text written before the erasure names the former member in the reader's language", () => {
    expect(nameFormerMembers(`${FORMER_MEMBER} さんがあなたにメンターを依頼しています`, ja)).toBe(`${JAPANESE} さんがあなたにメンターを依頼しています`);
    expect(nameFormerMembers("Nobody was erased here", ja)).toBe("Nobody was erased here");
  });

  test("a stored message whose value is the erased account's name says a former member in the reader's language", () => {
    expect(messageIn("ja", message("notifications:texts.mentorAsked", { name: FORMER_MEMBER }))).toBe(`${JAPANESE} さんがあなたにメンターを依頼しています`);
    expect(messageIn("en", message("notifications:texts.mentorAsked", { name: FORMER_MEMBER }))).toBe("Former member asks you to be their mentor");
    expect(nestedMessageIn("ja", nestedMessage("audit:labels.mentorship", { mentor: "Colin", mentee: FORMER_MEMBER }))).toContain(JAPANESE);
    expect(nestedMessageIn("ja", nestedMessage("audit:labels.mentorship", { mentor: "Colin", mentee: FORMER_MEMBER }))).not.toContain(FORMER_MEMBER);
  });
});

describe("an erased colleague's shared work, read in Japanese", () => {
  test("every page where their work shows names them 退会したメンバー, never in English", async () => {
    const w = worlds.ja!;
    for (const { what, path, cookie } of pagesOf(w)) {
      const p = await read(path, cookie);
      expect(p.status, what).toBe(200);
      if (p.lang !== undefined) expect(p.lang, what).toBe("ja");
      expect(p.text, what).toContain(JAPANESE);
      expect(p.text, what).not.toMatch(/former member/i);
      expect(p.text.match(RAW_KEY)?.[0], what).toBeUndefined();
      expect(p.text, what).not.toContain(w.person.name);
    }
    expect(fixture.missingKeys()).toEqual([]);
  });

  test("the same pages still say Former member to an English reader", async () => {
    const w = worlds.en!;
    for (const { what, path, cookie } of pagesOf(w)) {
      const p = await read(path, cookie);
      expect(p.status, what).toBe(200);
      expect(p.text, what).toContain("Former member");
      expect(p.text, what).not.toContain(JAPANESE);
      expect(p.text, what).not.toContain(w.person.name);
    }
  });
});

describe("finding a former member in the audit log", () => {
  test("the person filter finds an erased account's entries by the words the page names them with, in either language", async () => {
    const w = worlds.ja!;
    const admin = { id: w.admin.id, orgId: w.admin.orgId, roles: w.admin.roles as never };
    const filters = { action: null, targetType: null, from: null, to: null, page: 1 };
    const byActor = async (actor: string) => (await listAuditEvents(fixture.t.db, admin, { ...filters, actor })).events;
    const everything = (await listAuditEvents(fixture.t.db, admin, { ...filters, actor: null })).events;
    const formerMembers = everything.filter((e) => e.actorName === FORMER_MEMBER);
    expect(formerMembers.length).toBeGreaterThan(0);
    for (const words of ["退会した", JAPANESE, "former member", "Former"]) {
      const found = await byActor(words);
      expect(found.map((e) => e.id).sort(), words).toEqual(expect.arrayContaining(formerMembers.map((e) => e.id)));
      expect(found.every((e) => e.actorName === FORMER_MEMBER || e.actorName.toLowerCase().includes(words.toLowerCase())), words).toBe(true);
    }
    // Someone else's name finds only their entries.
    expect((await byActor(w.colleague.name)).some((e) => e.actorName === FORMER_MEMBER)).toBe(false);
    // On the page too.
    const page = await getPage(fixture.server, `/audit?actor=${encodeURIComponent("退会した")}`, w.admin.cookie);
    expect(page.status).toBe(200);
    expect(page.main).toContain(JAPANESE);
  });
});
