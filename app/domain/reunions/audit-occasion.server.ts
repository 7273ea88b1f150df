// The audit event of a change to a reunion, a group's meeting or a check-in:
// the same target type ("reunion", the table) for all, so the log filters
// them together, and a label that names the kind (occasion-words.ts).
import type { Database } from "../../../db/database";
import { recordAudit, type AuditEvent } from "../audit/record-audit.server";
import { occasionWords, type Owned } from "./occasion-words";
import { titleNamesItsKindInAnyLanguage } from "./title-names-its-kind";

type Occasion = Owned & { id: string; title: string; orgId: string };

/** Call inside the transaction that makes the change. */
export function auditOccasion(db: Database, occasion: Occasion, event: Pick<AuditEvent, "actorId" | "action" | "reason" | "details" | "at">) {
  return recordAudit(db, {
    ...event,
    targetType: "reunion",
    targetId: occasion.id,
    targetLabel: titleNamesItsKindInAnyLanguage(occasion) ? occasion.title : occasionWords(occasion).titled(occasion.title),
    ownerOrgId: occasion.orgId,
  });
}
