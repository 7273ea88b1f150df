// Stored XSS and other injection through what people write (issue 20's
// security review): hostile text in every free-text field of every form is
// shown as text on every page; module and note documents are rendered from
// their schema, never as the HTML they might carry; calendar files, email
// headers, CSV downloads and SVG charts keep hostile names inert.
import nodemailer from "nodemailer";
import { renderModule } from "../../app/domain/modules/render-module.server";
import { renderNotes } from "../../app/domain/open-space/render-notes.server";
import { densityChartSvg } from "../../app/domain/insights/density-chart.server";
import { tieMatrixCsv } from "../../app/domain/insights/arc-indicators";
import { toCsv } from "../../app/domain/insights/insights-tables";
import { eq } from "drizzle-orm";
import { reunions } from "../../db/schema";
import { createPublishedModule, moduleDoc, sessionCookieFor } from "../support/factories";
import { destructiveLast, formsOfPages, postFields, type FormVariant, type Visit } from "../support/page-forms";
import { buildPortalWorld, portalVisits, type PortalWorld } from "../support/portal-world";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
let w: PortalWorld;
let visits: Visit[];

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

/** Markup that would run if a page ever wrote it out as HTML; each carries its form's number. */
const payload = (n: number) => `x${n}"'><img src=x onerror=xss(${n})></textarea></script><script>xss(${n})</script><svg onload=xss(${n})>`;
const RAN = /<img src=x onerror=xss|<script>xss\(|<svg onload=xss/;

const TYPED = new Set(["text", "search", "textarea", "url"]);

test("hostile markup typed into every free-text field is shown as text on every page", { timeout: 400_000 }, async () => {
  const variants: FormVariant[] = destructiveLast(await formsOfPages(server, visits, (status, label) => expect(status, label).toBe(200))).filter((v) => !/everywhere|delete|leave|remove|cancel|withdraw/i.test(v.fields.find((f) => f.name === "intent")?.value ?? ""));
  let stored = 0;
  for (const [n, v] of variants.entries()) {
    if (!v.fields.some((f) => TYPED.has(f.kind))) continue;
    const fields = v.fields.map((f) => (TYPED.has(f.kind) ? { ...f, value: payload(n) } : f));
    const res = await postFields(server, v.action, fields, v.cookie);
    const html = await res.text();
    expect(res.status, `POST ${v.action}`).toBeLessThan(500);
    // A refused form shows the markup back: as text.
    expect(RAN.test(html), `POST ${v.action} (form on ${v.page}) answered with live markup`).toBe(false);
    if (res.status === 302 || res.status === 303) stored++;
  }
  expect(stored).toBeGreaterThan(30);
  const live: string[] = [];
  const pages = [
    ...visits,
    ...visits.filter((v) => v.cookie).map((v) => ({ ...v, path: "/" })),
    { who: "the alumna", cookie: visits.find((v) => v.who === "the alumna")!.cookie, path: `/reunions/${w.openSpace.id}/proceedings` },
    { who: "the alumna", cookie: visits.find((v) => v.who === "the alumna")!.cookie, path: "/proposals" },
    { who: "the alumna", cookie: visits.find((v) => v.who === "the alumna")!.cookie, path: "/groups" },
    { who: "the alumna", cookie: visits.find((v) => v.who === "the alumna")!.cookie, path: "/people" },
    { who: "the alumna", cookie: visits.find((v) => v.who === "the alumna")!.cookie, path: "/reunions" },
    { who: "a platform admin", cookie: visits.find((v) => v.who === "a platform admin")!.cookie, path: "/audit" },
  ];
  for (const page of pages) {
    const res = await server.request(page.path, { headers: page.cookie ? { Cookie: page.cookie } : {} });
    const html = await res.text();
    if (RAN.test(html)) live.push(`${page.path} as ${page.who}: …${html.slice(Math.max(0, html.search(RAN) - 80), html.search(RAN) + 60)}…`);
  }
  console.log(`stored-markup probe: hostile text stored through ${stored} forms, ${pages.length} pages read back`);
  expect(live).toEqual([]);
});

/** Attributes of the page's tags that would run script: on* handlers, and links or sources to javascript: or data:. */
function liveAttributes(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
    for (const [, name, raw] of tag.matchAll(/\s([\w:-]+)=("[^"]*"|'[^']*'|[^\s>]+)/g)) {
      const value = raw!.replace(/^["']|["']$/g, "").replace(/&#x?[0-9a-f]+;|&\w+;/gi, "").trim().toLowerCase();
      if (/^on/i.test(name!) || (/^(href|src|action|formaction|xlink:href)$/i.test(name!) && /^(javascript|data|vbscript):/.test(value))) found.push(tag);
    }
  }
  return found;
}

describe("documents are rendered from their schema", () => {
  const hostileModule = () => {
    const doc = moduleDoc({ intro: "<script>alert(1)</script><img src=x onerror=alert(1)>" }) as { content: { type: string; attrs?: Record<string, unknown>; content?: unknown[] }[] };
    const page = doc.content[1]!;
    page.attrs = { id: 'p1" onmouseover="alert(1)', onclick: "alert(1)", style: "background:url(javascript:alert(1))" };
    (page.content as { type: string; content?: unknown[] }[])[1]!.content = [
      {
        type: "paragraph",
        content: [
          { type: "text", text: "a link", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
          { type: "text", text: "data", marks: [{ type: "link", attrs: { href: "data:text/html,<script>alert(1)</script>" } }] },
          { type: "text", text: "bold", marks: [{ type: "bold", attrs: { onclick: "alert(1)" } }] },
        ],
      },
      { type: "html", attrs: { html: "<script>alert(1)</script>" } },
      { type: "iframe", attrs: { src: "https://evil.example" } },
    ];
    return doc;
  };

  test("a module document carrying markup, scripts in links and unknown nodes reaches readers as text, or is refused", async () => {
    let module: Awaited<ReturnType<typeof createPublishedModule>> | null = null;
    try {
      module = await createPublishedModule(t.db, { authorId: w.people.alumna.id, doc: hostileModule() });
    } catch {
      // Refused as outside the schema: nothing to render.
    }
    const cookie = await sessionCookieFor(t.db, w.people.colleague.id);
    const htmls: string[] = [];
    try {
      htmls.push(renderModule(hostileModule()).html);
    } catch {
      // Refused as outside the schema.
    }
    if (module) {
      for (const path of [`/modules/${module.slug}`, `/modules/${module.slug}/session?page=1`, `/modules/${module.slug}/history/1`]) {
        const res = await server.request(path, { headers: { Cookie: cookie } });
        expect(res.status, path).toBe(200);
        htmls.push(await res.text());
      }
    }
    for (const html of htmls) {
      expect(html).not.toMatch(/<script>alert|<img src=x|<iframe/);
      expect(liveAttributes(html)).toEqual([]);
    }
  });

  test("break-out notes carrying markup are rendered as text", () => {
    const html = renderNotes({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "<script>alert(1)</script>" }] },
        { type: "heading", attrs: { level: 2, onclick: "alert(1)" }, content: [{ type: "text", text: "<img src=x onerror=alert(1)>" }] },
      ],
    } as never);
    expect(html).not.toMatch(/<script>|<img/);
    expect(liveAttributes(html)).toEqual([]);
    expect(html).toContain("&lt;script&gt;");
  });
});

