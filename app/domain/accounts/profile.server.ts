// A person's own profile.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { departments, organisations, sites, users } from "../../../db/schema";
import type { Language } from "../i18n/languages";
import { assertDepartmentAndSiteInOrg } from "../orgs/org-structure.server";

export type ProfileInput = {
  name: string;
  jobTitle: string;
  departmentId: string | null;
  siteId: string | null;
  timeZone: string;
  bio: string;
  expertise: string[];
};

export async function getOwnProfile(db: Database, userId: string) {
  const [row] = await db
    .select({
      name: users.name,
      email: users.email,
      jobTitle: users.jobTitle,
      orgId: users.orgId,
      orgName: organisations.name,
      departmentId: users.departmentId,
      departmentName: departments.name,
      siteId: users.siteId,
      siteName: sites.name,
      timeZone: users.timeZone,
      language: users.language,
      orgLanguage: organisations.defaultLanguage,
      bio: users.bio,
      expertise: users.expertise,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(sites, eq(sites.id, users.siteId))
    .where(eq(users.id, userId));
  return row!;
}

export async function updateOwnProfile(db: Database, user: { id: string; orgId: string }, input: ProfileInput) {
  await assertDepartmentAndSiteInOrg(db, user.orgId, input.departmentId, input.siteId);
  await db.update(users).set(input).where(eq(users.id, user.id));
}

/** The person's language for pages, emails and calendar files; null follows their organisation's default. */
export async function setOwnLanguage(db: Database, user: { id: string }, language: Language | null) {
  await db.update(users).set({ language }).where(eq(users.id, user.id));
}
