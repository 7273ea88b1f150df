// The one way to write the audit log: every state change, decision, claim,
// role change and report resolution, with who, when and why. The table is
// append-only (a trigger refuses UPDATE and DELETE).
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { auditEvents, users } from "../../../db/schema";
import type { AuditAction } from "./audit-actions";
import type { AuditTargetType } from "./audit-targets";

export type AuditEvent = {
  actorId: string | null;
  /** One of the kinds in audit-actions.ts, each with the words /audit shows. */
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  targetLabel?: string;
  /** Null for public content; else the organisation the target belongs to. */
  ownerOrgId: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
};

/** Call inside the transaction that makes the change, so the two land together. */
export async function recordAudit(db: Database, event: AuditEvent) {
  await db.insert(auditEvents).values({
    actorId: event.actorId,
    // The name as it was at the time, kept even if the account goes.
    actorName: event.actorId ? sql`coalesce((${db.select({ name: users.name }).from(users).where(eq(users.id, event.actorId))}), 'Unknown person')` : "Roundtable",
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    targetLabel: event.targetLabel ?? "",
    ownerOrgId: event.ownerOrgId,
    reason: event.reason ?? null,
    details: event.details ?? {},
    ...(event.at ? { at: event.at } : {}),
  });
}
