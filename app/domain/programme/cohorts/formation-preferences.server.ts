// Formation preferences (issue 16): when the organisation allows it, a person
// enrolled in a cohort whose groups are still to be formed names up to
// MAX_CHOICES colleagues they would like to meet and up to MAX_CHOICES they
// would rather not be grouped with. Only the formation engine reads them
// (readFormationPreferences, for the admins who form the groups); no page
// shows them to the people named, to facilitators or to other members.
// Turning the setting off hides the choices; it does not delete them.
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../../db/database";
import { cohortMembers, cohorts, formationPreferences, organisations, users } from "../../../../db/schema";
import { NotFoundError } from "../../http-errors";
import { InputError } from "../../input-error";
import { message } from "../../i18n/message";
import type { Actor } from "../../policy";
import { isUuid } from "../../uuid";
import { MAX_CHOICES, type PreferenceChoices } from "./formation-preference-fields";

export type FormationPreference = { userId: string; targetId: string; kind: "want" | "rather_not" };

export const NOTHING_TO_SET = "programme:preferences.errors.nothingToSet";

/**
 * The cohorts where this person may state preferences: enrolled in them, their
 * sponsorship not ended (groups still to form or re-form), and the
 * organisation's setting on. Empty when there is nothing to set.
 */
export async function preferenceCohorts(db: Database, actor: Actor, { lock = false } = {}) {
  const query = db
    .select({ id: cohorts.id, name: cohorts.name })
    .from(cohortMembers)
    .innerJoin(cohorts, and(eq(cohorts.id, cohortMembers.cohortId), eq(cohorts.orgId, actor.orgId), isNull(cohorts.sponsorshipEndedAt)))
    .innerJoin(organisations, and(eq(organisations.id, cohorts.orgId), eq(organisations.formationPreferences, true)))
    .where(eq(cohortMembers.userId, actor.id))
    .orderBy(asc(cohorts.name), asc(cohorts.id));
  // Under a share lock, ending the sponsorship waits for a save in progress, and a save after it sees the end.
  return lock ? query.for("share", { of: cohorts }) : query;
}

/** The cohort asked for (or the first), among those where the person may state preferences; anything else is a 404. */
export async function findPreferenceCohort(db: Database, actor: Actor, cohortId: string | null, options: { lock?: boolean } = {}) {
  const open = await preferenceCohorts(db, actor, options);
  if (open.length === 0) throw new NotFoundError(NOTHING_TO_SET);
  const cohort = cohortId === null ? open[0] : isUuid(cohortId) ? open.find((c) => c.id === cohortId) : undefined;
  if (!cohort) throw new NotFoundError("programme:preferences.errors.cohortNotFound");
  return { cohort, cohorts: open };
}

/** The other people enrolled in the cohort, whom the person may name. */
function colleaguesIn(db: Database, cohortId: string, actor: Actor) {
  return db
    .select({ id: users.id, name: users.name, jobTitle: users.jobTitle })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(and(eq(cohortMembers.cohortId, cohortId), ne(cohortMembers.userId, actor.id)))
    .orderBy(asc(users.name), asc(users.id));
}

/** What the preferences page shows: the cohort, the others of it, and the person's own choices (never anyone else's). */
export async function loadFormationPreferences(db: Database, actor: Actor, cohortId: string | null) {
  const { cohort, cohorts: open } = await findPreferenceCohort(db, actor, cohortId);
  const [colleagues, mine] = await Promise.all([
    colleaguesIn(db, cohort.id, actor),
    db
      .select({ targetId: formationPreferences.targetId, kind: formationPreferences.kind })
      .from(formationPreferences)
      .innerJoin(users, eq(users.id, formationPreferences.targetId))
      .where(and(eq(formationPreferences.cohortId, cohort.id), eq(formationPreferences.userId, actor.id)))
      .orderBy(asc(users.name), asc(users.id)),
  ]);
  // A choice of someone no longer enrolled is not shown; the engine ignores it too.
  const ofKind = (kind: FormationPreference["kind"]) => mine.filter((p) => p.kind === kind && colleagues.some((c) => c.id === p.targetId)).map((p) => p.targetId);
  return { cohort, cohorts: open, colleagues, want: ofKind("want"), ratherNot: ofKind("rather_not") };
}

