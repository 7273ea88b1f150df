// Founding a peer group: an alumnus sets its name, field, charter, join
// policy and size cap, and becomes its convener. Depending on the
// organisation it then gathers interest, waits for a moderator, or starts
// at once (see settleGathering).
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { groupInterest, groupMembers, groups, organisations } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canFoundGroup, type Actor } from "../policy";
import type { GroupStatus } from "./approve-group.server";
import { settleGathering } from "./express-interest.server";
import { WHO_MAY_FOUND, type GroupSettingsInput } from "./group-fields";
import { message } from "../i18n/message";

export const duplicateNameError = (name: string) => new InputError({ name: message("groups:found.errors.duplicateName", { name }) }, 409);

export const crossOrgForbidden = (orgName: string) =>
  new InputError({ crossOrg: message("groups:found.errors.crossOrgForbidden", { organisation: orgName }) });

/** A group could never start if fewer people fit in it than must be interested. */
export const capBelowThreshold = (minPeople: number) =>
  new InputError({ sizeCap: message("groups:found.errors.capBelowThreshold", { count: minPeople }) });

/** What the founder's organisation asks of a new group, for the form. */
export async function foundingRules(db: Database, actor: Actor) {
  const [org] = await db
    .select({
      name: organisations.name,
      crossOrgConnections: organisations.crossOrgConnections,
      minPeople: organisations.groupFoundingMinPeople,
      minDepartments: organisations.groupFoundingMinDepartments,
      needsApproval: organisations.groupsNeedApproval,
    })
    .from(organisations)
    .where(eq(organisations.id, actor.orgId));
  return org!;
}

export async function foundGroup(db: Database, actor: Actor, input: GroupSettingsInput, now = new Date()): Promise<{ id: string; status: GroupStatus }> {
  if (!canFoundGroup(actor)) throw new ForbiddenError(WHO_MAY_FOUND);
  const rules = await foundingRules(db, actor);
  if (input.crossOrg && !rules.crossOrgConnections) throw crossOrgForbidden(rules.name);
  if (rules.minPeople && input.sizeCap < rules.minPeople) throw capBelowThreshold(rules.minPeople);
  return db.transaction(async (tx) => {
    // The unique index on lower(name) among peer groups settles two founders racing for one name.
    const [group] = await tx
      .insert(groups)
      .values({ ...input, orgId: actor.orgId, kind: "peer", status: "gathering", founderId: actor.id, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: groups.id });
    if (!group) throw duplicateNameError(input.name);
    await tx.insert(groupMembers).values({ groupId: group.id, userId: actor.id, role: "convener", joinedAt: now });
    // The founder is the first interested person.
    await tx.insert(groupInterest).values({ groupId: group.id, userId: actor.id, createdAt: now });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "group.founded",
      targetType: "group",
      targetId: group.id,
      targetLabel: input.name,
      ownerOrgId: actor.orgId,
      details: { field: input.field, joinPolicy: input.joinPolicy, joinDecision: input.joinDecision, crossOrg: input.crossOrg, sizeCap: input.sizeCap },
      at: now,
    });
    const status = await settleGathering(tx, group.id, { actorId: actor.id, now });
    return { id: group.id, status };
  });
}
