// The audit log speaks the reader's language: each kind of event has words,
// whatever part of the portal writes it, and /audit shows those words
// instead of the stored kind ("Cancelled a reunion", not reunion.cancelled).
import fs from "node:fs";
import path from "node:path";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, AUDIT_AREA_LABELS, auditActionLabel } from "../../app/domain/audit/audit-actions";
import { AUDIT_TARGET_LABELS, AUDIT_TARGET_TYPES } from "../../app/domain/audit/audit-targets";
import { recordAudit } from "../../app/domain/audit/record-audit.server";
import { auditEvents } from "../../db/schema";
import { ROOT_DIR } from "../../server/http-app";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
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

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT_DIR, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

/** Every "<area>.<what>" string and `<area>.<what>${…}` template in the code that writes audit events. */
function writtenKinds() {
  const areas = Object.keys(AUDIT_AREA_LABELS).join("|");
  const exact = new RegExp(`["'](?:${areas})\\.[a-z_]+["']`, "g");
  const templated = new RegExp("`((?:" + areas + ")\\.[a-z_]*)\\$\\{", "g");
  const kinds = new Map<string, string>();
  const prefixes = new Map<string, string>();
  for (const file of [...sourceFiles("app"), ...sourceFiles("server")]) {
    const text = fs.readFileSync(path.join(ROOT_DIR, file), "utf8");
    if (!/recordAudit|AuditAction/.test(text) || file.endsWith("audit-actions.ts")) continue;
    for (const m of text.matchAll(exact)) kinds.set(m[0].slice(1, -1), file);
    for (const m of text.matchAll(templated)) prefixes.set(m[1]!, file);
  }
  return { kinds, prefixes };
}

test("every kind of audit event written anywhere has a label", () => {
  const { kinds, prefixes } = writtenKinds();
  // The scan finds the writers; if it found none, it would prove nothing.
  expect(kinds.size).toBeGreaterThan(40);
  for (const [kind, file] of kinds) expect(AUDIT_ACTIONS, `${kind} in ${file}`).toContain(kind);
  // A kind built from a variable (`report.${outcome}`) is checked exactly by the types; here, that labels exist for it.
  for (const [prefix, file] of prefixes) expect(AUDIT_ACTIONS.some((a) => a.startsWith(prefix)), `${prefix}… in ${file}`).toBe(true);
});

test("each label is words, not the stored kind, and every area and target has one", () => {
  for (const kind of AUDIT_ACTIONS) {
    const label = AUDIT_ACTION_LABELS[kind];
    expect(label, kind).toMatch(/^[A-Z][^._]+$/);
    expect(label).not.toBe(kind);
  }
  for (const kind of AUDIT_ACTIONS) expect(Object.keys(AUDIT_AREA_LABELS), kind).toContain(kind.split(".")[0]);
  for (const type of AUDIT_TARGET_TYPES) expect(AUDIT_TARGET_LABELS[type]).toMatch(/^[A-Z][^_]+$/);
});

test("an event of a kind that no longer exists still reads as words", () => {
  expect(auditActionLabel("reunion.renamed_long_ago")).toBe("Reunions and open spaces: renamed long ago");
  expect(auditActionLabel("gadget.went_missing")).toBe("gadget went missing");
});

test("the audit page shows what happened in words, and its filters name every area", async () => {
  const org = await createOrg(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"], name: "Olga Admin" });
  await recordAudit(t.db, { actorId: admin.id, action: "reunion.cancelled", targetType: "reunion", targetId: crypto.randomUUID(), targetLabel: "Spring reunion", ownerOrgId: org.id });
  await recordAudit(t.db, { actorId: admin.id, action: "group.join_request_expired", targetType: "group", targetId: crypto.randomUUID(), ownerOrgId: org.id });
  await t.db.insert(auditEvents).values({ actorId: admin.id, actorName: "Olga Admin", action: "reunion.renamed_long_ago", targetType: "reunion", targetId: crypto.randomUUID(), targetLabel: "", ownerOrgId: org.id });

  const res = await server.request("/audit", { headers: { Cookie: await sessionCookieFor(t.db, admin.id) } });
  expect(res.status).toBe(200);
  const text = mainText(await res.text());
  expect(text).toContain("Cancelled a reunion");
  expect(text).toContain("Spring reunion");
  expect(text).toContain("Closed a request to join a group: not enough members voted");
  expect(text).toContain("A group"); // the target without a name, in words
  expect(text).toContain("Reunions and open spaces: renamed long ago");
  expect(text).not.toMatch(/reunion\.cancelled|join_request_expired|renamed_long_ago/);
  for (const area of Object.values(AUDIT_AREA_LABELS)) expect(text).toContain(area);
});
