// Every form of the portal, fuzzed as the people who may post it: random,
// overlong, wrong-type and unicode-edge values (issue 20, "Bad input").
// The forms are read from the pages (test/support/portal-world.ts), so a new
// form is fuzzed without being listed; a route with an action that no page
// of the world offers fails the test. The seed is fixed (FUZZ_SEED overrides
// it) so a failure reproduces; the failure names the seed, form and case.
//
// Asserted for every post:
// - never a 5xx;
// - a refusal (4xx) changes no row of any table (a fingerprint of every table
//   before and after);
// - a 400 page refusing what a person typed shows the typed text back;
// and at the end, no stored text holds a character that cleanText drops
// (NUL, other C0/C1 controls, noncharacters, half a surrogate pair).
//
// Cost: CASES_PER_FORM cases for each form variant; the counts and times
// measured are in docs/security.md.
import { sql } from "drizzle-orm";
import { changedTables, fingerprint as fingerprintOf, rowsOf, tableNames, type Fingerprint } from "../support/table-fingerprint";
import { cleanText } from "../../app/domain/clean-text";
import { sessionCookieFor } from "../support/factories";
import { decodeEntities } from "../support/http-helpers";
import { destructiveLast, formsOfPages, type Field, type FormVariant, type Visit } from "../support/page-forms";
import { buildPortalWorld, portalVisits, type PortalWorld } from "../support/portal-world";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { loadBuild, startTestServer, type TestServer } from "../support/test-server";

const SEED = Number(process.env.FUZZ_SEED ?? 20_2020);
/** Cases per form variant (FUZZ_CASES overrides): 4 × ~165 variants ≈ 660 inputs, sized for issue 20's ~60 s on PGlite (docs/security.md). */
const CASES_PER_FORM = Number(process.env.FUZZ_CASES ?? 4);

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

// ---- Random values -----------------------------------------------------------

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const UNICODE_EDGES = [
  "a\u0000b", // NUL
  "\uD83D", // a high surrogate alone
  "x\uDC00y", // a low surrogate alone
  "\u202Egnp.exe\u202C", // right-to-left override
  "\u200Fמנהל\u200E", // RTL and LTR marks around Hebrew
  "👩‍👩‍👧‍👦", // a family joined by zero-width joiners
  "a\u200Db\u200Cc", // zero-width joiner and non-joiner
  "🇯🇵👍🏽🏳️‍🌈", // flags, a skin tone, a ZWJ flag
  `Z${"\u0336\u0334\u0337\u0301".repeat(40)}`, // a pile of combining marks
  "\uFEFFByte order mark",
  "line\u2028separator\u2029paragraph",
  "e\u0301 vs é", // decomposed and composed
  "\u0007\u001b[31mred\u001b[0m\u0085\u009c", // terminal escapes and C1 controls
  "\uFFFE\uFFFF",
];
const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR '1'='1' --", "=HYPERLINK(\"http://evil.example\")", "../../../etc/passwd", "javascript:alert(1)", "{{7*7}}${7*7}"];
const WRONG_TYPES = ["", " ", "-1", "0", "1e309", "NaN", "99999999999999999999", "3.5", "0x10", "2024-02-30", "9999-12-31", "25:61", "null", "undefined", "true", "[object Object]", "__proto__", "00000000-0000-0000-0000-000000000000", "not-a-uuid"];
const OVERLONG = () => "x".repeat(10_000);

const TYPED = new Set(["text", "search", "email", "url", "textarea", "number", "date", "time", "datetime-local", "tel"]);
const isTyped = (f: Field) => TYPED.has(f.kind);

