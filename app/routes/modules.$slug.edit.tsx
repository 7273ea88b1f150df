// The co-authoring editor for a module's working draft. Co-authors edit it
// live; moderators and admins may read along. Everyone else gets a 404.
// Beside the editor: the draft's review status and its authors; the lead
// submits it for review, invites and removes co-authors, and sets the mode.
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useCallback, useMemo, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { draftAccessChecker } from "~/components/check-draft-access";
import { DraftComments } from "~/components/draft-comments";
import { FormError, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ModuleEditor, type EditorPage } from "~/components/module-editor";
import { useFormat } from "~/components/use-format";
import { LANGUAGE_NAMES } from "~/domain/i18n/language-names";
import type { Language } from "~/domain/i18n/languages";
import { message, translateMessage } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { collaboratorColour } from "~/domain/modules/collaborator-colour";
import { draftDocumentName, findDraftBySlug } from "~/domain/modules/module-draft.server";
import { inviteCoauthor, loadDraftTeam, removeCoauthor, updateDraftSettings } from "~/domain/modules/draft-team.server";
import { submitDraft, withdrawSubmission } from "~/domain/review/submit-draft.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";
import editorStyles from "~/styles/module-editor.css";

const ROUTE_ID = "routes/modules.$slug.edit";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? "modules:draft.titleOf" : "modules:draft.title", { title: data?.module.title ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const draft = await findDraftBySlug(context.services.db, user, params.slug ?? "");
  const team = await loadDraftTeam(context.services.db, user, draft.id);
  return json({
    module: { id: draft.id, slug: draft.slug, title: draft.title, status: draft.status, language: draft.language, translates: draft.translates },
    documentName: draftDocumentName(draft.id),
    access: draft.access === "edit" ? ("edit" as const) : ("view" as const),
    user: { id: user.id, name: user.name, color: collaboratorColour(user.id), timeZone: user.timeZone },
    team,
  });
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit") }),
  z.object({ intent: z.literal("withdraw") }),
  z.object({ intent: z.literal("invite"), email: z.string({ required_error: "modules:draft.errors.email" }).trim().min(1, "modules:draft.errors.email").max(320, "validation:email.tooLong") }),
  z.object({ intent: z.literal("remove"), userId: z.string().uuid("modules:draft.errors.notAuthor") }),
  z.object({
    intent: z.literal("settings"),
    coCreationMode: z.enum(["curated", "open"], { errorMap: () => ({ message: "modules:draft.errors.mode" }) }),
    requireMyApproval: z.literal("on").optional(),
  }),
], { errorMap: () => ({ message: "modules:draft.errors.intent" }) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db, documentEditor } = context.services;
  const draft = await findDraftBySlug(db, user, params.slug ?? "");
  const formData = await readFormData(request);
  const here = `/modules/${draft.slug}/edit`;
  return submitForm(formData, schema, async (data) => {
    switch (data.intent) {
      case "submit":
        await submitDraft(db, documentEditor, user, draft.id);
        return redirect(`${here}?submitted=1`);
      case "withdraw":
        await withdrawSubmission(db, user, draft.id);
        return redirect(here);
      case "invite": {
        const person = await inviteCoauthor(db, user, draft.id, data.email);
        return json({ done: message("modules:draft.added", { name: person.name }), fieldErrors: {}, values: {} });
      }
      case "remove":
        await removeCoauthor(db, user, draft.id, data.userId);
        context.services.accessRevocations.announce([data.userId]);
        return data.userId === user.id ? redirect("/?leftDraft=1") : redirect(here);
      case "settings":
        await updateDraftSettings(db, user, draft.id, { coCreationMode: data.coCreationMode, requireMyApproval: data.requireMyApproval === "on" });
        return redirect(here);
    }
  });
}

export default function EditDraft() {
  const { module, documentName, access, user, team } = useLoaderData<typeof loader>();
  const { pathname, search } = useLocation();
  const checkAccess = useMemo(() => draftAccessChecker(pathname, ROUTE_ID), [pathname]);
  const [page, setPage] = useState<EditorPage | null>(null);
  const onPageChange = useCallback((p: EditorPage | null) => setPage(p), []);
  const editorUser = useMemo(() => ({ id: user.id, name: user.name, color: user.color }), [user.id, user.name, user.color]);
  const { t } = useTranslation("modules");
  return (
    <article className="draft-page" aria-labelledby="draft-title">
      <p className="muted draft-page__crumb">
        {module.status === "published" ? (
          <>
            <Link to={`/modules/${module.slug}`}>{t("draft.published")}</Link> · <Link to={`/modules/${module.slug}/history`}>{t("reader.history")}</Link>
          </>
        ) : (
          t("draft.notPublished")
        )}
      </p>
      <h1 id="draft-title">
        <Trans t={t} i18nKey="draft.heading" values={{ title: module.title }} components={{ kind: <span className="draft-page__kind" />, title: <span lang={module.language} /> }} />
      </h1>
      {module.translates ? (
        <p className="muted" data-testid="translates">
          <Trans
            t={t}
            i18nKey={search.includes("translation=1") ? "draft.translatesStart" : "draft.translates"}
            values={{ language: LANGUAGE_NAMES[module.language as Language] ?? module.language, title: module.translates.title }}
            components={{
              language: <span lang={module.language} />,
              a: <Link to={`/modules/${module.translates.slug}?lang=${module.translates.language}`} />,
              title: <span lang={module.translates.language} />,
            }}
          />
        </p>
      ) : null}
      <p className="muted">{t("draft.together")}</p>
      <ReviewPanel team={team} timeZone={user.timeZone} justSubmitted={search.includes("submitted=1")} />
      <div className="draft-layout">
        <div className="draft-layout__editor">
          <ModuleEditor documentName={documentName} access={access} user={editorUser} checkAccess={checkAccess} onPageChange={onPageChange} />
        </div>
        <aside className="draft-layout__side" aria-label={t("draftComments.label")}>
          {page ? (
            <DraftComments slug={module.slug} pageId={page.id} pageTitle={page.title ? t("draftComments.pageTitled", { number: page.number, title: page.title }) : t("draftComments.page", { number: page.number })} canComment={access === "edit"} />
          ) : (
            <p className="muted">{t("draftComments.putCursor")}</p>
          )}
        </aside>
      </div>
      <TeamPanel team={team} userId={user.id} />
    </article>
  );
}

