// A cohort's split into groups, as plain data: the one shape both the admin's
// hand-made assignment and the formation engine's proposal take, so either
// replaces the other through the same use-case (apply-formation.server.ts).
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
 * Problems stop a formation from being saved (someone in two groups, someone
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
    if (!name) problems.push("Every group needs a name.");
    else if (groupNames.has(name.toLowerCase())) problems.push(`Two groups are called "${name}".`);
    groupNames.add(name.toLowerCase());
    if (group.facilitatorId && !facilitators.has(group.facilitatorId)) {
      problems.push(`${names(group.facilitatorId)} is not a facilitator of this organisation.`);
    }
    for (const userId of group.memberIds) {
      if (!enrolled.has(userId)) problems.push(`${names(userId)} is not enrolled in this cohort.`);
      const earlier = placed.get(userId);
      if (earlier !== undefined) problems.push(`${names(userId)} is in both ${earlier} and ${name}.`);
      placed.set(userId, name);
      if (userId === group.facilitatorId) problems.push(`${names(userId)} cannot facilitate a group they are a member of.`);
    }
    const size = group.memberIds.length;
    if (size > 0 && (size < bounds.min || size > bounds.max)) {
      warnings.push(`${name} has ${size} ${size === 1 ? "member" : "members"}; the cohort's groups have ${bounds.min} to ${bounds.max}.`);
    }
    if (size > 0 && !group.facilitatorId) warnings.push(`${name} has no facilitator yet.`);
  }
  const unplaced = [...enrolled].filter((id) => !placed.has(id)).length;
  if (unplaced > 0) warnings.push(`${unplaced} enrolled ${unplaced === 1 ? "person is" : "people are"} not in a group yet.`);
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