type Case = { label: string; fields: Field[]; onlyTyped: boolean };

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** One fuzz case for a form: a strategy chosen by the case number, its details by the random stream. */
function makeCase(rand: () => number, v: FormVariant, k: number): Case {
  const fields = v.fields.map((f) => ({ ...f }));
  const typed = fields.filter(isTyped);
  const anyField = () => pick(rand, fields);
  const typedOrAny = () => (typed.length ? pick(rand, typed) : anyField());
  const strategy = (k + Math.floor(rand() * 2)) % 8;
  if (fields.length === 0) return { label: "an empty form with an unknown field", fields: [{ name: "x", value: pick(rand, HOSTILE), kind: "text" }], onlyTyped: false };
  switch (strategy) {
    case 0: {
      const f = typedOrAny();
      f.value = pick(rand, [...UNICODE_EDGES, ...HOSTILE]);
      return { label: `“${f.name}” = ${JSON.stringify(f.value)}`, fields, onlyTyped: isTyped(f) };
    }
    case 1: {
      for (const f of typed) f.value = pick(rand, rand() < 0.5 ? UNICODE_EDGES : HOSTILE);
      return { label: `every typed field an edge value (${typed.map((f) => `${f.name}=${JSON.stringify(f.value)}`).join(", ")})`, fields, onlyTyped: typed.length > 0 };
    }
    case 2: {
      const i = Math.floor(rand() * fields.length);
      const [gone] = fields.splice(i, 1);
      return { label: `“${gone!.name}” missing`, fields, onlyTyped: false };
    }
    case 3: {
      const f = anyField();
      fields.push({ ...f, value: pick(rand, [...WRONG_TYPES, ...UNICODE_EDGES]) });
      return { label: `“${f.name}” sent twice (an array for a scalar)`, fields, onlyTyped: false };
    }
    case 4: {
      const f = typedOrAny();
      f.value = rand() < 0.5 ? OVERLONG() : "あ".repeat(10_000);
      return { label: `“${f.name}” of 10,000 characters`, fields, onlyTyped: isTyped(f) };
    }
    case 5: {
      const changed = fields.filter((f) => f.kind !== "button" && f.name !== "intent" && (f.kind !== "text" || rand() < 0.3));
      for (const f of changed) f.value = pick(rand, WRONG_TYPES);
      return { label: `wrong types (${changed.map((f) => `${f.name}=${JSON.stringify(f.value)}`).join(", ")})`, fields, onlyTyped: false };
    }
    case 6: {
      const f = typedOrAny();
      f.value = `${f.value}${pick(rand, UNICODE_EDGES)}${pick(rand, UNICODE_EDGES)}`;
      return { label: `“${f.name}” with unicode edges appended: ${JSON.stringify(f.value)}`, fields, onlyTyped: isTyped(f) };
    }
    default: {
      const extra: Field[] = [
        { name: "orgId", value: w.orgB.id, kind: "hidden" },
        { name: "userId", value: w.people.outsider.id, kind: "hidden" },
        { name: "roles", value: "platform_admin", kind: "hidden" },
        { name: "__proto__", value: "polluted", kind: "hidden" },
        { name: "intent", value: pick(rand, ["", "nothing", "delete", "__proto__"]), kind: "hidden" },
      ];
      const added = extra.filter(() => rand() < 0.6);
      return { label: `extra fields ${added.map((f) => `${f.name}=${f.value}`).join(", ")}`, fields: [...fields, ...added], onlyTyped: false };
    }
  }
}

/**
 * A urlencoded body as a broken client would send it: half a surrogate pair
 * goes out as its (invalid) UTF-8 bytes, which encodeURIComponent refuses.
 */
function encodeField(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(value[i]!);
    }
  }
  return out;
}
const encodeBody = (fields: Field[]) => fields.map((f) => `${encodeField(f.name)}=${encodeField(f.value)}`).join("&");

// ---- The database's state ----------------------------------------------------

// Written on purpose by a refused sign-in (the failed-attempt counter).
const CHANGES_ON_REFUSAL = new Set(["login_throttle"]);
let tables: string[] = [];

