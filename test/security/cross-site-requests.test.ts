// CSRF (issue 20's security review): every form of the portal, and what the
// pages' scripts post, sent from another site in each way a browser or a
// forger could send it, is refused with 403 and changes nothing; a GET with a
// form's fields changes nothing either; the collaboration server's websocket
// upgrade refuses every Origin but the portal's own (docs/decisions/004-csrf-by-fetch-metadata.md).
import { sessionCookieFor } from "../support/factories";
import { upgradeStatus } from "../support/collab-client";
import { draftDocumentName } from "../../app/domain/modules/module-draft.server";
import { formsOfPages, postFields, type FormVariant, type Visit } from "../support/page-forms";
import { buildPortalWorld, portalVisits, type PortalWorld } from "../support/portal-world";
import { changedTables, fingerprint, tableNames } from "../support/table-fingerprint";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
let visits: Visit[];
let w: PortalWorld;
let variants: FormVariant[];

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db, { AUTH_RATE_LIMIT_PER_MINUTE: "100000" });
  w = await buildPortalWorld(t.db);
  visits = await portalVisits(t.db, w);
  variants = await formsOfPages(server, visits, (status, label) => expect(status, label).toBe(200));
  const admin = await sessionCookieFor(t.db, w.people.orgAdmin.id);
  const coauthor = await sessionCookieFor(t.db, w.people.colleague.id);
  const scripted = (who: string, cookie: string, action: string, fields: Record<string, string>): FormVariant => ({
    page: "(script)",
    who,
    cookie,
    action,
    fields: Object.entries(fields).map(([name, value]) => ({ name, value, kind: "hidden" })),
  });
  variants.push(
    scripted("her colleague", coauthor, `/modules/${w.module.slug}/comments`, { intent: "comment", pageId: "p1", body: "Sent from elsewhere." }),
    scripted("an organisation admin", admin, `/org/cohorts/${w.cohort.id}/formation/${w.formationPlan.id}`, { intent: "move", userId: w.people.participant.id, toGroup: "0" }),
    scripted("the alumna", await sessionCookieFor(t.db, w.people.alumna.id), "/logout", { intent: "everywhere" }),
  );
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

/** The ways a write can arrive from elsewhere; each form is sent in each of them in turn. */
const FOREIGN: [string, (origin: string) => Record<string, string>][] = [
  ["Origin of another site", () => ({ Origin: "https://evil.example" })],
  ["no Origin and no fetch metadata", () => ({})],
  ["Sec-Fetch-Site: cross-site", () => ({ "Sec-Fetch-Site": "cross-site" })],
  ["Sec-Fetch-Site: same-site (a sibling subdomain)", () => ({ "Sec-Fetch-Site": "same-site" })],
  ["Origin: null (a sandboxed frame or a data: page)", () => ({ Origin: "null" })],
  ["our host on another port", (origin) => ({ Origin: origin.replace(/:\d+$/, ":1") })],
  ["our host over https instead of http", (origin) => ({ Origin: origin.replace(/^http:/, "https:") })],
  ["our origin with a trailing slash", (origin) => ({ Origin: `${origin}/` })],
  ["our origin as a prefix of another host", (origin) => ({ Origin: `${origin}.evil.example` })],
  ["a Referer of ours but no Origin", (origin) => ({ Referer: `${origin}/` })],
];

test("every form, sent from another site, is refused with 403 and changes nothing", { timeout: 120_000 }, async () => {
  const tables = await tableNames(t.db);
  const before = await fingerprint(t.db, tables);
  const wrong: string[] = [];
  let sent = 0;
  for (const v of variants) {
    for (const [label, headers] of FOREIGN) {
      const res = await postFields(server, v.action, v.fields, v.cookie, { Origin: "", ...headers(server.services.config.publicOrigin) });
      await res.arrayBuffer();
      sent++;
      if (res.status !== 403) wrong.push(`${res.status} for POST ${v.action} (form on ${v.page} as ${v.who}) with ${label}`);
    }
  }
  const changed = changedTables(before, await fingerprint(t.db, tables));
  console.log(`cross-site probe: ${sent} forged posts to ${variants.length} forms`);
  expect(variants.length).toBeGreaterThan(120);
  expect(wrong).toEqual([]);
  expect(changed, "tables changed by refused cross-site posts").toEqual([]);
});

test("a GET carrying a form's fields changes nothing (no loader acts on its query)", { timeout: 120_000 }, async () => {
  const tables = await tableNames(t.db);
  const before = await fingerprint(t.db, tables);
  const failures: string[] = [];
  for (const v of variants) {
    const query = new URLSearchParams(v.fields.map((f) => [f.name, f.value]));
    const url = `${v.action}${v.action.includes("?") ? "&" : "?"}${query}`;
    const res = await server.request(url, { headers: { ...(v.cookie ? { Cookie: v.cookie } : {}), "Sec-Fetch-Site": "cross-site" } });
    await res.arrayBuffer();
    if (res.status >= 500) failures.push(`${res.status} GET ${url}`);
  }
  // Sessions slide their expiry at most once a day, so a read may touch them; nothing else.
  const changed = changedTables(before, await fingerprint(t.db, tables)).filter((name) => name !== "sessions");
  expect(failures).toEqual([]);
  expect(changed, "tables changed by GET requests").toEqual([]);
});

describe("the websocket upgrade checks Origin exactly", () => {
  test.each([
    ["another site", "https://evil.example"],
    ["null", "null"],
    ["our host on another port", "PORT"],
    ["our host over https", "HTTPS"],
    ["our origin with a trailing slash", "SLASH"],
    ["our origin as a prefix of another host", "PREFIX"],
    ["no Origin at all", undefined],
  ] as const)("an editor's upgrade with Origin %s is refused with 403", async (_label, kind) => {
    const own = server.services.config.publicOrigin;
    const origin =
      kind === "PORT" ? own.replace(/:\d+$/, ":1") : kind === "HTTPS" ? own.replace(/^http:/, "https:") : kind === "SLASH" ? `${own}/` : kind === "PREFIX" ? `${own}.evil.example` : kind;
    const cookie = await sessionCookieFor(t.db, w.people.colleague.id);
    for (const name of [draftDocumentName(w.module.id), `notes.${w.breakOut.id}`]) {
      expect(await upgradeStatus(server, name, { cookie, origin: origin ?? null }), `${name} with Origin ${origin}`).toBe(403);
    }
    // And the same editor from our own pages is let in, so 403 is the Origin's doing.
    expect(await upgradeStatus(server, draftDocumentName(w.module.id), { cookie })).toBe(101);
  });
});
