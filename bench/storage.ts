// npm run bench:storage — what Roundtable stores, measured, for the sizing in
// docs/scaling.md: the bytes (tables and indexes) one company of BENCH_PEOPLE
// people leaves over three years of cohorts (the programme bench's generated
// history), and the bytes and WAL one keystroke of
// live co-editing costs before and after compaction. PostgreSQL only (a
// throwaway database on the server in DATABASE_URL, default the local one).
import { sql } from "drizzle-orm";
import * as Y from "yjs";
import { openDatabase } from "../db/open-database";
import { departments, modules, programmeModules, sites } from "../db/schema";
import { generateCompany } from "../app/domain/demo/generate-company";
import { writeCompany } from "../app/domain/demo/seed-company.server";
import { DocumentStore } from "../server/collab/document-store";
import { createOrg, createUser } from "../test/support/factories";
import { BENCH_DEPARTMENTS, BENCH_SITES, benchSpec, machineLine, throwawayTarget } from "./bench-company";
import { largeModuleDoc, yjsState } from "./collab/documents";
import { seedSyntheticModules } from "./seed-modules";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 20_000);
const DOCUMENTS = 20;
process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";

const { target, drop } = await throwawayTarget("storage");
const opened = await openDatabase(target);
const db = opened.db;
const rowsOf = <T>(result: unknown) => result as T[];
const totalBytes = async () => Number(rowsOf<{ n: string }>(await db.execute(sql`select pg_database_size(current_database())::text as n`))[0]!.n);
const relationBytes = async (name: string) => Number(rowsOf<{ n: string }>(await db.execute(sql`select pg_total_relation_size(${name}::regclass)::text as n`))[0]!.n);
const walLsn = async () => rowsOf<{ lsn: string }>(await db.execute(sql`select pg_current_wal_lsn()::text as lsn`))[0]!.lsn;
const walSince = async (lsn: string) => Number(rowsOf<{ n: string }>(await db.execute(sql`select pg_wal_lsn_diff(pg_current_wal_lsn(), ${lsn}::pg_lsn)::text as n`))[0]!.n);
const firstText = (node: Y.XmlFragment | Y.XmlElement): Y.XmlText | null => {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) return child;
    const found = firstText(child as Y.XmlElement);
    if (found) return found;
  }
  return null;
};
const mb = (b: number) => (b / 2 ** 20).toFixed(1);
try {
  // 1. A company's three years.
  const empty = await totalBytes();
  const org = await createOrg(db, { name: "Storage Industries", slug: `storage-${process.pid}` });
  const admin = await createUser(db, { orgId: org.id, roles: ["org_admin"] });
  await seedSyntheticModules(db, admin.id, 0, 24);
  const programme = await db.select({ id: modules.id, mindset: modules.mindset }).from(modules);
  await db.insert(programmeModules).values(programme.map((m) => ({ orgId: org.id, moduleId: m.id })));
  const departmentIds = (await db.insert(departments).values(BENCH_DEPARTMENTS.map((name) => ({ orgId: org.id, name }))).returning({ id: departments.id })).map((r) => r.id);
  const siteIds = (await db.insert(sites).values(BENCH_SITES.map((s) => ({ orgId: org.id, name: s.name }))).returning({ id: sites.id })).map((r) => r.id);
  const company = generateCompany(benchSpec(new Date(), programme, PEOPLE));
  await db.transaction(async (tx) => writeCompany(tx, company, { orgId: org.id, departmentIds, siteIds, passwordHash: admin.passwordHash, adminId: admin.id }));
  await db.execute(sql`vacuum analyze`);
  const companyBytes = (await totalBytes()) - empty;
  const tables = rowsOf<{ name: string; rows: string; bytes: string }>(
    await db.execute(sql`select relname as name, n_live_tup::text as rows, pg_total_relation_size(relid)::text as bytes from pg_stat_user_tables order by pg_total_relation_size(relid) desc limit 8`),
  );

  // 2. Live co-editing: one update per keystroke, appended in group commits of 20, then compacted.
  const store = new DocumentStore(db, async () => yjsState(largeModuleDoc()));
  const names = Array.from({ length: DOCUMENTS }, (_, i) => `module.storage-${i}`);
  for (const name of names) await store.load(name);
  const before = await relationBytes("collab_updates");
  const lsn = await walLsn();
  const docs = await Promise.all(names.map(async (name) => (await store.load(name)).doc));
  let updateBytes = 0;
  let batch: { documentName: string; update: Uint8Array }[] = [];
  for (let k = 0; k < KEYSTROKES; k++) {
    const i = k % DOCUMENTS;
    const doc = docs[i]!;
    const text = firstText(doc.getXmlFragment("default"))!;
    const update = await new Promise<Uint8Array>((resolve) => {
      doc.once("update", (u: Uint8Array) => resolve(u));
      text.insert(text.length, "abcdefghij"[k % 10]!);
    });
    updateBytes += update.length;
    batch.push({ documentName: names[i]!, update });
    if (batch.length === 20) {
      await store.append(batch);
      batch = [];
    }
  }
  await store.append(batch);
  await db.execute(sql`vacuum analyze collab_updates`);
  const appendedBytes = (await relationBytes("collab_updates")) - before;
  const appendWal = await walSince(lsn);
  const snapshotBytes = async () => Number(rowsOf<{ n: string }>(await db.execute(sql`select coalesce(sum(octet_length(state)), 0)::text as n from collab_snapshots where document_name like 'module.storage-%'`))[0]!.n);
  const snapshotBefore = await snapshotBytes();
  for (const name of names) while ((await store.compact(name)).folded > 0);
  const snapshotGrowth = (await snapshotBytes()) - snapshotBefore;

  console.log(`\nRun ${machineLine()}; PostgreSQL; ${PEOPLE.toLocaleString("en")} people, ${company.groups.length.toLocaleString("en")} groups, ${company.meetings.length.toLocaleString("en")} meetings over three years; ${KEYSTROKES.toLocaleString("en")} keystrokes into ${DOCUMENTS} documents of about 96 KB.\n`);
  console.log("| measure | value |");
  console.log("|---|---:|");
  console.log(`| one company's three years, tables and indexes | ${mb(companyBytes)} MB |`);
  console.log(`| per person, three years | ${(companyBytes / PEOPLE / 1024).toFixed(1)} KB |`);
  console.log(`| a keystroke's Yjs update (mean) | ${(updateBytes / KEYSTROKES).toFixed(0)} B |`);
  console.log(`| a keystroke in collab_updates (row and index, before compaction) | ${(appendedBytes / KEYSTROKES).toFixed(0)} B |`);
  console.log(`| WAL per keystroke (group commits of 20) | ${(appendWal / KEYSTROKES).toFixed(0)} B |`);
  console.log(`| a keystroke after compaction (growth of the stored Yjs state) | ${(snapshotGrowth / KEYSTROKES).toFixed(1)} B |`);
  console.log("\n| largest tables | rows | MB |");
  console.log("|---|---:|---:|");
  for (const t of tables) console.log(`| ${t.name} | ${Number(t.rows).toLocaleString("en")} | ${mb(Number(t.bytes))} |`);
} finally {
  await opened.close();
  await drop();
}
