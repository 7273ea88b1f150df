// The audit event of a change to a reunion, a group's meeting or a check-in:
// the same target type ("reunion", the table) for all, so the log filters
// them together, and a label that names the kind. The label is stored as a
// message (the kind's key and the plain title) and written out when the log
// is read, in the reader's language.
import type { Database } from "../../../db/database";
import { recordAudit, type AuditEvent } from "../audit/record-audit.server";
import type { Language } from "../i18n/languages";
import { message, readMessage } from "../i18n/message";
import { i18nFor, translatorFor } from "../i18n/translators";
import { occasionKind, titleNamesKind, type Owned } from "./occasion-words";

type Occasion = Owned & { id: string; title: string; orgId: string };

/** Call inside the transaction that makes the change. */
export function auditOccasion(db: Database, occasion: Occasion, event: Pick<AuditEvent, "actorId" | "action" | "reason" | "details" | "at">) {
  return recordAudit(db, {
    ...event,
    targetType: "reunion",
    targetId: occasion.id,
    targetLabel: message(`audit:labels.occasion.${occasionKind(occasion)}`, { title: occasion.title }),
    ownerOrgId: occasion.orgId,
  });
}

const OCCASION_LABEL = /^audit:labels\.occasion\.(reunion|meeting|check-in)$/;

/**
 * An occasion's stored label in `language`: "Meeting: Guild night", or the
 * title alone when it already names its kind in that language ("Guild
 * monthly meeting"). Null for a label that is not an occasion's.
 */
export function occasionLabelIn(language: Language, label: string): string | null {
  const { key, values } = readMessage(label);
  const kind = OCCASION_LABEL.exec(key)?.[1];
  if (!kind || typeof values.title !== "string") return null;
  if (titleNamesKind(values.title, translatorFor(language, "calendar")(`kind.${kind}`), language)) return values.title;
  return String(i18nFor(language).t(key, values));
}
