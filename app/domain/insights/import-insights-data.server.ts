// Imports an organisation's insights data from CSV: KPIs and headcounts per
// unit and month, survey scores per person and month. All or nothing: a file
// with any bad row gets a report by line and changes nothing; a good file
// replaces the same (unit, period, metric) rows, so importing it again
// changes nothing (docs/decisions/028-insights-data.md). Each row's problem
// is a message (i18n/nested-message.ts), shown in the reader's language.
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../../db/database";
import { departments, insightUnits, kpiValues, personRecords, sites, surveyScores, unitHeadcounts, users } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError } from "../http-errors";
import { message } from "../i18n/message";
import { nestedMessage } from "../i18n/nested-message";
import { InputError } from "../input-error";
import { parseCsv } from "../orgs/parse-csv";
import { canAdministerOrg, type Actor } from "../policy";
import { INSIGHTS_IMPORT_COLUMNS, type InsightsImportKind, type UnitLevel } from "./import-kinds";
import { parsePeriod, periodOf } from "./period";

export const MAX_INSIGHTS_ROWS = 50_000;
// Figures before this month are almost certainly a typing error, not history.
const EARLIEST_PERIOD = "1990-01-01";

export type RowProblem = { line: number; message: string };
export type InsightsImportResult =
  | { ok: false; errors: RowProblem[] }
  | { ok: true; kind: InsightsImportKind; rows: number; added: number; replaced: number; unchanged: number; createdStores: string[] };

type Column = "unit" | "metric" | "value" | "headcount" | "email" | "period" | "instrument" | "score";
const ROWS = "insights:data.rows";
const NOT_EMPTY = (column: Column) => `${ROWS}.empty.${column}`;
const oneLine = (column: "unit" | "metric" | "instrument", max: number) =>
  z
    .string()
    .trim()
    .min(1, NOT_EMPTY(column))
    .max(max, message(`${ROWS}.tooLong.${column}`, { max }))
    .refine((v) => !/[\r\n]/.test(v), `${ROWS}.oneLine.${column}`);
/** A month as it is written in the file (2026-03): the same in every language. */
const month = (period: string) => period.slice(0, 7);

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const numberField = (column: "value" | "headcount" | "score") =>
  z
    .string()
    .trim()
    .min(1, NOT_EMPTY(column))
    .refine((v) => NUMBER.test(v) && Number.isFinite(Number(v)), (v) => ({ message: message(`${ROWS}.notANumber`, { value: v.trim() }) }))
    .transform(Number);

function periodField(now: Date) {
  const latest = periodOf(now);
  return z
    .string()
    .trim()
    .min(1, NOT_EMPTY("period"))
    .transform((v, ctx) => {
      const period = parsePeriod(v);
      if (!period) {
        ctx.addIssue({ code: "custom", message: message(`${ROWS}.notAMonth`, { value: v }) });
        return z.NEVER;
      }
      if (period < EARLIEST_PERIOD || period > latest) {
        ctx.addIssue({ code: "custom", message: message(`${ROWS}.outsideRange`, { month: month(period), from: month(EARLIEST_PERIOD), to: month(latest) }) });
        return z.NEVER;
      }
      return period;
    });
}

function rowSchema(kind: InsightsImportKind, now: Date) {
  const period = periodField(now);
  if (kind === "kpis") return z.object({ unit: oneLine("unit", 120), period, metric: oneLine("metric", 80), value: numberField("value") });
  if (kind === "headcounts")
    return z.object({
      unit: oneLine("unit", 120),
      period,
      headcount: numberField("headcount").refine((n) => Number.isInteger(n) && n >= 0 && n <= 10_000_000, `${ROWS}.headcount`),
    });
  const email = z.string().trim().min(1, NOT_EMPTY("email")).transform((v) => v.toLowerCase());
  if (kind === "people") {
    // Empty is allowed: a level or a month HR does not know.
    const optionalMonth = z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (!v) return null;
        const parsed = period.safeParse(v);
        if (!parsed.success) {
          ctx.addIssue({ code: "custom", message: parsed.error.issues[0]!.message });
          return z.NEVER;
        }
        return parsed.data;
      });
    return z
      .object({
        email,
        level: z.string().trim().max(60, message(`${ROWS}.tooLong.level`, { max: 60 })).refine((v) => !/[\r\n]/.test(v), `${ROWS}.oneLine.level`),
        started: optionalMonth,
        left: optionalMonth,
      })
      .refine((r) => !r.started || !r.left || r.left >= r.started, { message: `${ROWS}.leftBeforeStarted`, path: ["left"] });
  }
  return z.object({
    email,
    period,
    instrument: oneLine("instrument", 80),
    score: numberField("score"),
  });
}

