// The hand-made formation screen's edits, each a change to the Formation
// value; the result is saved through applyFormation like any other.
import { message } from "../../i18n/message";
import { InputError } from "../../input-error";
import { movePerson, type Formation } from "../formation";

export type FormationEdit =
  /** The group by its name (unique in a cohort), or null for "not in a group". */
  | { intent: "move"; userId: string; toGroup: string | null }
  | { intent: "facilitator"; groupId: string; facilitatorId: string | null }
  | { intent: "add-group"; name: string }
  | { intent: "rename"; groupId: string; name: string };

const indexOf = (formation: Formation, groupId: string, field: string) => {
  const index = formation.groups.findIndex((g) => g.groupId === groupId);
  if (index < 0) throw new InputError({ [field]: "cohorts:groups.errors.groupFromList" });
  return index;
};

const byName = (formation: Formation, name: string) => {
  const index = formation.groups.findIndex((g) => g.name.trim().toLowerCase() === name.trim().toLowerCase());
  if (index < 0) throw new InputError({ toGroup: message("cohorts:groups.errors.noSuchGroup", { name }) });
  return index;
};

export function editFormation({ formation, enrolled }: { formation: Formation; enrolled: ReadonlySet<string> }, edit: FormationEdit): Formation {
  switch (edit.intent) {
    case "move":
      if (!enrolled.has(edit.userId)) throw new InputError({ userId: "cohorts:groups.errors.personNotEnrolled" });
      return movePerson(formation, edit.userId, edit.toGroup === null ? null : byName(formation, edit.toGroup));
    case "facilitator": {
      const index = indexOf(formation, edit.groupId, "groupId");
      return { groups: formation.groups.map((g, i) => (i === index ? { ...g, facilitatorId: edit.facilitatorId } : g)) };
    }
    case "add-group":
      return { groups: [...formation.groups, { groupId: null, name: edit.name, facilitatorId: null, memberIds: [] }] };
    case "rename": {
      const index = indexOf(formation, edit.groupId, "groupId");
      return { groups: formation.groups.map((g, i) => (i === index ? { ...g, name: edit.name } : g)) };
    }
  }
}
