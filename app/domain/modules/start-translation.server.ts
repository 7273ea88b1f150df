// "Start a translation": a new draft module in the other language, linked to
// the module it translates, written and reviewed like any draft
// (docs/decisions/039-modules-in-two-languages.md). Its working draft starts
// from the published text, page for page, for the translators to rewrite.
import { and, eq, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "../../../db/database";
import { collabSnapshots, moduleAuthors, moduleRevisions, modules } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { LANGUAGE_NAMES } from "../i18n/language-names";
import { isLanguage, LANGUAGES, type Language } from "../i18n/languages";
import { message } from "../i18n/message";
import { InputError } from "../input-error";
import { canReadModule, canStartTranslation, type Actor } from "../policy";
import { moderationScope } from "../review/review-scope.server";
import { freeModuleSlug } from "./free-module-slug.server";
import { draftDocumentName } from "./module-draft.server";
import type { ModuleDocJSON } from "./module-schema";
import { moduleJsonToYDoc } from "./module-yjs";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type TranslationStart = {
  original: { id: string; slug: string; title: string; summary: string; language: Language };
  /** The languages it has no version in yet (a version being written counts). */
  languages: Language[];
};

/** The module to translate, for someone who may: a 404 when they cannot read it, a 403 when they do not write modules. */
export async function loadTranslationStart(db: Database, actor: Actor, slug: string): Promise<TranslationStart> {
  const notFound = new NotFoundError("modules:errors.notFound");
  if (!SLUG.test(slug) || slug.length > 120) throw notFound;
  const [original] = await db
    .select({
      id: modules.id,
      slug: modules.slug,
      title: modules.title,
      summary: modules.summary,
      language: modules.language,
      status: modules.status,
      visibility: modules.visibility,
      ownerOrgId: modules.ownerOrgId,
      group: sql<string>`coalesce(${modules.translationOf}, ${modules.id})`,
    })
    .from(modules)
    .where(eq(modules.slug, slug));
  if (!original || !canReadModule(actor, original)) throw notFound;
  if (!canStartTranslation(actor, original)) throw new ForbiddenError("modules:translate.errors.who");
  const members = await db
    .select({ language: modules.language })
    .from(modules)
    .where(sql`coalesce(${modules.translationOf}, ${modules.id}) = ${original.group}`);
  const language = isLanguage(original.language) ? original.language : "en";
  const taken = new Set(members.map((m) => m.language));
  return {
    original: { id: original.id, slug: original.slug, title: original.title, summary: original.summary, language },
    languages: LANGUAGES.filter((l) => !taken.has(l)),
  };
}

export async function startTranslation(db: Database, actor: Actor, slug: string, input: { language: Language; title: string; summary: string }, now = new Date()) {
  const start = await loadTranslationStart(db, actor, slug);
  if (!start.languages.includes(input.language)) {
    throw new InputError({ language: message("modules:translate.errors.exists", { language: LANGUAGE_NAMES[input.language] }) }, 409);
  }
  return db.transaction(async (tx) => {
    const [original] = await tx
      .select({
        id: modules.id,
        slug: modules.slug,
        title: modules.title,
        mindset: modules.mindset,
        secondaryMindsets: modules.secondaryMindsets,
        topics: modules.topics,
        visibility: modules.visibility,
        ownerOrgId: modules.ownerOrgId,
        translationOf: modules.translationOf,
        doc: moduleRevisions.doc,
      })
      .from(modules)
      .innerJoin(moduleRevisions, eq(moduleRevisions.id, modules.publishedRevisionId))
      .where(and(eq(modules.id, start.original.id), eq(modules.status, "published")));
    if (!original) throw new InputError({ form: "modules:translate.errors.withdrawn" }, 409);
    const values = {
      title: input.title,
      summary: input.summary,
      language: input.language,
      // Always the first module of the group, so a group is one module and its translations.
      translationOf: original.translationOf ?? original.id,
      mindset: original.mindset,
      secondaryMindsets: original.secondaryMindsets,
      topics: original.topics,
      // A translation reaches exactly the readers of what it translates.
      visibility: original.visibility,
      ownerOrgId: original.ownerOrgId,
      status: "draft" as const,
      coCreationMode: "curated" as const,
      createdAt: now,
      updatedAt: now,
    };
    let created: { id: string; slug: string } | undefined;
    // Another draft may take the slug, or another translator this language, at this moment.
    for (let attempt = 0; !created && attempt < 5; attempt++) {
      const slug = await freeModuleSlug(tx, `${original.slug.slice(0, 100).replace(/-+$/, "")}-${input.language}`);
      [created] = await tx.insert(modules).values({ ...values, slug }).onConflictDoNothing().returning({ id: modules.id, slug: modules.slug });
      if (!created) {
        const [taken] = await tx.select({ id: modules.id }).from(modules).where(and(sql`coalesce(${modules.translationOf}, ${modules.id}) = ${values.translationOf}`, eq(modules.language, input.language)));
        if (taken) throw new InputError({ language: message("modules:translate.errors.taken", { language: LANGUAGE_NAMES[input.language] }) }, 409);
      }
    }
    if (!created) throw new InputError({ form: "modules:translate.errors.noAddress" }, 409);
    await tx.insert(moduleAuthors).values({ moduleId: created.id, userId: actor.id, role: "lead", addedAt: now });
    const ydoc = moduleJsonToYDoc(original.doc as ModuleDocJSON);
    const state = Y.encodeStateAsUpdate(ydoc);
    ydoc.destroy();
    await tx.insert(collabSnapshots).values({ documentName: draftDocumentName(created.id), state });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "module.translation_started",
      targetType: "module",
      targetId: created.id,
      targetLabel: input.title,
      ownerOrgId: moderationScope(original),
      details: { translates: original.id, title: original.title, language: input.language },
      at: now,
    });
    return created;
  });
}
