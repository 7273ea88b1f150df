// The platform admin's view of organisations, and creating a new one.
import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { organisations, users } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { inviteMember } from "../orgs/invitations.server";
import { canAdministerPlatform, type Actor } from "../policy";

export async function listOrganisations(db: Database, actor: Actor) {
  if (!canAdministerPlatform(actor)) throw new ForbiddenError();
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      slug: organisations.slug,
      signupMode: organisations.signupMode,
      allowedEmailDomain: organisations.allowedEmailDomain,
      people: count(users.id),
    })
    .from(organisations)
    // An erased account is no longer a person: its row stays only as "Former member".
    .leftJoin(users, and(eq(users.orgId, organisations.id), isNull(users.erasedAt)))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.name));
}

export function slugify(name: string) {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/** Creates an organisation and invites its first admin. */
export async function createOrganisation(
  db: Database,
  actor: Actor & { name: string },
  publicOrigin: string,
  input: { name: string; firstAdminEmail: string },
) {
  if (!canAdministerPlatform(actor)) throw new ForbiddenError();
  const slug = slugify(input.name);
  if (!slug) throw new InputError({ name: "privacy:errors.organisationNameNeedsLetter" });
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(organisations).values({ name: input.name, slug }).onConflictDoNothing().returning({ id: organisations.id });
    if (!org) throw new InputError({ name: "privacy:errors.organisationNameTaken" });
    await inviteMember(tx, actor, publicOrigin, org.id, { email: input.firstAdminEmail, roles: ["org_admin"] });
    return org.id;
  });
}
