// Who an "@Full Name" in a comment reaches: real people, matched by their
// whole name (case-insensitive, longest name wins), and only those who may
// see the proposal, draft or group discussion the comment is in. Nobody
// learns of a thread they cannot open.
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { groupMembers, modules, proposals, users } from "../../../db/schema";
import type { Role } from "../../../db/roles";
import { canSeeProposal, draftAccess } from "../policy";
import { mentionCandidates } from "./mention-names";

// A long comment full of "@" should not turn into a huge query.
const MAX_MENTIONS = 50;

export type MentionScope = { proposalId: string } | { moduleId: string } | { groupId: string };

const nameKey = sql<string>`lower(regexp_replace(btrim(${users.name}), '\\s+', ' ', 'g'))`;

/** The ids of the people this comment mentions who may see where it is posted. */
export async function findMentionedPeople(db: Database, body: string, scope: MentionScope): Promise<string[]> {
  const mentions = mentionCandidates(body).slice(0, MAX_MENTIONS);
  if (mentions.length === 0) return [];
  const names = [...new Set(mentions.flat())];
  const moduleId = "moduleId" in scope ? scope.moduleId : null;
  const people = await db
    .select({
      id: users.id,
      orgId: users.orgId,
      key: nameKey,
      roles: sql<Role[]>`coalesce((select array_agg(ur.role::text) from user_roles ur where ur.user_id = ${users.id}), '{}')`,
      authorRole: moduleId
        ? sql<"lead" | "coauthor" | null>`(select ma.role from module_authors ma where ma.module_id = ${moduleId} and ma.user_id = ${users.id})`
        : sql<null>`null`,
    })
    .from(users)
    .where(inArray(nameKey, names));
  if (people.length === 0) return [];

  const maySee = await audienceCheck(db, scope);
  const byName = new Map<string, string[]>();
  for (const person of people) {
    if (!maySee(person)) continue;
    byName.set(person.key, [...(byName.get(person.key) ?? []), person.id]);
  }
  const mentioned = new Set<string>();
  for (const candidates of mentions) {
    const longest = candidates.find((name) => byName.has(name));
    for (const id of longest ? byName.get(longest)! : []) mentioned.add(id);
  }
  return [...mentioned];
}

type Person = { id: string; orgId: string; roles: Role[]; authorRole: "lead" | "coauthor" | null };

async function audienceCheck(db: Database, scope: MentionScope): Promise<(person: Person) => boolean> {
  if ("proposalId" in scope) {
    const [proposal] = await db.select({ visibility: proposals.visibility, orgId: proposals.orgId }).from(proposals).where(eq(proposals.id, scope.proposalId));
    return (person) => !!proposal && canSeeProposal(person, proposal);
  }
  if ("groupId" in scope) {
    // A group's discussion is its members': a mention of anyone else reaches nobody.
    const members = new Set((await db.select({ id: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, scope.groupId))).map((m) => m.id));
    return (person) => members.has(person.id);
  }
  const [module] = await db
    .select({ status: modules.status, visibility: modules.visibility, ownerOrgId: modules.ownerOrgId })
    .from(modules)
    .where(eq(modules.id, scope.moduleId));
  return (person) => !!module && draftAccess(person, { ...module, authorRole: person.authorRole }) !== "none";
}
