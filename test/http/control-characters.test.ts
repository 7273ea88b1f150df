// Control characters in what people send: a NUL (which PostgreSQL cannot
// store in text) or other invisible junk in any field of any form, in any
// query string or in an address is never a server error
// (docs/decisions/020-control-characters-in-input.md). The forms are found
// by reading the pages as the people who see them, so a new form is covered
// without being listed here.
import { and, eq } from "drizzle-orm";
import { comments } from "../../db/schema";
import { sessionCookieFor } from "../support/factories";
import { destructiveLast, formsOfPages, postFields, type Field, type FormVariant, type Visit } from "../support/page-forms";
import { buildPortalWorld, portalVisits, type PortalWorld } from "../support/portal-world";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
let visits: Visit[];
let w: PortalWorld;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db, { AUTH_RATE_LIMIT_PER_MINUTE: "100000" });
  w = await buildPortalWorld(t.db);
  visits = await portalVisits(t.db, w);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const withNul = (value: string) => (value ? `${value.slice(0, Math.ceil(value.length / 2))}\u0000${value.slice(Math.ceil(value.length / 2))}` : "\u0000");

const post = (path: string, fields: Field[], cookie?: string) => postFields(server, path, fields, cookie);

describe("a NUL in any field of any form", () => {
  test("never answers a server error, whichever field carries it", { timeout: 400_000 }, async () => {
    const variants: FormVariant[] = await formsOfPages(server, visits, (status, label) => expect(status, label).toBe(200));
    // The pages must really offer forms, or this test proves nothing.
    expect(variants.length).toBeGreaterThan(80);
    const ordered = destructiveLast(variants);
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
const QUERY_PARAMS = ["q", "mindset", "topic", "author", "page", "sort", "status", "org", "site", "department", "policy", "field", "kind", "age", "mine", "from", "to", "action", "target", "names", "module", "comment", "saved", "visibility", "redirectTo", "reset", "submitted", "reported", "allRead", "proposal", "session", "origin", "tag", "expertise", "level", "window", "cohort", "cycle"];

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
