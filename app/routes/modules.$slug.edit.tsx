// The co-authoring editor for a module's working draft. Co-authors edit it
// live; moderators and admins may read along. Everyone else gets a 404.
// Beside the editor: the draft's review status and its authors; the lead
// submits it for review, invites and removes co-authors, and sets the mode.
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useCallback, useMemo, useState } from "react";
import { z } from "zod";
import { draftAccessChecker } from "~/components/check-draft-access";
import { DraftComments } from "~/components/draft-comments";
import { FormError, TextField } from "~/components/form-fields";
import { formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ModuleEditor, type EditorPage } from "~/components/module-editor";
import { LANGUAGE_NAMES } from "~/domain/i18n/language-names";
import type { Language } from "~/domain/i18n/languages";
import { collaboratorColour } from "~/domain/modules/collaborator-colour";
import { draftDocumentName, findDraftBySlug } from "~/domain/modules/module-draft.server";
import { inviteCoauthor, loadDraftTeam, removeCoauthor, updateDraftSettings } from "~/domain/modules/draft-team.server";
import { submitDraft, withdrawSubmission } from "~/domain/review/submit-draft.server";
import { STATE_LABELS } from "~/domain/review/submission-lifecycle";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";
import editorStyles from "~/styles/module-editor.css";

const ROUTE_ID = "routes/modules.$slug.edit";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Draft: ${data.module.title} · Roundtable` : "Draft · Roundtable" }];

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
  z.object({ intent: z.literal("invite"), email: z.string({ required_error: "Enter the email address of the person to add." }).trim().min(1, "Enter the email address of the person to add.").max(320, "That email address is too long.") }),
  z.object({ intent: z.literal("remove"), userId: z.string().uuid("That person no longer writes this module.") }),
  z.object({
    intent: z.literal("settings"),
    coCreationMode: z.enum(["curated", "open"], { errorMap: () => ({ message: "Choose how co-authors join." }) }),
    requireMyApproval: z.literal("on").optional(),
  }),
], { errorMap: () => ({ message: "That action is not available here. Reload the page and try again." }) });

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
        return json({ done: `${person.name} is now a co-author and has been told.`, fieldErrors: {}, values: {} });
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
  return (
    <article className="draft-page" aria-labelledby="draft-title">
      <p className="muted draft-page__crumb">
        {module.status === "published" ? (
          <>
            <Link to={`/modules/${module.slug}`}>The published module</Link> · <Link to={`/modules/${module.slug}/history`}>History</Link>
          </>
        ) : (
          "Not published yet"
        )}
      </p>
      <h1 id="draft-title">
        <span className="draft-page__kind">Working draft</span> <span lang={module.language}>{module.title}</span>
      </h1>
      {module.translates ? (
        <p className="muted" data-testid="translates">
          A translation into <span lang={module.language}>{LANGUAGE_NAMES[module.language as Language] ?? module.language}</span> of{" "}
          <Link to={`/modules/${module.translates.slug}?lang=${module.translates.language}`}>
            <span lang={module.translates.language}>{module.translates.title}</span>
          </Link>
          .{search.includes("translation=1") ? " The draft starts with the original text: rewrite each part in the new language, then submit it for review." : ""}
        </p>
      ) : null}
      <p className="muted">Everyone who writes this module edits the same draft at the same time. Readers keep seeing the published version.</p>
      <ReviewPanel team={team} timeZone={user.timeZone} justSubmitted={search.includes("submitted=1")} />
      <div className="draft-layout">
        <div className="draft-layout__editor">
          <ModuleEditor documentName={documentName} access={access} user={editorUser} checkAccess={checkAccess} onPageChange={onPageChange} />
        </div>
        <aside className="draft-layout__side" aria-label="Comments on this page">
          {page ? (
            <DraftComments slug={module.slug} pageId={page.id} pageTitle={page.title ? `Page ${page.number}: ${page.title}` : `Page ${page.number}`} canComment={access === "edit"} />
          ) : (
            <p className="muted">Put the cursor in a page to see and add its comments.</p>
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
  return (
    <section className="review-panel" aria-labelledby="review-heading">
      <h2 id="review-heading">Review</h2>
      {latest ? (
        <p data-testid="review-state">
          <strong>{STATE_LABELS[latest.state]}</strong> — round {latest.round}, submitted {formatDateTimeInZone(latest.submittedAt, timeZone)}
          {latest.decidedBy && latest.state !== "in_review" ? ` · decided by ${latest.decidedBy}` : ""}
        </p>
      ) : (
        <p>This draft has not been submitted for review yet.</p>
      )}
      {latest?.reason && latest.state !== "in_review" ? (
        <blockquote className="review-panel__reason">
          <p className="muted">The reviewer wrote:</p>
          <p>{latest.reason}</p>
        </blockquote>
      ) : null}
      {justSubmitted && inReview ? (
        <p className="notice" role="status">
          Submitted. The reviewers see exactly this version; you can keep editing, and they will see that the draft changed since.
        </p>
      ) : null}
      {team.requiredApprover ? <p className="muted">Publishing needs a moderator and {team.requiredApprover} to approve.</p> : null}
      <FormError message={errors.formError} />
      {team.isLead ? (
        <Form method="post" className="inline-form">
          {inReview ? (
            <button type="submit" name="intent" value="withdraw" className="button--secondary" disabled={busy}>
              Withdraw the submission
            </button>
          ) : (
            <button type="submit" name="intent" value="submit" disabled={busy}>
              {latest ? "Submit this version for review" : "Submit for review"}
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
  return (
    <section className="team-panel" aria-labelledby="team-heading">
      <h2 id="team-heading">Authors</h2>
      <p className="muted">{team.coCreationMode === "open" ? "Open: alumni who can see this module may join as co-authors." : "Curated: the lead author invites co-authors."}</p>
      <ul className="team-panel__list">
        {team.authors.map((a) => (
          <li key={a.id}>
            {a.name} <span className="muted">({a.role === "lead" ? "lead author" : "co-author"})</span>
            {a.role === "coauthor" && (team.isLead || a.id === userId) ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="userId" value={a.id} />
                <button type="submit" name="intent" value="remove" className="link-button">
                  {a.id === userId ? "Leave this draft" : `Remove ${a.name}`}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {team.isLead ? (
        <>
          <Form method="post" className="stacked-form" aria-labelledby="invite-heading">
            <h3 id="invite-heading">Add a co-author</h3>
            <TextField label="Their email address" name="email" type="email" autoComplete="off" defaultValue={errors.value("email", "")} error={errors.fieldErrors.email} />
            <button type="submit" name="intent" value="invite">
              Add co-author
            </button>
            {done ? (
              <p className="notice" role="status">
                {done}
              </p>
            ) : null}
          </Form>
          <Form method="post" className="stacked-form" aria-labelledby="settings-heading">
            <h3 id="settings-heading">How this draft is written</h3>
            <fieldset>
              <legend>Co-authors</legend>
              <label>
                <input type="radio" name="coCreationMode" value="curated" defaultChecked={team.coCreationMode === "curated"} /> Curated: I invite them
              </label>
              <label>
                <input type="radio" name="coCreationMode" value="open" defaultChecked={team.coCreationMode === "open"} /> Open: alumni may join
              </label>
            </fieldset>
            {team.canRequireApproval ? (
              <label>
                <input type="checkbox" name="requireMyApproval" defaultChecked={team.requiresMyApproval} /> Changes need my approval as well as a moderator's
              </label>
            ) : null}
            <FormError message={errors.fieldErrors.requireMyApproval ?? errors.fieldErrors.coCreationMode} />
            <button type="submit" name="intent" value="settings" className="button--secondary">
              Save settings
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
