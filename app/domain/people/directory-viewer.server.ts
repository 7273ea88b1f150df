// Who is looking at the directory: a signed-in person, or a stand-in for the
// preview ("someone else of your organisation", "an alumnus elsewhere"), so
// the preview comes from the very code that serves real viewers.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { organisations } from "../../../db/schema";
import type { Actor, Crossing } from "../policy";

export type DirectoryViewer = { actor: Actor; orgAllowsCrossing: boolean };

// Stand-ins are nobody: this id matches no person, group membership or ban.
const NOBODY = "00000000-0000-0000-0000-000000000000";

export async function viewerFor(db: Database, actor: Actor): Promise<DirectoryViewer> {
  const [org] = await db.select({ allows: organisations.crossOrgConnections }).from(organisations).where(eq(organisations.id, actor.orgId));
  return { actor, orgAllowsCrossing: org?.allows ?? false };
}

/** An alumnus of the same organisation who is in none of the owner's groups. */
export const colleagueOf = (owner: { orgId: string }, orgAllowsCrossing: boolean): DirectoryViewer => ({
  actor: { id: NOBODY, orgId: owner.orgId, roles: ["alumnus"] },
  orgAllowsCrossing,
});

/** An alumnus of another organisation that allows connections across organisations. */
export const alumnusElsewhere = (): DirectoryViewer => ({ actor: { id: NOBODY, orgId: NOBODY, roles: ["alumnus"] }, orgAllowsCrossing: true });

/** Whether the viewer and someone (or a group) of `orgId` may meet; `orgAllows` is that organisation's setting. */
export const crossingFor = (viewer: DirectoryViewer, orgId: string, orgAllows: boolean): Crossing =>
  orgId === viewer.actor.orgId ? { sameOrg: true, bothOrgsAllow: true } : { sameOrg: false, bothOrgsAllow: viewer.orgAllowsCrossing && orgAllows };