type ParsedRow = { line: number; key: string; unit?: string; email?: string; period: string; name?: string; value: number; record?: PersonRecord };
type PersonRecord = { level: string; started: string | null; left: string | null };
const byPerson = (kind: InsightsImportKind) => kind === "survey_scores" || kind === "people";

/** Reads the text into rows, or the problems by line. The header line is optional: without one, the columns are in the documented order. */
function readRows(kind: InsightsImportKind, text: string, now: Date): { rows: ParsedRow[]; errors: RowProblem[] } {
  const expected: readonly string[] = INSIGHTS_IMPORT_COLUMNS[kind];
  const { records, error } = parseCsv(text);
  if (error) throw new InputError({ file: error });
  let columns = [...expected];
  let body = records;
  const first = records[0]?.fields.map((f) => f.trim().toLowerCase());
  if (first && first.some((f) => expected.includes(f))) {
    const missing = expected.filter((c) => !first.includes(c));
    if (missing.length) throw new InputError({ file: message("insights:data.errors.missingColumns", { missing: `"${missing.join('", "')}"`, count: missing.length, expected: expected.join(",") }) });
    columns = first;
    body = records.slice(1);
  }
  if (!body.length) throw new InputError({ file: message("insights:data.errors.noRows", { expected: expected.join(",") }) });
  if (body.length > MAX_INSIGHTS_ROWS) throw new InputError({ file: message("insights:data.errors.tooManyRows", { max: MAX_INSIGHTS_ROWS, rows: body.length }) });

  const schema = rowSchema(kind, now);
  const rows: ParsedRow[] = [];
  const errors: RowProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const record of body) {
    if (record.fields.length !== columns.length) {
      errors.push({ line: record.line, message: message(`${ROWS}.tooManyValues`, { count: record.fields.length, expected: columns.length, columns: columns.join(", ") }) });
      continue;
    }
    const raw = Object.fromEntries(expected.map((c) => [c, record.fields[columns.indexOf(c)] ?? ""]));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      errors.push({ line: record.line, message: nestedMessage(`${ROWS}.field`, { field: String(issue.path[0]), problem: issue.message }) });
      continue;
    }
    const d = parsed.data as Record<string, string | number>;
    const who = byPerson(kind) ? String(d.email) : String(d.unit);
    const name = kind === "kpis" ? String(d.metric) : kind === "survey_scores" ? String(d.instrument) : undefined;
    const key = [who.toLowerCase(), d.period, name ?? ""].join("\u0000");
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      errors.push({ line: record.line, message: message(`${ROWS}.repeated.${kind}`, { line: earlier }) });
      continue;
    }
    firstLine.set(key, record.line);
    if (kind === "people") {
      const r = parsed.data as PersonRecord;
      rows.push({ line: record.line, key, period: "", value: 0, email: who, record: { level: r.level, started: r.started, left: r.left } });
      continue;
    }
    const value = kind === "kpis" ? Number(d.value) : kind === "headcounts" ? Number(d.headcount) : Number(d.score);
    rows.push({ line: record.line, key, period: String(d.period), name, value, ...(kind === "survey_scores" ? { email: who } : { unit: who }) });
  }
  return { rows, errors };
}

