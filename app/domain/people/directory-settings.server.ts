// A person's own directory settings: whether they are listed, what they
// show, their mindset interests, and whether other organisations see them;
// with a preview of what others see, from the code that serves them.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { directoryProfiles } from "../../../db/schema";
import type { Actor } from "../policy";
import { DEFAULT_DIRECTORY_SETTINGS, type DirectorySettings } from "./directory-fields";
import { viewDirectoryProfile } from "./directory-profile.server";
import { alumnusElsewhere, colleagueOf, viewerFor } from "./directory-viewer.server";

export async function getDirectorySettings(db: Database, actor: Actor) {
  const [[row], viewer] = await Promise.all([db.select().from(directoryProfiles).where(eq(directoryProfiles.userId, actor.id)), viewerFor(db, actor)]);
  const { userId: _, updatedAt: __, ...settings } = row ?? { ...DEFAULT_DIRECTORY_SETTINGS, userId: actor.id, updatedAt: null };
  return { settings: settings as DirectorySettings, orgAllowsCrossing: viewer.orgAllowsCrossing };
}

export async function saveDirectorySettings(db: Database, actor: Actor, settings: DirectorySettings) {
  await db
    .insert(directoryProfiles)
    .values({ ...settings, userId: actor.id })
    .onConflictDoUpdate({ target: directoryProfiles.userId, set: { ...settings, updatedAt: sql`now()` } });
}

/**
 * What others see: a colleague of the same organisation, and (when the
 * person and their organisation allow it) an alumnus of another
 * organisation that allows it too. Null where they see nothing.
 */
export async function previewDirectoryProfile(db: Database, actor: Actor) {
  const { settings, orgAllowsCrossing } = await getDirectorySettings(db, actor);
  const [asColleague, elsewhere] = await Promise.all([
    viewDirectoryProfile(db, colleagueOf(actor, orgAllowsCrossing), actor.id),
    viewDirectoryProfile(db, alumnusElsewhere(), actor.id),
  ]);
  return { settings, orgAllowsCrossing, asColleague, asAlumnusElsewhere: elsewhere };
}
