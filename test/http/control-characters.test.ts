// Control characters in what people send: a NUL (which PostgreSQL cannot
// store in text) or other invisible junk in any field of any form, in any
// query string or in an address is never a server error
// (docs/decisions/020-control-characters-in-input.md). The forms are found
// by reading the pages as the people who see them, so a new form is covered
// without being listed here.
import { and, eq } from "drizzle-orm";
import {
  comments,
  groupJoinRequests,
  invitations,
  meetingNotes,
  mentorshipGoals,
  moduleAuthors,
  passwordResets,
  reunionAudience,
  reunions,
  reviewItems,
} from "../../db/schema";
import { generateSecretToken, hashSecretToken } from "../../app/domain/accounts/secret-token.server";
import { createProposal } from "../../app/domain/proposals/create-proposal.server";
import { reportContent } from "../../app/domain/reports/report-content.server";
import { submitDraft } from "../../app/domain/review/submit-draft.server";
import { createOffer, createPair, createRequest } from "../mentoring/mentoring-setting";
import { addRoomRow, addSessionRow, addSlotRow } from "../open-space/open-space-setting";
import { createDraftComment, createDraftEditor, createOrg, createPeerGroup, createPublishedModule, createUser, sessionCookieFor, uniqueWord } from "../support/factories";
import { decodeEntities, formBody } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
type Visit = { who: string; cookie?: string; path: string };
let visits: Visit[];
let w: Awaited<ReturnType<typeof buildWorld>>;

