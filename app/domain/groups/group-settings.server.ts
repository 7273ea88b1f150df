// A peer group's settings, changed by its conveners: name, field, charter,
// how people join and how requests are decided, whether other
// organisations' alumni are welcome, and the size cap. A change that would
// break a rule (a cap below the members, a name taken, crossing a border an
// organisation keeps closed) changes nothing.
import { and, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { groupMembers, groups, organisations, reviewItems, users } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError } from "../http-errors";
import { canConveneGroup, type Actor } from "../policy";
import { InputError } from "../input-error";
import { reviewTitle } from "./approve-group.server";
import { capBelowThreshold, crossOrgForbidden, duplicateNameError } from "./found-group.server";
import type { GroupSettingsInput } from "./group-fields";
import { findGroupSpace } from "./load-group.server";
import { message } from "../i18n/message";

const SETTINGS = ["name", "field", "charter", "joinPolicy", "joinDecision", "voteQuorum", "voteWindowHours", "crossOrg", "sizeCap"] as const;

/** The group for its settings page: members who are not conveners are refused (403), everyone else gets a 404. */
export async function loadGroupSettings(db: Database, actor: Actor, groupId: string) {
  const group = await findGroupSpace(db, actor, groupId);
  if (!canConveneGroup(actor, group.access)) throw new ForbiddenError("groups:settings.errors.convenersOnly");
  return { ...group, closedBorder: await closedBorder(db, actor, group.orgId) };
}

/** Opening a group to other organisations needs its organisation, and the convener's, to allow connections: the first that does not, if any. */
async function closedBorder(db: Database, actor: Actor, groupOrgId: string) {
  const orgs = await db
    .select({ name: organisations.name, allows: organisations.crossOrgConnections })
    .from(organisations)
    .where(inArray(organisations.id, [groupOrgId, actor.orgId]));
  return orgs.find((o) => !o.allows)?.name ?? null;
}

/** PostgreSQL's unique_violation, however the driver wraps it. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === "23505") return true;
  return false;
}

export async function changeGroupSettings(db: Database, actor: Actor, groupId: string, input: GroupSettingsInput, now = new Date()) {
  await loadGroupSettings(db, actor, groupId);
  try {
    return await db.transaction(async (tx) => {
      // Locked, so a join that lands meanwhile is counted against the new cap.
      const [group] = await tx.select().from(groups).where(eq(groups.id, groupId)).for("update");
      const before = group!;
      const [{ members }] = (await tx.select({ members: count() }).from(groupMembers).where(eq(groupMembers.groupId, groupId))) as [{ members: number }];
      if (input.sizeCap < members) throw new InputError({ sizeCap: message("groups:settings.errors.capBelowMembers", { count: members }) });
      if (before.status === "gathering") {
        const [org] = await tx.select({ minPeople: organisations.groupFoundingMinPeople }).from(organisations).where(eq(organisations.id, before.orgId));
        if (org?.minPeople && input.sizeCap < org.minPeople) throw capBelowThreshold(org.minPeople);
      }
      if (input.name.toLowerCase() !== before.name.toLowerCase()) {
        const [taken] = await tx
          .select({ id: groups.id })
          .from(groups)
          .where(and(eq(groups.kind, "peer"), ne(groups.id, groupId), sql`lower(${groups.name}) = lower(${input.name})`));
        if (taken) throw duplicateNameError(input.name);
      }
      if (input.crossOrg && !before.crossOrg) {
        const closed = await closedBorder(tx, actor, before.orgId);
        if (closed) throw crossOrgForbidden(closed);
      }
      if (!input.crossOrg && before.crossOrg) {
        const [{ outsiders }] = (await tx
          .select({ outsiders: count() })
          .from(groupMembers)
          .innerJoin(users, eq(users.id, groupMembers.userId))
          .where(and(eq(groupMembers.groupId, groupId), ne(users.orgId, before.orgId)))) as [{ outsiders: number }];
        if (outsiders > 0)
          throw new InputError({ crossOrg: `${outsiders} ${outsiders === 1 ? "member comes" : "members come"} from other organisations. The group stays open to other organisations while they are in it.` });
      }

      const changes = Object.fromEntries(
        SETTINGS.filter((key) => input[key] !== before[key]).map((key) => [key, key === "charter" ? "changed" : { from: before[key], to: input[key] }]),
      );
      if (Object.keys(changes).length === 0) return { changed: [] as string[] };
      await tx.update(groups).set({ ...input, updatedAt: now }).where(eq(groups.id, groupId));
      // A group still waiting for a moderator shows under its new name in the queue.
      if ("name" in changes) await tx.update(reviewItems).set({ title: reviewTitle(input.name) }).where(eq(reviewItems.groupId, groupId));
      await recordAudit(tx, { actorId: actor.id, action: "group.settings_changed", targetType: "group", targetId: groupId, targetLabel: input.name, ownerOrgId: before.orgId, details: { changes }, at: now });
      return { changed: Object.keys(changes) };
    });
  } catch (error) {
    // Another group took the name between our check and the update.
    if (isUniqueViolation(error)) throw duplicateNameError(input.name);
    throw error;
  }
}