async function fingerprint(): Promise<Fingerprint> {
  if (!tables.length) tables = (await tableNames(t.db)).filter((n) => !CHANGES_ON_REFUSAL.has(n));
  return fingerprintOf(t.db, tables);
}

// What cleanText drops, as it may appear in a row's text (jsonb writes controls as \u escapes).
const INVALID_RAW = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const INVALID_ESCAPED = /\\u00(?:0[1-8bcef]|1[0-9a-f]|7f|[89][0-9a-f])|\\ud[89a-f][0-9a-f]{2}|\\uff(?:fe|ff)/i;

// ---- The run -------------------------------------------------------------------

/**
 * The page shows what the person typed: each typed field's text, as the
 * server read it and cleaned it, wherever the page still offers that field
 * (an invitation used up meanwhile shows no form at all).
 */
function keptMissing(html: string, sent: Field[]): string[] {
  const page = decodeEntities(html);
  const seen = new URLSearchParams(encodeBody(sent));
  return sent
    .filter((f) => isTyped(f) && html.includes(`name="${f.name}"`))
    .map((f) => ({ name: f.name, kept: cleanText(seen.getAll(f.name).join("\n")) }))
    .filter(({ kept }) => kept.trim() !== "" && !kept.includes("\r") && !page.includes(kept))
    .map(({ name }) => name);
}

const routeOf = (path: string) => path.split("?")[0]!.split("#")[0]!;

test("every form of the portal, fuzzed as each person who may post it", { timeout: 900_000 }, async () => {
  const started = Date.now();
  const variants = destructiveLast([...(await formsOfPages(server, visits, (status, label) => expect(status, label).toBe(200))), ...(await scriptedForms())]);
  const rand = random(SEED);
  const failures: string[] = [];
  const perForm = new Map<string, number>();
  let total = 0;
  let before = await fingerprint();
  let fpMs = 0;
  const slowest: { ms: number; what: string }[] = [];
  for (const v of variants) {
    const form = `${routeOf(v.action)} [${v.fields.find((f) => f.name === "intent")?.value ?? "-"}] as ${v.who}`;
    for (let k = 0; k < CASES_PER_FORM; k++) {
      const c = makeCase(rand, v, k);
      const postStart = Date.now();
      const res = await server.request(v.action, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.services.config.publicOrigin, ...(v.cookie ? { Cookie: v.cookie } : {}) },
        body: encodeBody(c.fields),
      });
      const html = await res.text();
      slowest.push({ ms: Date.now() - postStart, what: `${res.status} POST ${v.action} case ${k}: ${c.label.slice(0, 120)}` });
      total++;
      perForm.set(form, (perForm.get(form) ?? 0) + 1);
      const fpStart = Date.now();
      const after = await fingerprint();
      fpMs += Date.now() - fpStart;
      const where = `POST ${v.action} (form on ${v.page} as ${v.who}), case ${k} of seed ${SEED}: ${c.label.slice(0, 300)}`;
      if (res.status >= 500) failures.push(`${res.status} ${where}`);
      if (res.status >= 400) {
        const changed = changedTables(before, after);
        if (changed.length) failures.push(`refused with ${res.status} but changed ${changed.join(", ")}: ${where}`);
      }
      if (res.status === 400 && c.onlyTyped && (res.headers.get("content-type") ?? "").includes("text/html")) {
        const missing = keptMissing(html, c.fields);
        if (missing.length) failures.push(`400 without what was typed in ${missing.join(", ")}: ${where}`);
      }
      before = after;
    }
  }

  // Stored text is never invalid, whatever was sent.
  for (const name of tables) {
    const rows = await rowsOf<{ row: string }>(t.db.execute(sql.raw(`select x::text as row from "${name}" x`)));
    for (const { row } of rows) {
      if (INVALID_RAW.test(row) || INVALID_ESCAPED.test(row)) failures.push(`${name} holds text cleanText would drop: ${JSON.stringify(row.slice(0, 200))}`);
    }
  }

  // Every route with an action was reached by some form of the world's pages.
  const build = await loadBuild();
  const withAction = Object.values(build.routes).filter((r) => r.module.action).map((r) => r.id);
  const reached = new Set(variants.map((v) => matchRoute(build, routeOf(v.action))));
  const unreached = withAction.filter((id) => !reached.has(id) && !NOT_A_PAGE_FORM.has(id));

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    [`form fuzz, seed ${SEED}, ${CASES_PER_FORM} cases per form variant: ${total} inputs to ${perForm.size} forms (${variants.length} variants, ${reached.size} routes) in ${seconds} s (${(fpMs / 1000).toFixed(1)} s of it reading the tables)`, ...[...perForm].map(([form, n]) => `  ${n}\t${form}`), "slowest posts:", ...slowest.sort((a, b) => b.ms - a.ms).slice(0, 8).map((s) => `  ${s.ms} ms\t${s.what}`)].join("\n"),
  );
  expect(variants.length).toBeGreaterThan(120);
  expect({ failures, unreached }, "failures, and routes with an action that no page of the world offers").toEqual({ failures: [], unreached: [] });
});

