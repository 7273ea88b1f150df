// The audit log as moderators and admins read it at /audit: newest first,
// each person seeing the events in their scope (canSeeAuditEvent), with
// filters by kind of action, kind of target, person and date.
import { and, desc, eq, gte, ilike, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { FORMER_MEMBER } from "../../../db/former-member";
import { auditEvents } from "../../../db/schema";
import { LANGUAGES } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";
import { FORMER_MEMBER_KEY } from "../people/person-name";
import { ForbiddenError } from "../http-errors";
import { AUDIT_TARGET_TYPES } from "./audit-targets";
import { canReadAuditLog, hasRole, isPlatformAdmin, type Actor } from "../policy";

export const AUDIT_PAGE_SIZE = 50;
export { AUDIT_TARGET_TYPES };

export type AuditFilters = { action: string | null; targetType: string | null; actor: string | null; from: Date | null; to: Date | null; page: number };

// How a former member is named on the page, in every language: a search for
// those words finds the entries whose stored actor is an erased account.
const formerMemberWords = LANGUAGES.map((language) => translatorFor(language)(FORMER_MEMBER_KEY).toLowerCase());
const meansFormerMember = (text: string) => formerMemberWords.some((words) => words.includes(text.trim().toLowerCase()));

/** The same rule as canSeeAuditEvent, as SQL. */
function scopeCondition(actor: Actor): SQL {
  if (isPlatformAdmin(actor)) return sql`true`;
  const own = eq(auditEvents.ownerOrgId, actor.orgId);
  return hasRole(actor, "moderator") ? or(and(isNull(auditEvents.ownerOrgId), ne(auditEvents.targetType, "report")), own)! : own;
}

export async function listAuditEvents(db: Database, actor: Actor, filters: AuditFilters) {
  if (!canReadAuditLog(actor)) throw new ForbiddenError("audit:errors.forbidden");
  const conditions: SQL[] = [scopeCondition(actor)];
  // "submission" matches every submission.* action; a full name matches exactly.
  if (filters.action) conditions.push(filters.action.includes(".") ? eq(auditEvents.action, filters.action) : sql`${auditEvents.action} like ${`${filters.action}.%`}`);
  if (filters.targetType) conditions.push(eq(auditEvents.targetType, filters.targetType));
  if (filters.actor) {
    const named = ilike(auditEvents.actorName, `%${filters.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conditions.push(meansFormerMember(filters.actor) ? or(named, eq(auditEvents.actorName, FORMER_MEMBER))! : named);
  }
  if (filters.from) conditions.push(gte(auditEvents.at, filters.from));
  if (filters.to) conditions.push(lt(auditEvents.at, filters.to));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filters.page - 1) * AUDIT_PAGE_SIZE);
  return { events: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}