type Team = ReturnType<typeof useLoaderData<typeof loader>>["team"];

function ReviewPanel({ team, timeZone, justSubmitted }: { team: Team; timeZone: string; justSubmitted: boolean }) {
  const errors = useFormErrors();
  const busy = useNavigation().state !== "idle";
  const latest = team.latestSubmission;
  const inReview = latest?.state === "in_review";
  const { t } = useTranslation("modules");
  const format = useFormat();
  return (
    <section className="review-panel" aria-labelledby="review-heading">
      <h2 id="review-heading">{t("draft.review")}</h2>
      {latest ? (
        <p data-testid="review-state">
          <Trans
            t={t}
            i18nKey={latest.decidedBy && latest.state !== "in_review" ? "draft.stateDecided" : "draft.state"}
            values={{ state: t(`review:states.${latest.state}`), round: latest.round, date: format.dateTime(latest.submittedAt, timeZone), name: latest.decidedBy }}
            components={{ strong: <strong /> }}
          />
        </p>
      ) : (
        <p>{t("draft.notSubmitted")}</p>
      )}
      {latest?.reason && latest.state !== "in_review" ? (
        <blockquote className="review-panel__reason">
          <p className="muted">{t("draft.reviewerWrote")}</p>
          <p>{latest.reason}</p>
        </blockquote>
      ) : null}
      {justSubmitted && inReview ? (
        <p className="notice" role="status">
          {t("draft.submitted")}
        </p>
      ) : null}
      {team.requiredApprover ? <p className="muted">{t("draft.needsApprover", { name: team.requiredApprover })}</p> : null}
      <FormError message={errors.formError} />
      {team.isLead ? (
        <Form method="post" className="inline-form">
          {inReview ? (
            <button type="submit" name="intent" value="withdraw" className="button--secondary" disabled={busy}>
              {t("draft.withdraw")}
            </button>
          ) : (
            <button type="submit" name="intent" value="submit" disabled={busy}>
              {latest ? t("draft.submitVersion") : t("draft.submit")}
            </button>
          )}
        </Form>
      ) : null}
    </section>
  );
}

function TeamPanel({ team, userId }: { team: Team; userId: string }) {
  const errors = useFormErrors();
  const done = (errors as unknown as { done?: string }).done;
  const { t, i18n } = useTranslation("modules");
  return (
    <section className="team-panel" aria-labelledby="team-heading">
      <h2 id="team-heading">{t("draft.authors")}</h2>
      <p className="muted">{team.coCreationMode === "open" ? t("draft.modeOpen") : t("draft.modeCurated")}</p>
      <ul className="team-panel__list">
        {team.authors.map((a) => (
          <li key={a.id}>
            {personName(a.name, t)} <span className="muted">{a.role === "lead" ? t("draft.leadAuthor") : t("draft.coauthor")}</span>
            {a.role === "coauthor" && (team.isLead || a.id === userId) ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="userId" value={a.id} />
                <button type="submit" name="intent" value="remove" className="link-button">
                  {a.id === userId ? t("draft.leave") : t("draft.remove", { name: personName(a.name, t) })}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {team.isLead ? (
        <>
          <Form method="post" className="stacked-form" aria-labelledby="invite-heading">
            <h3 id="invite-heading">{t("draft.addCoauthor")}</h3>
            <TextField label={t("draft.email")} name="email" type="email" autoComplete="off" defaultValue={errors.value("email", "")} error={errors.fieldErrors.email} />
            <button type="submit" name="intent" value="invite">
              {t("draft.add")}
            </button>
            {done ? (
              <p className="notice" role="status">
                {translateMessage(i18n, done)}
              </p>
            ) : null}
          </Form>
          <Form method="post" className="stacked-form" aria-labelledby="settings-heading">
            <h3 id="settings-heading">{t("draft.settings")}</h3>
            <fieldset>
              <legend>{t("draft.coauthors")}</legend>
              <label>
                <input type="radio" name="coCreationMode" value="curated" defaultChecked={team.coCreationMode === "curated"} /> {t("draft.curated")}
              </label>
              <label>
                <input type="radio" name="coCreationMode" value="open" defaultChecked={team.coCreationMode === "open"} /> {t("draft.open")}
              </label>
            </fieldset>
            {team.canRequireApproval ? (
              <label>
                <input type="checkbox" name="requireMyApproval" defaultChecked={team.requiresMyApproval} /> {t("draft.requireApproval")}
              </label>
            ) : null}
            <FormError message={errors.fieldErrors.requireMyApproval ?? errors.fieldErrors.coCreationMode} />
            <button type="submit" name="intent" value="settings" className="button--secondary">
              {t("draft.saveSettings")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
