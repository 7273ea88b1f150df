// Exports of data: a person asks for theirs, a platform admin for a whole
// organisation's; the personal-data job builds the zip in the background,
// stores it in the row and tells the person; the link works for the one who
// asked, for EXPORT_LINK_DAYS, after which the zip is dropped.
import { and, asc, desc, eq, isNull, lt, lte, or } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { dataExports, organisations, users } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError, NotFoundError } from "../http-errors";
import type { Language } from "../i18n/languages";
import { message } from "../i18n/message";
import { readerLanguages } from "../i18n/reader-languages.server";
import { i18nFor, translatorFor } from "../i18n/translators";
import { InputError } from "../input-error";
import { isFormerMember, personName } from "../people/person-name";
import { notify } from "../notifications/notify.server";
import { canDownloadExport, canExportOrganisation, type Actor } from "../policy";
import { isUuid } from "../uuid";
import { EXPORT_LINK_DAYS } from "./personal-data-fields";
import { collectOrganisationFiles, collectPersonFiles } from "./collect-export-files.server";
import { zipExport, type ExportFile, type ExportHeading } from "./zip-export";

const DAY = 86_400_000;
// A process building an export holds it this long; if it dies, another takes over after.
const LEASE_MS = 10 * 60_000;
const MAX_ATTEMPTS = 3;

const waiting = eq(dataExports.status, "pending");

export async function requestPersonExport(db: Database, actor: Actor) {
  const [already] = await db
    .select({ id: dataExports.id })
    .from(dataExports)
    .where(and(waiting, eq(dataExports.scope, "person"), eq(dataExports.userId, actor.id)));
  if (already) throw new InputError({ form: "privacy:errors.exportAlreadyAsked" });
  await db.insert(dataExports).values({ scope: "person", orgId: actor.orgId, userId: actor.id, requestedBy: actor.id });
}

export async function requestOrganisationExport(db: Database, actor: Actor, orgId: string) {
  if (!canExportOrganisation(actor)) throw new ForbiddenError("privacy:errors.onlyPlatformAdmins");
  const [org] = isUuid(orgId) ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, orgId)) : [];
  if (!org) throw new InputError({ orgId: "privacy:errors.chooseOrganisation" });
  await db.transaction(async (tx) => {
    const [already] = await tx
      .select({ id: dataExports.id })
      .from(dataExports)
      .where(and(waiting, eq(dataExports.scope, "organisation"), eq(dataExports.orgId, org.id)));
    if (already) throw new InputError({ orgId: message("privacy:errors.organisationExportAlreadyAsked", { organisation: org.name }) });
    await tx.insert(dataExports).values({ scope: "organisation", orgId: org.id, requestedBy: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: "organisation.data_exported", targetType: "organisation", targetId: org.id, targetLabel: org.name, ownerOrgId: org.id });
  });
}

export type ExportListItem = Awaited<ReturnType<typeof listOwnExports>>[number];

/** The exports this person asked for, newest first, without their bytes. */
export async function listOwnExports(db: Database, actor: Actor, now = new Date()) {
  const rows = await db
    .select({
      id: dataExports.id,
      scope: dataExports.scope,
      organisation: organisations.name,
      status: dataExports.status,
      createdAt: dataExports.createdAt,
      expiresAt: dataExports.expiresAt,
      byteSize: dataExports.byteSize,
    })
    .from(dataExports)
    .innerJoin(organisations, eq(organisations.id, dataExports.orgId))
    .where(eq(dataExports.requestedBy, actor.id))
    .orderBy(desc(dataExports.createdAt))
    .limit(20);
  // Past its time the link is gone, even before the job has dropped the zip.
  return rows.map((row) => ({ ...row, status: row.status === "ready" && row.expiresAt && row.expiresAt <= now ? ("expired" as const) : row.status }));
}

export type OpenedExport = { state: "ready"; zip: Uint8Array; fileName: string } | { state: "expired" } | { state: "not-ready" };

/** An export's file, for the person who asked for it only: anyone else, and any id that is not one, gets a 404. */
export async function openExport(db: Database, actor: Actor, exportId: string, now = new Date()): Promise<OpenedExport> {
  const [row] = isUuid(exportId)
    ? await db
        .select({ requestedBy: dataExports.requestedBy, status: dataExports.status, expiresAt: dataExports.expiresAt, zip: dataExports.zip, createdAt: dataExports.createdAt, scope: dataExports.scope })
        .from(dataExports)
        .where(eq(dataExports.id, exportId))
    : [];
  if (!row || !canDownloadExport(actor, row)) throw new NotFoundError("privacy:errors.exportNotFound");
  if (row.status === "expired" || (row.expiresAt && row.expiresAt <= now)) return { state: "expired" };
  if (row.status !== "ready" || !row.zip) return { state: "not-ready" };
  const day = row.createdAt.toISOString().slice(0, 10);
  return { state: "ready", zip: row.zip, fileName: `roundtable-${row.scope === "person" ? "my-data" : "organisation-data"}-${day}.zip` };
}

