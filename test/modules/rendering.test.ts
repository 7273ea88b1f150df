// Module documents are untrusted input: the renderer escapes text, keeps only
// safe links, drops what the schema does not know, and publishing refuses a
// document that breaks the module structure.
import { eq } from "drizzle-orm";
import { moduleRevisions, modules } from "../../db/schema";
import { ModuleDocumentError } from "../../app/domain/modules/module-document";
import { publishRevision } from "../../app/domain/modules/publish-revision.server";
import { renderModule } from "../../app/domain/modules/render-module.server";
import { createDraftModule, createOrg, createPublishedModule, createUser, moduleDoc, sessionCookieFor } from "../support/factories";
import { mainText } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

type Json = { type: string; text?: string; attrs?: Record<string, unknown>; marks?: unknown[]; content?: Json[] };
const text = (value: string, marks?: unknown[]): Json => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const link = (href: string) => ({ type: "link", attrs: { href } });

/** A valid two-page document whose introduction paragraph holds `inline`. */
function docWithIntro(inline: Json[]) {
  const doc = moduleDoc({ pages: 2 }) as unknown as Json;
  doc.content![0] = { type: "introduction", content: [{ type: "paragraph", content: inline }] };
  return doc;
}

/** The rendered introduction's inner HTML. */
function renderIntro(inline: Json[]) {
  const { html } = renderModule(docWithIntro(inline));
  return /<section[^>]*data-type="introduction"[^>]*>([\s\S]*?)<\/section>/.exec(html)![1]!;
}

