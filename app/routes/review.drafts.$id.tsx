// The review page of a submitted draft: for a published module, the diff
// from the published revision to the frozen candidate; for a new module, the
// candidate in full. Reviewers approve, request changes or reject; the
// module's authors can read along.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ModuleDiffView } from "~/components/module-diff";
import { useFormat } from "~/components/use-format";
import { LANGUAGE_NAMES } from "~/domain/i18n/language-names";
import { isLanguage } from "~/domain/i18n/languages";
import { message } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { diffModules } from "~/domain/modules/diff-modules";
import { decideSubmission, loadSubmissionFor } from "~/domain/review/decide-submission.server";
import { MAX_REASON_LENGTH } from "~/domain/review/review-fields";
import { loadReviewPage, rebaseSubmission } from "~/domain/review/review-page.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? "review:draft.titleOf" : "review:draft.title", { title: data?.module.title ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await loadReviewPage(context.services.db, context.services.documentEditor, user, params.id ?? "");
  const { candidate, published, ...rest } = page;
  return json({
    ...rest,
    published: published ? { number: published.number, at: published.at } : null,
    diff: published ? diffModules(published.doc, candidate) : null,
    timeZone: user.timeZone,
  });
}

const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.enum(["approve", "request_changes", "reject"]),
      reason: z.string().trim().max(MAX_REASON_LENGTH, message("review:errors.reasonTooLong", { max: MAX_REASON_LENGTH })).optional(),
    }),
    z.object({ intent: z.literal("rebase") }),
  ],
  { errorMap: () => ({ message: "review:draft.errors.intent" }) },
);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db, documentEditor } = context.services;
  const id = params.id ?? "";
  // Answers 404 before reading the form for anyone who may not see this submission.
  await loadSubmissionFor(db, user, id);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (data) => {
    if (data.intent === "rebase") {
      await rebaseSubmission(db, documentEditor, user, id);
      return redirect(`/review/drafts/${id}?rebased=1`);
    }
    await decideSubmission(db, user, id, data.intent, data.reason);
    return redirect(`/review/drafts/${id}`);
  });
}