/** The first problem with each list, in words a person understands; empty when the choices can be saved. */
function choiceErrors(actor: Actor, colleagues: Map<string, string>, choices: PreferenceChoices) {
  const errors: Record<string, string> = {};
  const lists = [
    ["want", choices.want],
    ["ratherNot", choices.ratherNot],
  ] as const;
  for (const [field, ids] of lists) {
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (ids.length > MAX_CHOICES) errors[field] = message(`programme:preferences.errors.tooMany.${field}`, { max: MAX_CHOICES });
    else if (ids.includes(actor.id)) errors[field] = "programme:preferences.errors.yourself";
    else if (ids.some((id) => !colleagues.has(id))) errors[field] = "programme:preferences.errors.notEnrolled";
    else if (twice) errors[field] = message("programme:preferences.errors.twice", { name: colleagues.get(twice) ?? "" });
  }
  const both = choices.ratherNot.find((id) => choices.want.includes(id) && colleagues.has(id));
  if (both && !errors.ratherNot) errors.ratherNot = message("programme:preferences.errors.bothLists", { name: colleagues.get(both) ?? "" });
  return errors;
}

/** Replaces the person's choices for the cohort, all at once; bad choices change nothing. */
export async function saveFormationPreferences(db: Database, actor: Actor, cohortId: string | null, choices: PreferenceChoices) {
  return db.transaction(async (tx) => {
    const { cohort } = await findPreferenceCohort(tx, actor, cohortId, { lock: true });
    const colleagues = new Map((await colleaguesIn(tx, cohort.id, actor)).map((c) => [c.id, c.name]));
    const errors = choiceErrors(actor, colleagues, choices);
    if (Object.keys(errors).length) throw new InputError(errors);
    await tx.delete(formationPreferences).where(and(eq(formationPreferences.cohortId, cohort.id), eq(formationPreferences.userId, actor.id)));
    const rows = [
      ...choices.want.map((targetId) => ({ cohortId: cohort.id, userId: actor.id, targetId, kind: "want" as const })),
      ...choices.ratherNot.map((targetId) => ({ cohortId: cohort.id, userId: actor.id, targetId, kind: "rather_not" as const })),
    ];
    if (rows.length) await tx.insert(formationPreferences).values(rows);
    return cohort;
  });
}

const chooser = alias(cohortMembers, "chooser");
const chosen = alias(cohortMembers, "chosen");

/**
 * The cohort's preferences for the formation engine: [] while the
 * organisation's setting is off, and only between people still enrolled.
 * The caller (formation, for the cohort's admins) has checked access.
 */
export async function readFormationPreferences(db: Database, cohortId: string): Promise<FormationPreference[]> {
  return db
    .select({ userId: formationPreferences.userId, targetId: formationPreferences.targetId, kind: formationPreferences.kind })
    .from(formationPreferences)
    .innerJoin(cohorts, eq(cohorts.id, formationPreferences.cohortId))
    .innerJoin(organisations, and(eq(organisations.id, cohorts.orgId), eq(organisations.formationPreferences, true)))
    .innerJoin(chooser, and(eq(chooser.cohortId, formationPreferences.cohortId), eq(chooser.userId, formationPreferences.userId)))
    .innerJoin(chosen, and(eq(chosen.cohortId, formationPreferences.cohortId), eq(chosen.userId, formationPreferences.targetId)))
    .where(eq(formationPreferences.cohortId, cohortId))
    .orderBy(asc(formationPreferences.userId), asc(formationPreferences.kind), asc(formationPreferences.targetId));
}