/** Unit names → insight unit ids for a level, creating unit rows (and, for stores, the stores) as needed. Unknown departments and sites are problems. */
async function resolveUnits(tx: Database, orgId: string, level: UnitLevel, rows: ParsedRow[], errors: RowProblem[], write: boolean) {
  const names = [...new Set(rows.map((r) => r.unit!.toLowerCase()))];
  const ids = new Map<string, string>();
  const createdStores: string[] = [];
  if (level === "store") {
    const existing = await tx
      .select({ id: insightUnits.id, name: insightUnits.storeName })
      .from(insightUnits)
      .where(and(eq(insightUnits.orgId, orgId), eq(insightUnits.kind, "store")));
    for (const u of existing) ids.set(u.name!.toLowerCase(), u.id);
    if (write) {
      for (const row of rows) {
        const lower = row.unit!.toLowerCase();
        if (ids.has(lower)) continue;
        const [made] = await tx.insert(insightUnits).values({ orgId, kind: "store", storeName: row.unit! }).returning({ id: insightUnits.id });
        ids.set(lower, made!.id);
        createdStores.push(row.unit!);
      }
    }
    return { ids, createdStores };
  }
  const table = level === "department" ? departments : sites;
  const known = await tx.select({ id: table.id, name: table.name }).from(table).where(eq(table.orgId, orgId)).orderBy(table.name);
  const byName = new Map(known.map((k) => [k.name.toLowerCase(), k.id]));
  for (const row of rows) {
    if (!byName.has(row.unit!.toLowerCase())) {
      const names = known.map((k) => k.name);
      errors.push({ line: row.line, message: nestedMessage(`${ROWS}.noUnit.${level}${names.length ? "" : "NoneYet"}`, { name: row.unit!, known: names }) });
    }
  }
  if (!write) return { ids, createdStores };
  const wanted = names.map((n) => byName.get(n)!);
  const column = level === "department" ? insightUnits.departmentId : insightUnits.siteId;
  // One unit row per department or site, made the first time figures arrive for it.
  await tx
    .insert(insightUnits)
    .values(wanted.map((id) => ({ orgId, kind: level, ...(level === "department" ? { departmentId: id } : { siteId: id }) })))
    .onConflictDoNothing();
  const units = await tx.select({ id: insightUnits.id, of: column }).from(insightUnits).where(and(eq(insightUnits.orgId, orgId), inArray(column, wanted)));
  const unitOf = new Map(units.map((u) => [u.of!, u.id]));
  for (const [name, id] of byName) if (unitOf.has(id)) ids.set(name, unitOf.get(id)!);
  return { ids, createdStores };
}

const CHUNK = 1000;