async function claimNextExport(db: Database, now: Date) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: dataExports.id, scope: dataExports.scope, orgId: dataExports.orgId, userId: dataExports.userId, requestedBy: dataExports.requestedBy, attempts: dataExports.attempts })
      .from(dataExports)
      .where(and(waiting, or(isNull(dataExports.lockedUntil), lt(dataExports.lockedUntil, now))))
      .orderBy(asc(dataExports.createdAt))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!row) return null;
    await tx
      .update(dataExports)
      .set({ lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: row.attempts + 1 })
      .where(eq(dataExports.id, row.id));
    return { ...row, attempts: row.attempts + 1 };
  });
}

async function headingFor(db: Database, job: { scope: "person" | "organisation"; orgId: string; userId: string | null }, now: Date, language: Language): Promise<ExportHeading> {
  const t = translatorFor(language, "privacy");
  if (job.scope === "person") {
    const [person] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, job.userId!));
    // An erased account keeps only a stored name and a made-up address: neither is theirs to show.
    return { title: t("export.heading.person"), preparedFor: person && !isFormerMember(person.name) ? `${person.name} <${person.email}>` : personName(null, t), preparedAt: now };
  }
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, job.orgId));
  return org
    ? { title: t("export.heading.organisation", { organisation: org.name }), preparedFor: t("export.heading.forOrganisation", { organisation: org.name }), preparedAt: now }
    : { title: t("export.heading.someOrganisation"), preparedFor: t("export.heading.forSomeOrganisation"), preparedAt: now };
}

/** Each file's line in the README, in the reader's language where the catalogue has it (privacy.json, export.files.<table>). */
function describedIn(language: Language, files: ExportFile[]): ExportFile[] {
  const i18n = i18nFor(language);
  return files.map((f) => {
    const key = `privacy:export.files.${f.name.replace(/\.json$/, "")}`;
    return i18n.exists(key) ? { ...f, about: i18n.t(key) } : f;
  });
}

const linkOf = (scope: "person" | "organisation") => (scope === "person" ? "/profile/data" : "/admin/exports");

/** Builds every waiting export, one at a time; returns how many it finished. Safe in every process. */
export async function prepareExports(db: Database, { now = new Date() }: { now?: Date } = {}) {
  let done = 0;
  for (let job = await claimNextExport(db, now); job; job = await claimNextExport(db, now)) {
    try {
      // The README speaks the language of the one who asked.
      const language = (await readerLanguages(db, [job.requestedBy])).get(job.requestedBy) ?? "en";
      const files = job.scope === "person" ? describedIn(language, await collectPersonFiles(db, job.userId!)) : await collectOrganisationFiles(db, job.orgId, language);
      const zip = zipExport(await headingFor(db, job, now, language), files, language);
      const expiresAt = new Date(now.getTime() + EXPORT_LINK_DAYS * DAY);
      await db.transaction(async (tx) => {
        await tx
          .update(dataExports)
          .set({ status: "ready", zip, byteSize: zip.byteLength, readyAt: now, expiresAt, lockedUntil: null, error: null })
          .where(and(eq(dataExports.id, job.id), waiting));
        await notify(tx, [job.requestedBy], {
          kind: "data",
          title: job.scope === "person" ? "privacy:notices.exportReady" : "privacy:notices.organisationExportReady",
          body: message("privacy:notices.exportReadyBody", { count: EXPORT_LINK_DAYS }),
          link: linkOf(job.scope),
        });
      });
      done++;
    } catch (error) {
      // Left pending under its lease, so it is tried again once the lease passes; given up after MAX_ATTEMPTS.
      const message = error instanceof Error ? error.message : String(error);
      const failed = job.attempts >= MAX_ATTEMPTS;
      await db.transaction(async (tx) => {
        await tx
          .update(dataExports)
          .set(failed ? { status: "failed", error: message, lockedUntil: null } : { error: message })
          .where(eq(dataExports.id, job.id));
        if (failed) await notify(tx, [job.requestedBy], { kind: "data", title: "privacy:notices.exportFailed", body: "privacy:notices.exportFailedBody", link: linkOf(job.scope) });
      });
    }
  }
  return done;
}

/** Drops the zips whose link expired: the row stays, so the link can say it expired. */
export async function expireExports(db: Database, { now = new Date() }: { now?: Date } = {}) {
  const expired = await db
    .update(dataExports)
    .set({ status: "expired", zip: null })
    .where(and(eq(dataExports.status, "ready"), lte(dataExports.expiresAt, now)))
    .returning({ id: dataExports.id });
  return expired.length;
}
