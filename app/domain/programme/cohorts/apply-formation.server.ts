// Saving a cohort's split into groups: the one use-case the hand-made screen
// and the formation engine (issue 16) both call. It checks the formation
// (checkFormation: problems refuse it and nothing is written; warnings are
// returned) and writes only the difference: new programme groups, renamed
// ones, people added, removed or moved, facilitators changed. A group left
// out of the formation is deleted if it never had a cycle; one that has met
// must stay.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupMembers, groups } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import type { Actor } from "../../policy";
import type { Formation } from "../formation";
import { findCohort } from "./find-cohort.server";
import { checkAgainst, readFormation } from "./load-formation.server";
import { message } from "../../i18n/message";

export type FormationResult = { warnings: string[]; created: number; added: number; removed: number; changed: number };

/** The current formation and who is enrolled, as read under the cohort's lock. */
export type CurrentFormation = {
  formation: Formation;
  enrolled: ReadonlySet<string>;
  /** Groups that have had a cycle (they cannot be left out). */
  groupsWithCycles: ReadonlySet<string>;
  /** Names in use by the cohort's finished groups, so a new group does not take one. */
  finishedNames: readonly string[];
};

/**
 * `next` is the whole formation to save (the engine's proposal), or an edit of
 * the current one (the screen's "move this person"), applied to the formation
 * read under the lock, so two admins' edits at once both hold.
 */
export async function applyFormation(
  db: Database,
  actor: Actor,
  cohortId: string,
  next: Formation | ((current: CurrentFormation) => Formation),
): Promise<FormationResult> {
  await findCohort(db, actor, cohortId);
  return db.transaction(async (tx) => {
    // The cohort's row is the lock: two admins saving at once take turns.
    const cohort = await findCohort(tx, actor, cohortId, { forUpdate: true });
    if (cohort.sponsorshipEndedAt) throw new InputError({ form: "cohorts:formation.errors.sponsorshipEnded" });
    const state = await readFormation(tx, cohort);
    const formation =
      typeof next === "function"
        ? next({ formation: state.formation, enrolled: new Set(state.people.keys()), groupsWithCycles: state.groupsWithCycles, finishedNames: state.finishedGroups.map((g) => g.name) })
        : next;
    const existing = new Map(state.formation.groups.map((g) => [g.groupId!, g]));
    const problems: string[] = [];
    for (const g of formation.groups) if (g.groupId !== null && !existing.has(g.groupId)) problems.push(message("cohorts:groups.check.notThisCohorts", { name: g.name }));
    const kept = new Set(formation.groups.map((g) => g.groupId).filter(Boolean));
    const dropped = [...existing.values()].filter((g) => !kept.has(g.groupId));
    for (const g of dropped) if (state.groupsWithCycles.has(g.groupId!)) problems.push(message("cohorts:groups.check.alreadyMet", { name: g.name }));
    const check = checkAgainst(state, cohort, formation);
    problems.push(...check.problems);
    // One message at a time: each is a whole sentence in the reader's language (the next shows once this one is fixed).
    if (problems.length) throw new InputError({ form: problems[0]! });

    let created = 0;
    let added = 0;
    let removed = 0;
    let changed = 0;
    const placed: { userId: string; groupName: string }[] = [];
    if (dropped.length) {
      await tx.delete(groups).where(inArray(groups.id, dropped.map((g) => g.groupId!)));
      changed += dropped.length;
    }
    for (const g of formation.groups) {
      const name = g.name.trim();
      let groupId = g.groupId;
      const before = groupId ? existing.get(groupId)! : null;
      if (!groupId) {
        const [row] = await tx.insert(groups).values({ orgId: cohort.orgId, cohortId: cohort.id, kind: "programme", name }).returning({ id: groups.id });
        groupId = row!.id;
        created++;
      } else if (before!.name !== name) {
        await tx.update(groups).set({ name, updatedAt: new Date() }).where(eq(groups.id, groupId));
        changed++;
      }
      const want = new Map<string, "member" | "facilitator">(g.memberIds.map((id) => [id, "member"]));
      if (g.facilitatorId) want.set(g.facilitatorId, "facilitator");
      const have = new Map(state.memberRows.filter((m) => m.groupId === groupId).map((m) => [m.userId, m.role]));
      const leaving = [...have.keys()].filter((id) => !want.has(id));
      if (leaving.length) await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.userId, leaving)));
      removed += leaving.length;
      const joining = [...want].filter(([id]) => !have.has(id));
      if (joining.length) await tx.insert(groupMembers).values(joining.map(([userId, role]) => ({ groupId: groupId!, userId, role })));
      added += joining.length;
      placed.push(...joining.map(([userId]) => ({ userId, groupName: name })));
      for (const [userId, role] of want) {
        if (have.has(userId) && have.get(userId) !== role) {
          await tx.update(groupMembers).set({ role }).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));
          changed++;
        }
      }
    }
    if (created + added + removed + changed > 0) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "cohort.groups_formed",
        targetType: "cohort",
        targetId: cohort.id,
        targetLabel: cohort.name,
        ownerOrgId: cohort.orgId,
        details: { groups: formation.groups.length, created, added, removed, changed },
      });
      const byGroup = new Map<string, string[]>();
      for (const p of placed) byGroup.set(p.groupName, [...(byGroup.get(p.groupName) ?? []), p.userId]);
      for (const [groupName, ids] of byGroup)
        await notify(tx, ids, { kind: "programme", title: message("notifications:texts.placed", { group: groupName }), body: message("notifications:texts.placedBody", { cohort: cohort.name }), link: "/programme" }, { actorId: actor.id });
    }
    return { warnings: check.warnings, created, added, removed, changed };
  });
}