/** Actions that no page offers as a form and the fuzzer leaves alone. */
const NOT_A_PAGE_FORM = new Map([["routes/logout", "signing out takes no fields: test/accounts/auth-http.test.ts"]]);

/** What the pages' scripts post (fetch, drag and drop), as the forms they would be. */
async function scriptedForms(): Promise<FormVariant[]> {
  const { orgAdmin, colleague, participant } = w.people;
  const admin = await sessionCookieFor(t.db, orgAdmin.id);
  const coauthor = await sessionCookieFor(t.db, colleague.id);
  const plan = `/org/cohorts/${w.cohort.id}/formation/${w.formationPlan.id}`;
  const field = (name: string, value: string, kind = "hidden"): Field => ({ name, value, kind });
  const scripted = (who: string, cookie: string, action: string, fields: Field[]): FormVariant => ({ page: `${action} (script)`, who, cookie, action, fields });
  return [
    scripted("an organisation admin", admin, plan, [field("intent", "move"), field("userId", participant.id), field("toGroup", "0", "number")]),
    scripted("an organisation admin", admin, plan, [field("intent", "swap"), field("userId", participant.id), field("otherId", participant.id)]),
    scripted("an organisation admin", admin, plan, [field("intent", "pin"), field("userId", participant.id), field("pinned", "on", "checkbox")]),
    scripted("her colleague", coauthor, `/modules/${w.module.slug}/comments`, [field("intent", "comment"), field("pageId", "p1"), field("body", "Page one is long.", "textarea")]),
    scripted("her colleague", coauthor, `/modules/${w.module.slug}/comments`, [field("intent", "comment"), field("pageId", "p1"), field("parentId", w.draftComment.id), field("body", "Agreed.", "textarea")]),
  ];
}

function matchRoute(build: Awaited<ReturnType<typeof loadBuild>>, path: string): string | null {
  // The most specific route whose pattern matches: static segments before dynamic ones.
  let best: { id: string; score: number } | null = null;
  for (const route of Object.values(build.routes)) {
    if (!route.module.action) continue;
    const pattern = fullPath(build, route.id);
    const re = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\$|:[A-Za-z]+/g, "[^/]+")}/?$`);
    if (!re.test(path)) continue;
    const score = pattern.split("/").filter((s) => s && !s.startsWith(":")).length;
    if (!best || score > best.score) best = { id: route.id, score };
  }
  return best?.id ?? null;
}

function fullPath(build: Awaited<ReturnType<typeof loadBuild>>, id: string): string {
  const route = build.routes[id]!;
  const own = route.path ?? "";
  const parent = route.parentId && route.parentId !== "root" ? fullPath(build, route.parentId) : "";
  return `${parent}/${own}`.replace(/\/+/g, "/").replace(/\/$/, "") || "/";
}