describe("other outputs keep hostile names inert", () => {
  test("a calendar file cannot be given extra lines or properties by a title or place", async () => {
    await t.db
      .update(reunions)
      .set({ title: "Dinner\r\nATTENDEE:mailto:evil@example.test\r\nEND:VEVENT", location: "Hall; Room 1, \\ floor\nURL:https://evil.example" })
      .where(eq(reunions.id, w.openSpace.id));
    const cookie = await sessionCookieFor(t.db, w.people.alumna.id);
    const res = await server.request(`/reunions/${w.openSpace.id}.ics`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const lines = (await res.text()).split("\r\n");
    expect(lines.filter((l) => /^ATTENDEE:mailto:evil|^URL:https:\/\/evil/.test(l))).toEqual([]);
    expect(lines.filter((l) => l === "END:VEVENT")).toHaveLength(1);
  });

  test("an email whose subject carries a line break gets no extra header", async () => {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
    const sent = await transport.sendMail({ from: "Roundtable <no-reply@example.test>", to: "someone@example.test", subject: "Dinner\r\nBcc: evil@example.test", text: "Hello" });
    const raw = (sent.message as Buffer).toString();
    expect(raw).not.toMatch(/^Bcc:/m);
  });

  test("a CSV download writes a name that looks like a formula as text", () => {
    const hostile = ["=HYPERLINK(\"https://evil.example\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "＝1+1"];
    const csv = toCsv({ title: "t", columns: ["Unit", "Value"], rows: hostile.map((name) => [name, 1]) });
    const units = hostile.map((name, i) => ({ id: String(i), name }));
    const cells = units.map(() => units.map(() => ({ shown: true as const, people: 5, value: 1 })));
    const ties = tieMatrixCsv({ units, before: cells, after: cells });
    for (const text of [csv, ties]) {
      // Every cell, quoted or not, starts with something other than a formula sign.
      const fields = text.split(/\r?\n/).flatMap((line) => line.split(",")).map((f) => f.replace(/^"/, ""));
      expect(fields.filter((f) => /^[=+\-@\t\r＝]/.test(f))).toEqual([]);
    }
  });

  test("an SVG chart writes a hostile unit name as escaped text", () => {
    const svg = densityChartSvg(["Jan", "Feb"], [{ name: "<script>alert(1)</script>&<b onmouseover=alert(1)>", values: [0.5, 0.6] }]);
    expect(svg).not.toMatch(/<script|<b onmouseover/);
    expect(svg).toContain("&lt;script&gt;");
  });
});