describe("text", () => {
  test("HTML typed into the text is shown as text, escaped", () => {
    const html = renderIntro([text("Before <script>alert('x')</script> <img src=x onerror=alert(1)> after")]);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert('x')&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("links", () => {
  test.each([
    ["a javascript: link", "javascript:alert(document.cookie)"],
    ["a javascript: link in mixed case with spaces", "  JaVaScRiPt:alert(1)"],
    ["a vbscript: link", "vbscript:msgbox(1)"],
    ["a data: link", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
    ["a protocol-relative link", "//evil.example/steal"],
    ["a relative link", "/admin"],
    ["a link with no address", ""],
  ])("%s is dropped, and its text stays without a link", (_name, href) => {
    const html = renderIntro([text("Read "), text("this page", [link(href)]), text(" later.")]);
    expect(html).toBe("<p>Read this page later.</p>");
    const { json } = renderModule(docWithIntro([text("Read "), text("this page", [link(href)])]));
    expect(JSON.stringify(json)).not.toContain('"link"');
  });

  test("a link with a non-string address is dropped", () => {
    const html = renderIntro([text("this page", [{ type: "link", attrs: { href: { toString: "javascript:alert(1)" } } }])]);
    expect(html).toBe("<p>this page</p>");
  });

  test.each([
    ["https", "https://example.com/path?a=1&b=2", "https://example.com/path?a=1&amp;b=2"],
    ["http", "http://example.com/", "http://example.com/"],
    ["mailto", "mailto:someone@example.com", "mailto:someone@example.com"],
  ])("an %s link keeps its address and is marked noopener noreferrer nofollow", (_name, href, escaped) => {
    const html = renderIntro([text("Write to "), text("us", [link(href)])]);
    const anchor = /<a\b[^>]*>us<\/a>/.exec(html)?.[0];
    expect(anchor).toBeDefined();
    expect(anchor).toContain(`href="${escaped}"`);
    expect(anchor).toContain('rel="noopener noreferrer nofollow"');
    expect(anchor).not.toContain("target=");
  });

  test("attributes smuggled on a link are dropped; only the address is kept", () => {
    const html = renderIntro([
      text("us", [{ type: "link", attrs: { href: "https://example.com/", target: "_top", onclick: "alert(1)", class: "evil", rel: "opener", style: "color:red" } }]),
    ]);
    expect(html).toBe('<p><a rel="noopener noreferrer nofollow" href="https://example.com/">us</a></p>');
  });
});

describe("what the schema does not know", () => {
  test("unknown node types are removed with everything inside them", () => {
    const doc = docWithIntro([text("Kept text. "), { type: "iframe", attrs: { src: "https://evil.example/" } }, { type: "script", content: [text("alert('node')")] }]);
    // An unknown block between pages, and an unknown node inside a page's context.
    doc.content!.splice(2, 0, { type: "embed", attrs: { src: "https://evil.example/embed" }, content: [text("hidden embed text")] });
    const page = doc.content![1]!;
    page.content![1]!.content!.push({ type: "htmlBlock", attrs: { html: "<b>raw</b>" }, content: [text("hidden html block")] });

    const { html, json, plainText } = renderModule(doc);
    for (const gone of ["iframe", "script", "alert('node')", "embed", "hidden embed text", "htmlBlock", "hidden html block", "<b>"]) {
      expect(html, gone).not.toContain(gone);
      expect(JSON.stringify(json), gone).not.toContain(gone);
      expect(plainText, gone).not.toContain(gone);
    }
    expect(html).toContain("Kept text.");
    expect(html.match(/data-type="page"/g)).toHaveLength(2);
  });

  test("unknown marks are removed; known marks are kept", () => {
    const html = renderIntro([
      text("underlined", [{ type: "underline" }]),
      text(" styled", [{ type: "textStyle", attrs: { style: "background:url(javascript:alert(1))" } }]),
      text(" bold", [{ type: "bold" }, { type: "highlight", attrs: { color: "red" } }]),
      text(" italic", [{ type: "italic" }]),
    ]);
    expect(html).toBe("<p>underlined styled<strong> bold</strong><em> italic</em></p>");
  });

  test("attributes on known nodes are dropped, and a page id cannot break out of its attribute", () => {
    const doc = moduleDoc({ pages: 1 }) as unknown as Json;
    doc.content![0]!.content![0]!.attrs = { style: "display:none", onclick: "alert(1)" };
    doc.content![1]!.attrs = { id: '"><img src=x onerror=alert(1)>', onmouseover: "alert(2)" };
    const { html } = renderModule(doc);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("onclick");
    expect(html).not.toContain("onmouseover");
    expect(html).not.toContain("style=");
    expect(html).toContain('data-page-id="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });
});

describe("publishing a document that breaks the module structure", () => {
  const broken: [string, () => unknown][] = [
    [
      "a page without a question",
      () => {
        const doc = moduleDoc({ pages: 2 }) as unknown as Json;
        doc.content![1]!.content!.pop();
        return doc;
      },
    ],
    [
      "a page with two questions",
      () => {
        const doc = moduleDoc({ pages: 2 }) as unknown as Json;
        doc.content![1]!.content!.push({ type: "question", content: [text("A second question?")] });
        return doc;
      },
    ],
    [
      "no take-aways",
      () => {
        const doc = moduleDoc({ pages: 2 }) as unknown as Json;
        doc.content!.pop();
        return doc;
      },
    ],
    [
      "no pages",
      () => {
        const doc = moduleDoc({ pages: 1 }) as unknown as Json;
        doc.content!.splice(1, 1);
        return doc;
      },
    ],
    [
      "an introduction holding only unknown content",
      () => {
        const doc = moduleDoc({ pages: 1 }) as unknown as Json;
        doc.content![0] = { type: "introduction", content: [{ type: "iframe", attrs: { src: "https://evil.example/" } }] };
        return doc;
      },
    ],
    ["something that is not a document", () => ({ type: "paragraph", content: [text("hello")] })],
    ["nothing at all", () => null],
    ["a string", () => "<h1>Module</h1>"],
  ];

  test.each(broken)("%s is refused and nothing is written", async (_name, makeDoc) => {
    const org = await createOrg(t.db);
    const author = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
    const draft = await createDraftModule(t.db, { authorId: author.id });

    await expect(publishRevision(t.db, { moduleId: draft.id, doc: makeDoc(), authorId: author.id })).rejects.toBeInstanceOf(ModuleDocumentError);
    expect(await t.db.select().from(moduleRevisions).where(eq(moduleRevisions.moduleId, draft.id))).toEqual([]);
    const [after] = await t.db.select().from(modules).where(eq(modules.id, draft.id));
    expect(after).toMatchObject({ status: "draft", publishedRevisionId: null, publishedAt: null, pageCount: 0, searchVector: null });
  });

  test("a refused document leaves a published module on its current revision", async () => {
    const org = await createOrg(t.db);
    const author = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
    const module = await createPublishedModule(t.db, { authorId: author.id });
    const doc = moduleDoc({ pages: 2 }) as unknown as Json;
    doc.content!.pop();

    await expect(publishRevision(t.db, { moduleId: module.id, doc, authorId: author.id })).rejects.toThrow(ModuleDocumentError);
    const revisions = await t.db.select({ number: moduleRevisions.number }).from(moduleRevisions).where(eq(moduleRevisions.moduleId, module.id));
    expect(revisions).toEqual([{ number: 1 }]);
    const [after] = await t.db.select().from(modules).where(eq(modules.id, module.id));
    expect(after!.publishedRevisionId).toBe(module.revision.id);
  });
});

describe("the reader's pages", () => {
  test("the overview and the meeting pages carry none of the dangerous content", async () => {
    const org = await createOrg(t.db);
    const author = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
    const reader = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
    const doc = moduleDoc({
      pages: 2,
      question: (i) => `Question ${i} <img src=x onerror=alert(${i})>?`,
      context: (i) => `Context ${i} <script>alert('context ${i}')</script>`,
    }) as unknown as Json;
    doc.content![0] = {
      type: "introduction",
      content: [
        {
          type: "paragraph",
          content: [
            text("Intro <script>alert('intro')</script> "),
            text("bad link", [link("javascript:alert('link')")]),
            text(" data link", [link("data:text/html,<script>alert('data')</script>")]),
            text(" relative link", [link("//evil.example/x")]),
            text(" good link", [link("https://example.com/good")]),
            { type: "iframe", attrs: { src: "https://evil.example/frame" } },
          ],
        },
      ],
    };
    doc.content![3] = { type: "takeaways", content: [{ type: "takeawayPrompt", content: [text("Try <script>alert('takeaway')</script>", [{ type: "underline" }])] }] };
    const module = await createPublishedModule(t.db, { authorId: author.id, doc });
    const cookie = await sessionCookieFor(t.db, reader.id);

    for (const path of [`/modules/${module.slug}`, `/modules/${module.slug}/session?page=0`, `/modules/${module.slug}/session?page=1`, `/modules/${module.slug}/session?page=3`]) {
      const res = await server.request(path, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      for (const bad of ["<script>alert", "<img", "javascript:", "data:text/html", "//evil.example", "<iframe", "evil.example/frame", "<u>"]) {
        expect(html, `${path} ${bad}`).not.toContain(bad);
      }
      // What was typed is still there, as text.
      const visible = mainText(html);
      if (path.endsWith("page=3")) expect(visible).toContain("Try <script>alert('takeaway')</script>");
      else if (path.endsWith("page=1")) expect(visible).toContain("Context 1 <script>alert('context 1')</script>");
      else expect(visible).toContain("Intro <script>alert('intro')</script> bad link data link relative link good link");
    }
    const overview = await (await server.request(`/modules/${module.slug}`, { headers: { Cookie: cookie } })).text();
    expect(overview).toMatch(/<a rel="noopener noreferrer nofollow" href="https:\/\/example.com\/good">\s*good link<\/a>/);
    expect(mainText(overview)).toContain("Question 2 <img src=x onerror=alert(2)>?");
  });
});
