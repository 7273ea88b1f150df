// A cohort's split into groups, as plain data: the one shape both the admin's
// hand-made assignment and the formation engine's proposal take, so either
// replaces the other through the same use-case (apply-formation.server.ts).
import { message } from "../i18n/message";
export type FormationGroup = {
  /** The existing programme group this becomes; null for a new one. */
  groupId: string | null;
  name: string;
  facilitatorId: string | null;
  memberIds: string[];
};

export type Formation = { groups: FormationGroup[] };

export type FormationBounds = { min: number; max: number };

export type FormationCheck = { problems: string[]; warnings: string[] };

/**
 * Messages (message.ts), translated where shown. Problems stop a formation from being saved (someone in two groups, someone
 * not enrolled, a group without a name); warnings are shown beside it (a
 * group outside the cohort's size bounds, people not yet in any group).
 * `names` turns ids into names for the messages.
 */
export function checkFormation(
  formation: Formation,
  enrolled: ReadonlySet<string>,
  bounds: FormationBounds,
  names: (userId: string) => string,
  facilitators: ReadonlySet<string>,
): FormationCheck {
  const problems: string[] = [];
  const warnings: string[] = [];
  const placed = new Map<string, string>();
  const groupNames = new Set<string>();
  for (const group of formation.groups) {
    const name = group.name.trim();
    if (!name) problems.push("cohorts:groups.check.noName");
    else if (groupNames.has(name.toLowerCase())) problems.push(message("cohorts:groups.check.sameName", { name }));
    groupNames.add(name.toLowerCase());
    if (group.facilitatorId && !facilitators.has(group.facilitatorId)) {
      problems.push(message("cohorts:groups.check.notFacilitator", { name: names(group.facilitatorId) }));
    }
    for (const userId of group.memberIds) {
      if (!enrolled.has(userId)) problems.push(message("cohorts:groups.check.notEnrolled", { name: names(userId) }));
      const earlier = placed.get(userId);
      if (earlier !== undefined) problems.push(message("cohorts:groups.check.inTwoGroups", { name: names(userId), first: earlier, second: name }));
      placed.set(userId, name);
      if (userId === group.facilitatorId) problems.push(message("cohorts:groups.check.facilitatesOwnGroup", { name: names(userId) }));
    }
    const size = group.memberIds.length;
    if (size > 0 && (size < bounds.min || size > bounds.max)) {
      warnings.push(message("cohorts:groups.check.outsideSizes", { name, count: size, min: bounds.min, max: bounds.max }));
    }
    if (size > 0 && !group.facilitatorId) warnings.push(message("cohorts:groups.check.noFacilitator", { name }));
  }
  const unplaced = [...enrolled].filter((id) => !placed.has(id)).length;
  if (unplaced > 0) warnings.push(message("cohorts:groups.check.unplaced", { count: unplaced }));
  return { problems: [...new Set(problems)], warnings };
}

/** The formation with one person moved to another group (or out of every group, with null). */
export function movePerson(formation: Formation, userId: string, toGroupIndex: number | null): Formation {
  return {
    groups: formation.groups.map((group, index) => {
      const without = group.memberIds.filter((id) => id !== userId);
      return { ...group, memberIds: index === toGroupIndex ? [...without, userId] : without };
    }),
  };
}
