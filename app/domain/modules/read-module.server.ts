// The reader's view of one module: its latest published revision, loaded
// scoped to what this person may read, with what they may do with its
// working draft, in one round trip. Anything else is a 404. A module with a
// translation is shown in the reader's language when they may read that
// version, with the other offered (docs/decisions/039-modules-in-two-languages.md).
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { preparedQuery } from "../../../db/prepared-query";
import { moduleRevisions, modules } from "../../../db/schema";
import { NotFoundError } from "../http-errors";
import { chooseLanguage, isLanguage, LANGUAGES, type Language } from "../i18n/languages";
import { canReadModule, canStartTranslation, draftAccess, isPlatformAdmin, type Actor } from "../policy";
import { authorRoleOf } from "./module-draft.server";
import { splitRenderedModule } from "./render-module.server";
import { groupInProgrammeSql, visibleModules } from "./visible-modules.server";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const MINUTES_PER_PAGE = 10;
export const MINUTES_FOR_TAKEAWAYS = 15;

// Built once per database (db/prepared-query.ts); platform admins read every organisation's modules, so they have their own.
const moduleBySlug = (platformAdmin: boolean) =>
  preparedQuery(platformAdmin ? "module_by_slug_any_org" : "module_by_slug", (db) =>
    db
      .select({
        id: modules.id,
        slug: modules.slug,
        title: modules.title,
        summary: modules.summary,
        mindset: modules.mindset,
        secondaryMindsets: modules.secondaryMindsets,
        topics: modules.topics,
        pageCount: modules.pageCount,
        publishedAt: modules.publishedAt,
        status: modules.status,
        visibility: modules.visibility,
        ownerOrgId: modules.ownerOrgId,
        authorRole: authorRoleOf(sql.placeholder("actorId")),
        inProgramme: groupInProgrammeSql(sql.placeholder("orgId")),
        revisionNumber: moduleRevisions.number,
        html: moduleRevisions.html,
        questions: moduleRevisions.questions,
        // Lead first, then co-authors, in one round trip with the module.
        authors: sql<{ name: string; role: "lead" | "coauthor" }[]>`(
          select coalesce(json_agg(json_build_object('name', u.name, 'role', ma.role) order by ma.role, u.name), '[]')
          from module_authors ma join users u on u.id = ma.user_id where ma.module_id = ${modules.id})`,
        language: modules.language,
        // The rest of its translation group, whatever their state: the policy decides below what this person may see of them.
        translations: sql<GroupMember[]>`(
          select coalesce(json_agg(json_build_object('slug', t.slug, 'title', t.title, 'language', t.language, 'status', t.status,
            'visibility', t.visibility, 'ownerOrgId', t.owner_org_id,
            'authorRole', (select ma.role from module_authors ma where ma.module_id = t.id and ma.user_id = ${sql.placeholder("actorId")}))), '[]')
          from modules t where coalesce(t.translation_of, t.id) = coalesce(${modules.translationOf}, ${modules.id}) and t.id <> ${modules.id})`,
        personLanguage: sql<string | null>`(select u.language from users u where u.id = ${sql.placeholder("actorId")})`,
        organisationLanguage: sql<string | null>`(select o.default_language from organisations o where o.id = ${sql.placeholder("orgId")})`,
      })
      .from(modules)
      .innerJoin(moduleRevisions, eq(moduleRevisions.id, modules.publishedRevisionId))
      .where(and(eq(modules.slug, sql.placeholder("slug")), visibleModules(platformAdmin, sql.placeholder("orgId")))),
  );
const readerQueries = { anyOrg: moduleBySlug(true), ownOrg: moduleBySlug(false) };

type GroupMember = { slug: string; title: string; language: string; status: string; visibility: string; ownerOrgId: string | null; authorRole: "lead" | "coauthor" | null };

/** How the reader page offers a module's other languages. */
export type TranslationLink =
  | { kind: "published"; language: Language; slug: string; title: string }
  | { kind: "draft"; language: Language; slug: string }
  | { kind: "start"; language: Language };

type Choice = {
  /** An explicit choice (the "Also in" link's ?lang=); without it the person's language (chooseLanguage) picks the version shown. */
  language?: string | null;
  acceptLanguage?: string | null;
  /** Exactly the module at this slug (a meeting runs the version it was opened in, and take-aways belong to it). */
  exact?: boolean;
};

export async function readModule(db: Database, actor: Actor, slug: string, { language = null, acceptLanguage = null, exact = false }: Choice = {}) {
  const notFound = new NotFoundError("modules:errors.notFound");
  if (!SLUG.test(slug) || slug.length > 120) throw notFound;
  const query = isPlatformAdmin(actor) ? readerQueries.anyOrg : readerQueries.ownOrg;
  let [row] = await query(db, { slug, orgId: actor.orgId, actorId: actor.id });
  if (!row) throw notFound;
  const wanted = isLanguage(language) ? language : chooseLanguage({ person: row.personLanguage, organisation: row.organisationLanguage, acceptLanguage });
  if (!exact && row.language !== wanted) {
    // Only a version this person may read: a draft translation stays out of sight.
    const better = row.translations.find((t) => t.language === wanted && canReadModule(actor, t));
    const [translated] = better ? await query(db, { slug: better.slug, orgId: actor.orgId, actorId: actor.id }) : [];
    if (translated) row = translated;
  }
  const { html, status, visibility, ownerOrgId, authorRole, translations, personLanguage: _p, organisationLanguage: _o, ...module } = row;
  return {
    ...module,
    language: isLanguage(row.language) ? row.language : "en",
    // The same rule as the editor page and the collaboration server, so the link never leads to a 404.
    draftAccess: draftAccess(actor, { status, visibility, ownerOrgId, authorRole }),
    translationLinks: translationLinks(actor, { status, visibility, ownerOrgId, language: row.language }, translations),
    parts: splitRenderedModule(html),
    estimatedMinutes: row.pageCount * MINUTES_PER_PAGE + MINUTES_FOR_TAKEAWAYS,
  };
}

/** For each other language: the version to read, else the draft to write (for its authors and reviewers), else an offer to start one. */
function translationLinks(actor: Actor, shown: { status: string; visibility: string; ownerOrgId: string | null; language: string }, members: GroupMember[]): TranslationLink[] {
  return LANGUAGES.filter((l) => l !== shown.language).flatMap((language): TranslationLink[] => {
    const member = members.find((m) => m.language === language);
    if (!member) return canStartTranslation(actor, shown) ? [{ kind: "start", language }] : [];
    if (canReadModule(actor, member)) return [{ kind: "published", language, slug: member.slug, title: member.title }];
    return draftAccess(actor, member) !== "none" ? [{ kind: "draft", language, slug: member.slug }] : [];
  });
}
