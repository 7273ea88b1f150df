// Deleting an account: asked for by the person or by an admin of their
// organisation (for someone who left), erased by the personal-data job once
// the organisation's cooling-off period has passed, cancellable until then.
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { FORMER_MEMBER } from "../../../db/former-member";
import { accountDeletions, organisations, users } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { notify } from "../notifications/notify.server";
import { formatDateInZone } from "../../components/format-time";
import { chooseLanguage, type Language } from "../i18n/languages";
import { message } from "../i18n/message";
import { readerLanguages } from "../i18n/reader-languages.server";
import { messageIn } from "../i18n/translators";
import { canDeleteAccount, canSeePerson, type Actor } from "../policy";
import { isUuid } from "../uuid";
import { erasePerson } from "./erase-person.server";

const DAY = 86_400_000;
const waitingFor = (userId: string) => and(eq(accountDeletions.userId, userId), isNull(accountDeletions.cancelledAt), isNull(accountDeletions.erasedAt));

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === "23505") return true;
  return false;
}

/**
 * Who acts, and when they are signed in, what their pages speak: a refusal
 * names the day the account goes, written in the language and time zone of
 * the page that shows it (English and UTC for a caller without a session).
 */
type Acting = Actor & { timeZone?: string; language?: Language | null; orgLanguage?: Language };

const pageLanguageOf = (actor: Acting) => chooseLanguage({ person: actor.language, organisation: actor.orgLanguage });

/** A refusal as a catalogue message for the page; its Error message (logs, tests) in English. */
function refused(text: string) {
  const error = new InputError({ form: text });
  error.message = messageIn("en", text);
  return error;
}

/** The person, scoped to who may act on their account: another organisation's person (or an unknown id) is a 404. */
async function findAccount(db: Database, actor: Actor, userId: string) {
  const [person] = isUuid(userId)
    ? await db.select({ id: users.id, name: users.name, orgId: users.orgId, erasedAt: users.erasedAt }).from(users).where(eq(users.id, userId))
    : [];
  if (!person || person.erasedAt || !canSeePerson(actor, person)) throw new NotFoundError("org:person.errors.notFound");
  if (!canDeleteAccount(actor, person)) throw new ForbiddenError();
  return person;
}

export type DeletionState = { waiting: { erasesAt: Date; requestedAt: Date; bySomeoneElse: boolean } | null; coolingOffDays: number };

export async function deletionState(db: Database, actor: Actor, userId: string): Promise<DeletionState> {
  const person = await findAccount(db, actor, userId);
  const [[waiting], [org]] = await Promise.all([
    db.select({ erasesAt: accountDeletions.erasesAt, requestedAt: accountDeletions.requestedAt, requestedBy: accountDeletions.requestedBy }).from(accountDeletions).where(waitingFor(person.id)),
    db.select({ days: organisations.deletionCoolingOffDays }).from(organisations).where(eq(organisations.id, person.orgId)),
  ]);
  return {
    waiting: waiting ? { erasesAt: waiting.erasesAt, requestedAt: waiting.requestedAt, bySomeoneElse: waiting.requestedBy !== person.id } : null,
    coolingOffDays: org?.days ?? 14,
  };
}

export async function requestDeletion(db: Database, actor: Acting, userId: string, now = new Date()) {
  const person = await findAccount(db, actor, userId);
  const own = actor.id === person.id;
  try {
    return await db.transaction(async (tx) => {
      const [org] = await tx.select({ days: organisations.deletionCoolingOffDays }).from(organisations).where(eq(organisations.id, person.orgId));
      const [already] = await tx.select({ erasesAt: accountDeletions.erasesAt }).from(accountDeletions).where(waitingFor(person.id));
      if (already) throw alreadyAsked(already.erasesAt, own, actor);
      const erasesAt = new Date(now.getTime() + (org?.days ?? 14) * DAY);
      await tx.insert(accountDeletions).values({ userId: person.id, orgId: person.orgId, requestedBy: actor.id, requestedAt: now, erasesAt });
      await recordAudit(tx, { actorId: actor.id, action: "person.deletion_requested", targetType: "person", targetId: person.id, targetLabel: person.name, ownerOrgId: person.orgId, details: { erasesAt: erasesAt.toISOString() }, at: now });
      if (!own) {
        // The notice is written in the person's language, with the day in their time zone.
        const [language, [reader]] = await Promise.all([readerLanguages(tx, [person.id]), tx.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, person.id))]);
        const date = formatDateInZone(erasesAt, reader?.timeZone ?? "UTC", language.get(person.id) ?? "en");
        await notify(tx, [person.id], { kind: "data", title: message("privacy:notices.deletionRequested", { date }), body: "privacy:notices.deletionRequestedBody", link: "/profile/data" }, { actorId: actor.id });
      }
      return { erasesAt };
    });
  } catch (error) {
    // Two requests at once: the unique index lets one through.
    if (isUniqueViolation(error)) {
      const [already] = await db.select({ erasesAt: accountDeletions.erasesAt }).from(accountDeletions).where(waitingFor(person.id));
      throw alreadyAsked(already?.erasesAt ?? now, own, actor);
    }
    throw error;
  }
}

const alreadyAsked = (erasesAt: Date, own: boolean, actor: Acting) =>
  refused(message(own ? "privacy:errors.alreadyAskedByYou" : "privacy:errors.alreadyAsked", { date: formatDateInZone(erasesAt, actor.timeZone ?? "UTC", pageLanguageOf(actor)) }));

export async function cancelDeletion(db: Database, actor: Actor, userId: string, now = new Date()) {
  const person = await findAccount(db, actor, userId);
  await db.transaction(async (tx) => {
    const cancelled = await tx.update(accountDeletions).set({ cancelledAt: now, cancelledBy: actor.id }).where(waitingFor(person.id)).returning({ id: accountDeletions.id });
    if (cancelled.length === 0) throw refused("privacy:errors.nothingToCancel");
    await recordAudit(tx, { actorId: actor.id, action: "person.deletion_cancelled", targetType: "person", targetId: person.id, targetLabel: person.name, ownerOrgId: person.orgId, at: now });
    await notify(tx, [person.id], { kind: "data", title: "privacy:notices.deletionCancelled", body: "privacy:notices.deletionCancelledBody", link: "/profile/data" }, { actorId: actor.id });
  });
}

/**
 * Erases every account whose cooling-off has passed, each in its own
 * transaction under a lock other processes skip; `erased` hears of each
 * person once their erasure has committed.
 */
export async function eraseDueAccounts(db: Database, { now = new Date(), erased: onErased = () => {} }: { now?: Date; erased?: (userId: string) => void } = {}) {
  let erased = 0;
  for (;;) {
    const erasedId = await db.transaction(async (tx) => {
      const [due] = await tx
        .select({ id: accountDeletions.id, userId: accountDeletions.userId, orgId: accountDeletions.orgId })
        .from(accountDeletions)
        .where(and(isNull(accountDeletions.cancelledAt), isNull(accountDeletions.erasedAt), lte(accountDeletions.erasesAt, now)))
        .orderBy(asc(accountDeletions.erasesAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!due) return false;
      await erasePerson(tx, due.userId);
      await tx.update(accountDeletions).set({ erasedAt: now }).where(eq(accountDeletions.id, due.id));
      // The fact, not the person: the entry names no one.
      await recordAudit(tx, { actorId: null, action: "person.erased", targetType: "person", targetId: due.userId, targetLabel: FORMER_MEMBER, ownerOrgId: due.orgId, at: now });
      return due.userId;
    });
    if (!erasedId) return erased;
    onErased(erasedId);
    erased++;
  }
}