const HOUR = 3_600_000;
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Everyone and everything a form of the portal can be about, with the people who see each form. */
async function buildWorld(db: TestDatabase["db"]) {
  const orgA = await createOrg(db, { crossOrgConnections: true });
  const orgB = await createOrg(db, { crossOrgConnections: true });
  const alumna = await createUser(db, { orgId: orgA.id, roles: ["alumnus", "thought_leader", "facilitator"], name: `Alma ${uniqueWord()}` });
  const colleague = await createUser(db, { orgId: orgA.id, roles: ["alumnus"], name: `Colm ${uniqueWord()}` });
  const moderator = await createUser(db, { orgId: orgA.id, roles: ["moderator"] });
  const orgAdmin = await createUser(db, { orgId: orgA.id, roles: ["org_admin"] });
  const platformAdmin = await createUser(db, { orgId: orgA.id, roles: ["platform_admin"] });
  await createUser(db, { orgId: orgB.id, roles: ["alumnus"] });

  const module = await createPublishedModule(db, { authorId: alumna.id });
  await db.insert(moduleAuthors).values({ moduleId: module.id, userId: colleague.id, role: "coauthor" });
  const privateModule = await createPublishedModule(db, { authorId: alumna.id, ownerOrgId: orgA.id });
  const submission = await submitDraft(db, createDraftEditor(db), { id: alumna.id, orgId: orgA.id, roles: alumna.roles }, privateModule.id);
  const draftComment = await createDraftComment(db, { moduleId: module.id, authorId: colleague.id });
  const proposalId = await createProposal(db, { id: alumna.id, orgId: orgA.id, roles: alumna.roles }, {
    title: "Saying no upwards",
    challenge: "How do I decline a request from above without burning the relationship?",
    mindset: "collaboration",
    questions: ["When did you last say no upwards?"],
    suggestedMode: "open",
    visibility: "organisation",
  });
  const [proposalComment] = await db.insert(comments).values({ proposalId, authorId: colleague.id, body: "I have the same question." }).returning();
  const report = await reportContent(db, { id: colleague.id, orgId: orgA.id, roles: colleague.roles }, { commentId: draftComment.id }, "This is not about the module.");

  // A peer group the alumna convenes with her colleague in it, a monthly meeting, an action and a request to join.
  const group = await createPeerGroup(db, { orgId: orgA.id, convenerIds: [alumna.id], memberIds: [colleague.id], joinPolicy: "request", sizeCap: 12 });
  // 08:00 UTC five days from now, so an eight-hour open space ends the same day in Paris.
  const startsAt = new Date(`${daysAhead(5)}T08:00:00Z`);
  const [meeting] = await db
    .insert(reunions)
    .values({ orgId: orgA.id, organiserId: alumna.id, groupId: group.id, title: "Guild monthly", status: "scheduled", timeZone: "Europe/London", startsAt, endsAt: new Date(startsAt.getTime() + HOUR) })
    .returning();
  await db.insert(reunionAudience).values({ reunionId: meeting!.id, kind: "group", groupId: group.id });
  await db.insert(meetingNotes).values({ groupId: group.id, meetingId: meeting!.id, kind: "action", authorId: colleague.id, ownerId: colleague.id, text: "Try a no-meeting Friday." });
  const asker = await createUser(db, { orgId: orgA.id, roles: ["alumnus"] });
  await db.insert(groupJoinRequests).values({ groupId: group.id, userId: asker.id, kind: "request" });
  const pending = await createPeerGroup(db, { orgId: orgA.id, convenerIds: [colleague.id], status: "awaiting_approval", activatedAt: null });
  await db.insert(reviewItems).values({ kind: "group", groupId: pending.id, title: pending.name, ownerOrgId: orgA.id });

  // An open space the alumna organises, her colleague invited, with a room, a slot and a break-out.
  const [openSpace] = await db
    .insert(reunions)
    .values({ orgId: orgA.id, organiserId: alumna.id, title: "Lessons learned", format: "open_space", status: "scheduled", location: "The old mill", timeZone: "Europe/Paris", startsAt, endsAt: new Date(startsAt.getTime() + 8 * HOUR) })
    .returning();
  await db.insert(reunionAudience).values({ reunionId: openSpace!.id, kind: "person", userId: colleague.id });
  await addRoomRow(db, openSpace!.id, "Blue room", 12);
  await addSlotRow(db, openSpace!.id, new Date(startsAt.getTime() + HOUR));
  const breakOut = await addSessionRow(db, openSpace!.id, { convenerId: colleague.id, topic: "Hybrid meetings" });
  // A reunion polling for a date.
  const [poll] = await db
    .insert(reunions)
    .values({ orgId: orgA.id, organiserId: alumna.id, title: "Cohort dinner", status: "polling", timeZone: "Europe/London" })
    .returning();
  await db.insert(reunionAudience).values({ reunionId: poll!.id, kind: "person", userId: colleague.id });

  // The alumna mentors her colleague; the colleague also has an open request of her own.
  await createOffer(db, alumna);
  const mentoringRequest = await createRequest(db, colleague, { status: "matched" });
  const pair = await createPair(db, alumna, colleague, { requestId: mentoringRequest.id });
  await db.insert(mentorshipGoals).values({ mentorshipId: pair.id, text: "Delegate the weekly report.", createdBy: colleague.id });
  const openRequest = await createRequest(db, colleague);

  // Links from emails, for the sign-in pages.
  const resetToken = generateSecretToken();
  await db.insert(passwordResets).values({ tokenHash: hashSecretToken(resetToken), userId: colleague.id, expiresAt: new Date(Date.now() + HOUR) });
  const inviteToken = generateSecretToken();
  await db.insert(invitations).values({ orgId: orgA.id, email: `invited-${uniqueWord()}@example.test`, roles: ["participant"], tokenHash: hashSecretToken(inviteToken), expiresAt: new Date(Date.now() + HOUR) });

  return {
    orgA,
    people: { alumna, colleague, moderator, orgAdmin, platformAdmin },
    module,
    draftComment,
    submission,
    proposalId,
    proposalComment: proposalComment!,
    report,
    group,
    pending,
    meeting: meeting!,
    openSpace: openSpace!,
    breakOut,
    poll: poll!,
    pair,
    openRequest,
    resetToken,
    inviteToken,
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db, { AUTH_RATE_LIMIT_PER_MINUTE: "100000" });
  w = await buildWorld(t.db);
  const cookie = async (id: string) => sessionCookieFor(t.db, id);
  const { alumna, colleague, moderator, orgAdmin, platformAdmin } = w.people;
  const as = async (who: string, id: string | null, paths: string[]) => {
    const c = id ? await cookie(id) : undefined;
    return paths.map((path) => ({ who, cookie: c, path }));
  };
  visits = [
    ...(await as("anonymous", null, ["/login?redirectTo=%2Fmodules", "/signup", "/forgot-password", `/reset-password/${w.resetToken}`, `/invitations/${w.inviteToken}`])),
    ...(await as("the alumna", alumna.id, [
      "/",
      "/profile",
      "/profile/directory",
      "/profile/data",
      "/notifications",
      "/notifications/settings",
      "/calendar",
      `/modules/${w.module.slug}/edit`,
      `/modules/${w.module.slug}/session?page=7`,
      `/modules/${w.module.slug}/history/1`,
      `/reports/new?module=${w.module.slug}`,
      `/reports/new?comment=${w.proposalComment.id}`,
      "/proposals/new",
      `/proposals/${w.proposalId}`,
      "/groups/new",
      `/groups/${w.group.id}`,
      `/groups/${w.group.id}/members`,
      `/groups/${w.group.id}/meetings`,
      `/groups/${w.group.id}/meetings/${w.meeting.id}`,
      `/groups/${w.group.id}/discussion`,
      `/groups/${w.group.id}/settings`,
      "/mentoring",
      "/mentoring/offer",
      "/mentoring/requests/new",
      `/mentoring/${w.pair.id}`,
      "/reunions/new",
      `/reunions/${w.openSpace.id}`,
      `/reunions/${w.openSpace.id}/edit`,
      `/reunions/${w.openSpace.id}/open-space`,
      `/reunions/${w.openSpace.id}/attendance`,
      `/reunions/${w.openSpace.id}/proceedings`,
      `/reunions/${w.openSpace.id}/sessions/${w.breakOut.id}`,
      `/reunions/${w.poll.id}`,
      `/reunions/${w.meeting.id}/edit`,
      "/security",
    ])),
    ...(await as("her colleague", colleague.id, [
      `/proposals/${w.proposalId}`,
      `/reunions/${w.openSpace.id}`,
      `/reunions/${w.openSpace.id}/open-space`,
      `/reunions/${w.poll.id}`,
      `/mentoring/requests/${w.openRequest.id}`,
      `/mentoring/${w.pair.id}`,
      `/groups/${w.group.id}/meetings/${w.meeting.id}`,
      `/modules/${w.module.slug}/session`,
    ])),
    ...(await as("a moderator", moderator.id, ["/review", `/review/reports/${w.report.id}`, `/review/drafts/${w.submission.id}`, `/review/groups/${w.pending.id}`, `/proposals/${w.proposalId}`])),
    ...(await as("an organisation admin", orgAdmin.id, ["/org", "/org/invite", "/org/import", "/org/structure", "/org/settings", `/org/people/${colleague.id}`, `/org/people/${colleague.id}/delete`, "/org/programme", "/org/insights/data"])),
    ...(await as("a platform admin", platformAdmin.id, ["/admin", "/admin/modules", "/admin/outbox", "/admin/exports", "/audit"])),
  ];
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

// ---- Reading the forms of a page ------------------------------------------

type Field = { name: string; value: string; kind: string };
type FormVariant = { page: string; who: string; cookie?: string; action: string; fields: Field[] };

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s/>]|$)`, "i").exec(tag);
  return m ? decodeEntities(m[1] ?? "") : null;
};

/** A value a person could type into this field, so that the rest of the form passes and the NUL reaches the work. */
function plausible(kind: string, name: string, n: number) {
  if (kind === "email") return `fuzz-${n}-${uniqueWord()}@example.test`;
  if (/capacity|count|quorum|min|months|cap$|window|places/i.test(name)) return "3";
  if (kind === "password") return "a long enough password";
  if (kind === "number") return "3";
  if (kind === "date") return daysAhead(5);
  if (kind === "time") return /end/i.test(name) ? "16:00" : "14:00";
  if (kind === "datetime-local") return `${daysAhead(3)}T09:00`;
  if (kind === "url") return "https://meet.example.test/room";
  if (/emails$|^repeat/i.test(name)) return "";
  if (name === "csv") return `email,name\nfuzz-${n}-${uniqueWord()}@example.test,Fuzz Person`;
  if (kind === "textarea") return `Some words for ${name}, written by a manager.`;
  return `Words ${uniqueWord()}`;
}

/** Every way each POST form of the page can be sent: one per submit button. */
function formsOf(html: string, visit: Visit): FormVariant[] {
  const variants: FormVariant[] = [];
  let n = 0;
  for (const [, open, inner] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if ((attr(open!, "method") ?? "get").toLowerCase() !== "post") continue;
    const action = attr(open!, "action") || visit.path;
    if (action.startsWith("/logout")) continue;
    const fields: Field[] = [];
    const radios = new Set<string>();
    for (const [tag] of inner!.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(tag, "name");
      const kind = (attr(tag, "type") ?? "text").toLowerCase();
      if (!name || kind === "submit" || kind === "button" || kind === "file") continue;
      const value = attr(tag, "value");
      if (kind === "checkbox") {
        // Ticked as shown, and the first of a list nobody ticked yet (whom to invite, which mindsets).
        const ticked = attr(tag, "checked") !== null || (!fields.some((f) => f.name === name) && !inner!.includes(`name="${name}" checked`) && /Ids$|mindsets|topics|roles/.test(name));
        if (ticked) fields.push({ name, value: value ?? "on", kind });
      } else if (kind === "radio") {
        if (!radios.has(name) && (attr(tag, "checked") !== null || !inner!.includes(`name="${name}" checked`))) {
          radios.add(name);
          fields.push({ name, value: value ?? "on", kind });
        }
      } else {
        // Optional dates stay empty (a second poll option, a deadline); the first of each is filled.
        const fill = kind !== "hidden" && (attr(tag, "required") !== null || ["text", "search", "email", "url", "number"].includes(kind) || (["date", "time"].includes(kind) && !/^slot[2-9]|deadline|ends?On/i.test(name)));
        const filled = value || (fill ? plausible(kind, name, n++) : "");
        fields.push({ name, value: filled, kind });
      }
    }
    for (const [, open2, text] of inner!.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const name = attr(open2!, "name");
      if (name) fields.push({ name, value: decodeEntities(text!).trim() || plausible("textarea", name, n++), kind: "textarea" });
    }
    for (const [, open2, options] of inner!.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attr(open2!, "name");
      if (!name) continue;
      const all = [...options!.matchAll(/<option\b([^>]*)>/gi)].map(([, o]) => ({ value: attr(o!, "value") ?? "", selected: attr(o!, "selected") !== null }));
      const chosen = all.find((o) => o.selected && o.value !== "") ?? all.find((o) => o.value !== "") ?? all[0];
      if (chosen) fields.push({ name, value: chosen.value, kind: "select" });
    }
    const buttons = [...inner!.matchAll(/<button\b[^>]*>/gi)].map(([tag]) => tag).filter((tag) => (attr(tag, "type") ?? "submit") === "submit");
    const named = buttons.map((tag) => ({ name: attr(tag, "name"), value: attr(tag, "value") ?? "" })).filter((b): b is { name: string; value: string } => !!b.name);
    const base = { page: visit.path, who: visit.who, cookie: visit.cookie, action };
    if (named.length === 0) variants.push({ ...base, fields });
    for (const b of named) variants.push({ ...base, fields: [...fields, { name: b.name, value: b.value, kind: "button" }] });
  }
  return variants;
}

// Forms that end or take away what later forms are about go last.
const DESTRUCTIVE = /leave|cancel|end|remove|ban|delete|withdraw|decline|reject|archive|restore|hidden|dismiss|everywhere|reset|merge|approve|accept|role|pass|hand/i;
const isDestructive = (v: FormVariant) => v.fields.some((f) => (f.kind === "button" || f.kind === "hidden") && f.name === "intent" && DESTRUCTIVE.test(f.value));

const withNul = (value: string) => (value ? `${value.slice(0, Math.ceil(value.length / 2))}\u0000${value.slice(Math.ceil(value.length / 2))}` : "\u0000");

function post(path: string, fields: Field[], cookie?: string) {
  const body = formBody({});
  for (const f of fields) body.append(f.name, f.value);
  return server.request(path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.services.config.publicOrigin, ...(cookie ? { Cookie: cookie } : {}) },
    body,
  });
}

describe("a NUL in any field of any form", () => {
  test("never answers a server error, whichever field carries it", { timeout: 400_000 }, async () => {
    const variants: FormVariant[] = [];
    for (const visit of visits) {
      const res = await server.request(visit.path, { headers: visit.cookie ? { Cookie: visit.cookie } : {} });
      expect(res.status, `${visit.path} as ${visit.who}`).toBe(200);
      variants.push(...formsOf(await res.text(), visit));
    }
    // The pages must really offer forms, or this test proves nothing.
    expect(variants.length).toBeGreaterThan(80);
    const ordered = [...variants.filter((v) => !isDestructive(v)), ...variants.filter(isDestructive)];
    const failures: string[] = [];
    let posts = 0;
    for (const v of ordered) {
      for (let i = 0; i < v.fields.length; i++) {
        const field = v.fields[i]!;
        const fields = v.fields.map((f, j) => (j === i ? { ...f, value: withNul(f.value) } : f));
        const res = await post(v.action, fields, v.cookie);
        posts++;
        await res.arrayBuffer();
        if (res.status >= 500) failures.push(`${res.status} POST ${v.action} (form on ${v.page} as ${v.who}) with a NUL in “${field.name}”`);
      }
    }
    expect(posts).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  });

  test("the draft comments beside the editor, sent by fetch, take a NUL in any field", async () => {
    const cookie = await sessionCookieFor(t.db, w.people.colleague.id);
    const path = `/modules/${w.module.slug}/comments`;
    const fields = { intent: "comment", pageId: "p1", parentId: w.draftComment.id, body: "Agreed, page one is long." };
    for (const name of Object.keys(fields)) {
      const res = await post(path, Object.entries(fields).map(([k, v]) => ({ name: k, value: k === name ? withNul(v) : v, kind: "text" })), cookie);
      expect(res.status, `a NUL in ${name}`).toBeLessThan(500);
      expect(res.headers.get("content-type")).toContain("application/json");
    }
  });
});

describe("control characters in what is stored", () => {
  test("a comment keeps its words, line breaks and tabs, and loses the invisible junk", async () => {
    const cookie = await sessionCookieFor(t.db, w.people.colleague.id);
    const typed = "First\u0000 line\u0007\r\n\tsecond\u001b line\ufffe\u0085 done";
    const res = await post(`/proposals/${w.proposalId}`, [{ name: "intent", value: "comment", kind: "hidden" }, { name: "body", value: typed, kind: "textarea" }], cookie);
    expect(res.status).toBe(302);
    const [stored] = await t.db
      .select({ body: comments.body })
      .from(comments)
      .where(and(eq(comments.proposalId, w.proposalId), eq(comments.authorId, w.people.colleague.id)))
      .orderBy(comments.createdAt)
      .then((rows) => rows.slice(-1));
    expect(stored!.body).toBe("First line\n\tsecond line done");
  });

  test("a form refused for another reason shows the text back without the junk", async () => {
    const cookie = await sessionCookieFor(t.db, w.people.alumna.id);
    const res = await post("/proposals/new", [{ name: "title", value: "Saying\u0000 no", kind: "text" }], cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="Saying no"');
    expect(html).not.toContain("\u0000");
  });
});

// Every query parameter a page reads, and a few it does not.
const QUERY_PARAMS = ["q", "mindset", "topic", "author", "page", "sort", "status", "org", "site", "department", "policy", "field", "kind", "age", "mine", "from", "to", "action", "target", "names", "module", "comment", "saved", "visibility", "redirectTo", "reset", "submitted", "reported", "allRead", "proposal", "session", "origin", "tag", "expertise", "level", "window"];

describe("a NUL in a query string", () => {
  const SEARCH_PAGES = () => [
    "/modules",
    "/people",
    "/groups",
    "/proposals",
    "/notifications",
    "/mentoring",
    `/modules/${w.module.slug}/session`,
    `/modules/${w.module.slug}/compare`,
    `/reports/new?module=${w.module.slug}`,
    "/proposals/new",
    "/mindsets/reflection",
  ];

  test("GET /modules?q=%00, /people?q=a%00 and /groups?q=%00 answer the page", async () => {
    const cookie = await sessionCookieFor(t.db, w.people.alumna.id);
    for (const path of ["/modules?q=%00", "/people?q=a%00", "/groups?q=%00", "/proposals?q=%00"]) {
      const res = await server.request(path, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(200);
      expect(await res.text()).not.toContain("\u0000");
    }
  });

  test("no search page answers a server error, whichever parameter carries it", { timeout: 300_000 }, async () => {
    const { alumna, moderator, orgAdmin, platformAdmin } = w.people;
    const pages: [string, string | null][] = [
      ...SEARCH_PAGES().map((page) => [page, alumna.id] as [string, string]),
      ["/org/insights", orgAdmin.id],
      ["/review", moderator.id],
      ["/audit", moderator.id],
      ["/admin/outbox", platformAdmin.id],
      ["/login", null],
    ];
    const failures: string[] = [];
    for (const [page, id] of pages) {
      const headers: Record<string, string> = id ? { Cookie: await sessionCookieFor(t.db, id) } : {};
      for (const param of QUERY_PARAMS) {
        const url = `${page}${page.includes("?") ? "&" : "?"}${param}=a%00b%01%1F%7F%EF%BF%BE`;
        const res = await server.request(url, { headers });
        await res.arrayBuffer();
        if (res.status >= 500) failures.push(`${res.status} GET ${url}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test("no page answers a server error with every parameter carrying one", async () => {
    const all = QUERY_PARAMS.map((p) => `${p}=a%00`).join("&");
    const failures: string[] = [];
    for (const visit of visits) {
      const url = `${visit.path}${visit.path.includes("?") ? "&" : "?"}${all}`;
      const res = await server.request(url, { headers: visit.cookie ? { Cookie: visit.cookie } : {} });
      await res.arrayBuffer();
      if (res.status >= 500) failures.push(`${res.status} GET ${url} as ${visit.who}`);
    }
    expect(failures).toEqual([]);
  });
});