export async function importInsightsData(
  db: Database,
  actor: Actor,
  orgId: string,
  { kind, level, text, now = new Date() }: { kind: InsightsImportKind; level: UnitLevel; text: string; now?: Date },
): Promise<InsightsImportResult> {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const { rows, errors } = readRows(kind, text, now);

  return db.transaction(async (tx) => {
    // Who each row is about: a unit of the chosen level, or a person of this organisation.
    let targetOf = new Map<string, string>();
    let createdStores: string[] = [];
    if (byPerson(kind)) {
      const emails = [...new Set(rows.map((r) => r.email!))];
      const people = emails.length
        ? await tx.select({ id: users.id, email: users.email }).from(users).where(and(eq(users.orgId, orgId), inArray(users.email, emails)))
        : [];
      targetOf = new Map(people.map((p) => [p.email, p.id]));
      // Another organisation's person gets the same words as no one: the import must not tell which emails exist elsewhere.
      for (const row of rows) if (!targetOf.has(row.email!)) errors.push({ line: row.line, message: `${ROWS}.noOneWithEmail` });
    } else {
      await resolveUnits(tx, orgId, level, rows, errors, false);
    }
    if (errors.length) return { ok: false as const, errors: errors.sort((a, b) => a.line - b.line) };
    if (!byPerson(kind)) ({ ids: targetOf, createdStores } = await resolveUnits(tx, orgId, level, rows, errors, true));

    const target = (r: ParsedRow) => targetOf.get(byPerson(kind) ? r.email! : r.unit!.toLowerCase())!;
    const periods = [...new Set(rows.map((r) => r.period))];
    const targets = [...new Set(rows.map(target))];
    // Metric and survey names are kept as written: "Revenue" and "revenue" are two metrics, as the key is.
    const keyOf = (id: string, period: string, name = "") => `${id}\u0000${period}\u0000${name}`;
    // What is stored now, in a form a row can be compared with.
    const before = new Map<string, string>();
    const recordText = (r: PersonRecord) => JSON.stringify([r.level, r.started, r.left]);
    const comparable = (r: ParsedRow) => (r.record ? recordText(r.record) : String(r.value));
    if (kind === "kpis") {
      for (const r of await tx.select().from(kpiValues).where(and(eq(kpiValues.orgId, orgId), inArray(kpiValues.unitId, targets), inArray(kpiValues.period, periods))))
        before.set(keyOf(r.unitId, r.period, r.metric), String(r.value));
    } else if (kind === "headcounts") {
      for (const r of await tx.select().from(unitHeadcounts).where(and(eq(unitHeadcounts.orgId, orgId), inArray(unitHeadcounts.unitId, targets), inArray(unitHeadcounts.period, periods))))
        before.set(keyOf(r.unitId, r.period), String(r.headcount));
    } else if (kind === "people") {
      for (const r of await tx.select().from(personRecords).where(and(eq(personRecords.orgId, orgId), inArray(personRecords.userId, targets)))) before.set(keyOf(r.userId, ""), recordText(r));
    } else {
      for (const r of await tx.select().from(surveyScores).where(and(eq(surveyScores.orgId, orgId), inArray(surveyScores.userId, targets), inArray(surveyScores.period, periods))))
        before.set(keyOf(r.userId, r.period, r.instrument), String(r.score));
    }

    let added = 0;
    let replaced = 0;
    const changed = rows.filter((r) => {
      const old = before.get(keyOf(target(r), r.period, r.name));
      if (old === undefined) added++;
      else if (old !== comparable(r)) replaced++;
      return old !== comparable(r);
    });
    for (let i = 0; i < changed.length; i += CHUNK) {
      const chunk = changed.slice(i, i + CHUNK);
      if (kind === "kpis") {
        await tx
          .insert(kpiValues)
          .values(chunk.map((r) => ({ orgId, unitId: target(r), period: r.period, metric: r.name!, value: r.value })))
          .onConflictDoUpdate({ target: [kpiValues.orgId, kpiValues.unitId, kpiValues.period, kpiValues.metric], set: { value: sql`excluded.value` } });
      } else if (kind === "headcounts") {
        await tx
          .insert(unitHeadcounts)
          .values(chunk.map((r) => ({ orgId, unitId: target(r), period: r.period, headcount: r.value })))
          .onConflictDoUpdate({ target: [unitHeadcounts.orgId, unitHeadcounts.unitId, unitHeadcounts.period], set: { headcount: sql`excluded.headcount` } });
      } else if (kind === "people") {
        await tx
          .insert(personRecords)
          .values(chunk.map((r) => ({ orgId, userId: target(r), ...r.record! })))
          .onConflictDoUpdate({ target: [personRecords.orgId, personRecords.userId], set: { level: sql`excluded.level`, started: sql`excluded.started`, left: sql`excluded.left` } });
      } else {
        await tx
          .insert(surveyScores)
          .values(chunk.map((r) => ({ orgId, userId: target(r), period: r.period, instrument: r.name!, score: r.value })))
          .onConflictDoUpdate({ target: [surveyScores.orgId, surveyScores.userId, surveyScores.period, surveyScores.instrument], set: { score: sql`excluded.score` } });
      }
    }
    const unchanged = rows.length - added - replaced;
    await recordAudit(tx, {
      actorId: actor.id,
      action: `insights.${kind}_imported`,
      targetType: "organisation",
      targetId: orgId,
      ownerOrgId: orgId,
      // Counts only: survey and people rows are about individual people.
      reason: `${rows.length} rows: ${added} new, ${replaced} replaced, ${unchanged} unchanged.${createdStores.length ? ` New stores: ${createdStores.join(", ")}.` : ""}`,
      details: { kind, level: byPerson(kind) ? null : level, rows: rows.length, added, replaced, unchanged, periods: kind === "people" ? null : { from: periods.sort()[0], to: periods.at(-1) } },
    });
    return { ok: true as const, kind, rows: rows.length, added, replaced, unchanged, createdStores };
  });
}
