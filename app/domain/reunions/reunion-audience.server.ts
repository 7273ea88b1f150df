// Who a reunion is for: choosing the audience when creating it, and listing
// its members when they must be told something.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/database";
import {
  groupMembers,
  groups,
  reunionAudience,
  userRoles,
  users,
} from "../../../db/schema";
import { normaliseEmail } from "../accounts/account-fields";
import { InputError } from "../input-error";
import { message } from "../i18n/message";
import { canAdministerOrg, type Actor } from "../policy";

export type AudienceRow = Omit<
  typeof reunionAudience.$inferInsert,
  "reunionId" | "id"
>;

/** The groups an organiser may invite: their own former and peer groups; an org admin, every group of the organisation. */
export async function invitableGroups(db: Database, actor: Actor) {
  const all = canAdministerOrg(actor, actor.orgId);
  const rows = await db
    .selectDistinct({ id: groups.id, name: groups.name, kind: groups.kind })
    .from(groups)
    .leftJoin(
      groupMembers,
      and(
        eq(groupMembers.groupId, groups.id),
        eq(groupMembers.userId, actor.id)
      )
    )
    .where(
      all
        ? eq(groups.orgId, actor.orgId)
        : and(eq(groups.orgId, actor.orgId), eq(groupMembers.userId, actor.id))
    );
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/** Checks the chosen audience and turns it into reunion_audience rows. */
export async function resolveAudience(
  db: Database,
  actor: Actor,
  input: {
    groupIds: string[];
    wholeOrganisation: boolean;
    inviteEmails: string;
  }
): Promise<AudienceRow[]> {
  const rows: AudienceRow[] = [];
  const allowed = new Set((await invitableGroups(db, actor)).map((g) => g.id));
  const groupIds = [...new Set(input.groupIds)];
  if (groupIds.some((id) => !allowed.has(id)))
    throw new InputError({
      groupIds: "reunions:errors.notYourGroups",
    });
  rows.push(
    ...groupIds.map((groupId) => ({ kind: "group" as const, groupId }))
  );
  if (input.wholeOrganisation)
    rows.push({ kind: "organisation", orgId: actor.orgId });

  const emails = [
    ...new Set(
      input.inviteEmails
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map(normaliseEmail)
    ),
  ];
  if (emails.length) {
    // Only people of the organiser's own organisation: reunions never reach outside it.
    const found = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.orgId, actor.orgId), inArray(users.email, emails)));
    const missing = emails.filter((e) => !found.some((f) => f.email === e));
    if (missing.length)
      throw new InputError({
        inviteEmails: message("reunions:errors.emailsNotFound", { count: missing.length, emails: missing.join(", ") }),
      });
    rows.push(
      ...found
        .filter((f) => f.id !== actor.id)
        .map((f) => ({ kind: "person" as const, userId: f.id }))
    );
  }
  if (rows.length === 0)
    throw new InputError({
      groupIds: "reunions:errors.nobodyInvited",
    });
  return rows;
}

export type AudienceMember = {
  id: string;
  name: string;
  email: string;
  timeZone: string;
};

/** Everyone in a reunion's audience, each once. */
export async function audienceMembers(
  db: Database,
  reunionId: string
): Promise<AudienceMember[]> {
  const entries = await db
    .select()
    .from(reunionAudience)
    .where(eq(reunionAudience.reunionId, reunionId));
  const ids = new Set(
    entries.filter((e) => e.kind === "person" && e.userId).map((e) => e.userId!)
  );
  const groupIds = entries
    .filter((e) => e.kind === "group" && e.groupId)
    .map((e) => e.groupId!);
  if (groupIds.length)
    for (const m of await db
      .select({ id: groupMembers.userId })
      .from(groupMembers)
      .where(inArray(groupMembers.groupId, groupIds)))
      ids.add(m.id);
  const orgIds = entries
    .filter((e) => e.kind === "organisation" && e.orgId)
    .map((e) => e.orgId!);
  if (orgIds.length) {
    const alumni = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(
        userRoles,
        and(eq(userRoles.userId, users.id), eq(userRoles.role, "alumnus"))
      )
      .where(inArray(users.orgId, orgIds));
    for (const a of alumni) ids.add(a.id);
  }
  if (ids.size === 0) return [];
  const people = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      timeZone: users.timeZone,
    })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return people.sort((a, b) => a.name.localeCompare(b.name));
}
