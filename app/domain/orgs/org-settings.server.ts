// An organisation's settings: how people join, whether its alumni meet
// other organisations' alumni, what founding a peer group takes, and whether
// enrolled people may state wishes for group formation.
import { and, eq, ne } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { organisations } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError, NotFoundError } from "../http-errors";
import type { Language } from "../i18n/languages";
import { message } from "../i18n/message";
import { InputError } from "../input-error";
import { canAdministerOrg, type Actor } from "../policy";

export async function getOrganisation(db: Database, actor: Actor, orgId: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new NotFoundError("org:settings.errors.notFound");
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  return org;
}

export type SignupSettings =
  | { signupMode: "invite_only"; allowedEmailDomain?: string | null }
  | { signupMode: "email_domain"; allowedEmailDomain: string };

export async function updateSignupSettings(db: Database, actor: Actor, orgId: string, settings: SignupSettings) {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const domain = settings.signupMode === "email_domain" ? settings.allowedEmailDomain : null;
  if (domain) {
    const [taken] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.allowedEmailDomain, domain), ne(organisations.id, orgId)));
    if (taken) throw new InputError({ allowedEmailDomain: "org:settings.errors.domainTaken" });
  }
  await db.update(organisations).set({ signupMode: settings.signupMode, allowedEmailDomain: domain }).where(eq(organisations.id, orgId));
}

/** Whether our alumni may appear to, form groups with and mentor alumni of other organisations that allow it too. */
export async function updateConnectionSettings(db: Database, actor: Actor, orgId: string, settings: { crossOrgConnections: boolean }) {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    const [org] = await tx.update(organisations).set(settings).where(eq(organisations.id, orgId)).returning({ name: organisations.name });
    if (!org) throw new NotFoundError("org:settings.errors.notFound");
    await recordAudit(tx, { actorId: actor.id, action: "organisation.connections_changed", targetType: "organisation", targetId: orgId, targetLabel: org.name, ownerOrgId: orgId, details: settings });
  });
}

export type GroupFoundingSettings = { groupFoundingMinPeople: number | null; groupFoundingMinDepartments: number | null; groupsNeedApproval: boolean };

/** What a new peer group needs before it becomes active: interested people, from enough departments, and a moderator's approval. */
export async function updateGroupFoundingSettings(db: Database, actor: Actor, orgId: string, settings: GroupFoundingSettings) {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const { groupFoundingMinPeople: people, groupFoundingMinDepartments: depts } = settings;
  if (people !== null && depts !== null && depts > people) {
    throw new InputError({ groupFoundingMinDepartments: message("org:settings.errors.departmentsAbovePeople", { count: depts }) });
  }
  await db.transaction(async (tx) => {
    const [org] = await tx.update(organisations).set(settings).where(eq(organisations.id, orgId)).returning({ name: organisations.name });
    if (!org) throw new NotFoundError("org:settings.errors.notFound");
    await recordAudit(tx, { actorId: actor.id, action: "organisation.group_founding_changed", targetType: "organisation", targetId: orgId, targetLabel: org.name, ownerOrgId: orgId, details: settings });
  });
}

/** Whether enrolled people may name colleagues they would like to meet, or would rather not, when groups are formed. Off hides their choices, it does not delete them. */
export async function updateFormationSettings(db: Database, actor: Actor, orgId: string, settings: { formationPreferences: boolean }) {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    const [org] = await tx.update(organisations).set(settings).where(eq(organisations.id, orgId)).returning({ name: organisations.name });
    if (!org) throw new NotFoundError("org:settings.errors.notFound");
    await recordAudit(tx, { actorId: actor.id, action: "organisation.formation_preferences_changed", targetType: "organisation", targetId: orgId, targetLabel: org.name, ownerOrgId: orgId, details: settings });
  });
}

/** The language of pages for members who have not chosen their own (they may still choose; the browser decides for nobody here). */
export async function updateDefaultLanguage(db: Database, actor: Actor, orgId: string, settings: { defaultLanguage: Language }) {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    const [org] = await tx.update(organisations).set(settings).where(eq(organisations.id, orgId)).returning({ name: organisations.name });
    if (!org) throw new NotFoundError("org:settings.errors.notFound");
    await recordAudit(tx, { actorId: actor.id, action: "organisation.language_changed", targetType: "organisation", targetId: orgId, targetLabel: org.name, ownerOrgId: orgId, details: settings });
  });
}