describe("a NUL in an address", () => {
  test("every kind of address with a NUL where an id or name goes is not a server error", async () => {
    const cookie = await sessionCookieFor(t.db, w.people.platformAdmin.id);
    const paths = [
      "/modules/%00",
      "/modules/a%00b/edit",
      "/modules/a%00b/comments",
      `/modules/${w.module.slug}/history/%00`,
      "/mindsets/%00",
      "/people/%00",
      "/groups/%00",
      "/groups/%00/members",
      `/groups/${w.group.id}/meetings/%00`,
      "/reunions/%00",
      "/reunions/%00.ics",
      `/reunions/${w.openSpace.id}/sessions/%00`,
      "/calendar/%00.ics",
      "/reset-password/%00",
      "/invitations/%00",
      "/proposals/%00",
      "/review/drafts/%00",
      "/review/reports/%00",
      "/review/groups/%00",
      "/org/people/%00",
      "/mentoring/%00",
      "/mentoring/requests/%00",
      "/%00",
    ];
    for (const path of paths) {
      const res = await server.request(path, { headers: { Cookie: cookie } });
      await res.arrayBuffer();
      expect(res.status, path).toBeLessThan(500);
    }
    // And posting to one.
    const res = await post("/proposals/%00", [{ name: "intent", value: "support", kind: "hidden" }], cookie);
    expect(res.status).toBeLessThan(500);
  });
});
