// Puts people straight into a group as members, for tests that need a bigger group.
import type { Database } from "../../../db/database";
import { groupMembers } from "../../../db/schema";

export async function addToGroup(db: Database, groupId: string, people: { id: string }[], role: "member" | "mentor" | "convener" = "member") {
  if (people.length) await db.insert(groupMembers).values(people.map((p) => ({ groupId, userId: p.id, role })));
}