export default function ReviewDraft() {
  const data = useLoaderData<typeof loader>();
  const { module, submission, published, diff, changedSinceSubmission, approvals, capacity, timeZone } = data;
  const errors = useFormErrors();
  const busy = useNavigation().state !== "idle";
  const { t } = useTranslation("review");
  const format = useFormat();
  const open = submission.state === "in_review";
  const myApproval = approvals.find((a) => a.capacity === capacity);
  const moderatorApproval = approvals.find((a) => a.capacity === "moderator");
  return (
    <article aria-labelledby="review-title" className="review-page">
      <p className="muted">
        <Link to="/review">{t("queue.title")}</Link>
      </p>
      <h1 id="review-title">
        <Trans t={t} i18nKey="draft.heading" values={{ title: module.title }} components={{ title: <span lang={module.language} /> }} />
      </h1>
      {module.translates ? (
        <p data-testid="translates">
          <Trans
            t={t}
            i18nKey="draft.translates"
            values={{ language: isLanguage(module.language) ? LANGUAGE_NAMES[module.language] : module.language, title: module.translates.title }}
            components={{
              language: <span lang={module.language} />,
              a: <Link to={`/modules/${module.translates.slug}?lang=${module.translates.language}`} />,
              title: <span lang={module.translates.language} />,
            }}
          />
        </p>
      ) : null}
      <p>
        {t("draft.round", { round: submission.round, name: personName(submission.submittedBy, t), date: format.dateTime(submission.submittedAt, timeZone), mindset: t(`modules:mindsets.${module.mindset}.name`) })}
      </p>
      <p data-testid="submission-state">
        <Trans
          t={t}
          i18nKey={submission.decidedBy && !open ? (submission.decidedAt ? "draft.stateByOn" : "draft.stateBy") : "draft.state"}
          values={{ state: t(`states.${submission.state}`), name: personName(submission.decidedBy, t), date: submission.decidedAt ? format.dateTime(submission.decidedAt, timeZone) : "" }}
          components={{ strong: <strong /> }}
        />
      </p>
      {submission.reason && !open ? <blockquote className="review-panel__reason">{submission.reason}</blockquote> : null}
      <section aria-labelledby="approvals-heading">
        <h2 id="approvals-heading">{t("draft.approvals")}</h2>
        <ul>
          <li>{t("draft.moderatorApproval", { name: moderatorApproval ? personName(moderatorApproval.name, t) : t("draft.notYet") })}</li>
          {data.requiredApprover ? (
            <li>
              {t("draft.leadApproval", {
                name: personName(data.requiredApprover, t),
                answer: data.requiredApproverSubmitted ? t("draft.submittedThemselves") : approvals.find((a) => a.capacity === "author")?.name ? t("draft.approved") : t("draft.notYet"),
              })}
            </li>
          ) : null}
        </ul>
      </section>
      {open && changedSinceSubmission ? (
        <div className="notice" role="status" data-testid="changed-since">
          {submission.rebasedAt ? t("draft.changedRebased") : t("draft.changed")}
          {capacity ? (
            <Form method="post" className="inline-form">
              <button type="submit" name="intent" value="rebase" className="link-button" disabled={busy}>
                {t("draft.rebase")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <section aria-labelledby="changes-heading">
        {diff && published ? (
          <>
            <h2 id="changes-heading">{t("draft.changes", { number: published.number })}</h2>
            <ModuleDiffView diff={diff} />
          </>
        ) : (
          <>
            <h2 id="changes-heading">{t("draft.inFull")}</h2>
            <div className="module-body" dangerouslySetInnerHTML={{ __html: data.candidateHtml }} />
          </>
        )}
      </section>
      {data.earlierRounds.length ? (
        <section aria-labelledby="rounds-heading">
          <h2 id="rounds-heading">{t("draft.earlierRounds")}</h2>
          <ul>
            {data.earlierRounds.map((r) => (
              <li key={r.round}>
                {r.reason ? t("draft.earlierRoundReason", { round: r.round, state: t(`states.${r.state}`), reason: r.reason }) : t("draft.earlierRound", { round: r.round, state: t(`states.${r.state}`) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {open && capacity ? (
        <section aria-labelledby="decide-heading" className="decision-form">
          <h2 id="decide-heading">{capacity === "author" ? t("draft.decideAsLead") : t("draft.decide")}</h2>
          <FormError message={errors.formError ?? errors.fieldErrors.intent} />
          {submission.submittedByMe ? (
            <p className="notice">{t("draft.ownSubmission")}</p>
          ) : myApproval ? (
            <p className="notice">{capacity === "moderator" ? t("draft.approvedWaitingLead") : t("draft.approvedWaitingModerator")}</p>
          ) : (
            <Form method="post" className="stacked-form">
              <TextAreaField
                label={t("draft.reason")}
                name="reason"
                rows={4}
                maxLength={MAX_REASON_LENGTH}
                defaultValue={errors.value("reason", "")}
                error={errors.fieldErrors.reason}
              />
              <div className="button-row">
                <button type="submit" name="intent" value="approve" disabled={busy}>
                  {capacity === "moderator" && !data.requiredApprover ? t("draft.approvePublish") : t("draft.approve")}
                </button>
                <button type="submit" name="intent" value="request_changes" className="button--secondary" disabled={busy}>
                  {t("draft.requestChanges")}
                </button>
                <button type="submit" name="intent" value="reject" className="button--danger" disabled={busy}>
                  {t("draft.reject")}
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : null}
      {!open && submission.state === "published" ? (
        <p>
          <Link to={`/modules/${module.slug}`}>{t("proposals:page.readModule")}</Link> · <Link to={`/modules/${module.slug}/history`}>{t("modules:reader.history")}</Link>
        </p>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
