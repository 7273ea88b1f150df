// Shared set-up for the directory tests: people with a department, a site,
// a bio, expertise and directory settings, each built fresh per test.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/database";
import type { Role } from "../../db/roles";
import { departments, directoryProfiles, sites, users } from "../../db/schema";
import type { DirectorySettings } from "../../app/domain/people/directory-fields";
import { createUser, uniqueWord } from "../support/factories";

export type Person = Awaited<ReturnType<typeof createUser>>;

/** A department and a site of this organisation, with recognisable names. */
export async function createStructure(db: Database, orgId: string) {
  const [department] = await db.insert(departments).values({ orgId, name: `Dept ${uniqueWord()}` }).returning();
  const [site] = await db.insert(sites).values({ orgId, name: `Site ${uniqueWord()}` }).returning();
  return { department: department!, site: site! };
}

/**
 * A person with profile details and directory settings (listed unless said
 * otherwise; everything else as the table's defaults unless overridden).
 */
export async function directoryPerson(
  db: Database,
  {
    orgId,
    roles = ["alumnus"],
    name = `Person ${uniqueWord()}`,
    bio = "",
    expertise = [],
    departmentId = null,
    siteId = null,
    settings = {},
  }: {
    orgId: string;
    roles?: Role[];
    name?: string;
    bio?: string;
    expertise?: string[];
    departmentId?: string | null;
    siteId?: string | null;
    settings?: Partial<DirectorySettings> | null;
  },
) {
  const user = await createUser(db, { orgId, roles, name });
  await db.update(users).set({ bio, expertise, departmentId, siteId }).where(eq(users.id, user.id));
  if (settings) await db.insert(directoryProfiles).values({ userId: user.id, listed: true, ...settings });
  return { ...user, bio, expertise, timeZone: "UTC" };
}

/** Every part a profile can show, on. */
export const SHOW_ALL: Partial<DirectorySettings> = {
  showOrganisation: true,
  showDepartment: true,
  showSite: true,
  showExpertise: true,
  showBio: true,
  showMentoring: true,
  showGroups: true,
};

/** Every part a profile can show, off. */
export const SHOW_NOTHING: Partial<DirectorySettings> = Object.fromEntries(Object.keys(SHOW_ALL).map((k) => [k, false]));
