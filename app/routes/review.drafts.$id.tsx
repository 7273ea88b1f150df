// The review page of a submitted draft: for a published module, the diff
// from the published revision to the frozen candidate; for a new module, the
// candidate in full. Reviewers approve, request changes or reject; the
// module's authors can read along.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextAreaField } from "~/components/form-fields";
import { formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ModuleDiffView } from "~/components/module-diff";
import { LANGUAGE_NAMES } from "~/domain/i18n/language-names";
import type { Language } from "~/domain/i18n/languages";
import { MINDSET_LABELS } from "~/domain/content/mindsets";
import { diffModules } from "~/domain/modules/diff-modules";
import { decideSubmission, loadSubmissionFor } from "~/domain/review/decide-submission.server";
import { MAX_REASON_LENGTH } from "~/domain/review/review-fields";
import { loadReviewPage, rebaseSubmission } from "~/domain/review/review-page.server";
import { STATE_LABELS } from "~/domain/review/submission-lifecycle";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Review: ${data.module.title} · Roundtable` : "Review · Roundtable" }];

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
      reason: z.string().trim().max(MAX_REASON_LENGTH, `Keep the reason under ${MAX_REASON_LENGTH} characters.`).optional(),
    }),
    z.object({ intent: z.literal("rebase") }),
  ],
  { errorMap: () => ({ message: "Choose approve, request changes or reject." }) },
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
  const open = submission.state === "in_review";
  const myApproval = approvals.find((a) => a.capacity === capacity);
  return (
    <article aria-labelledby="review-title" className="review-page">
      <p className="muted">
        <Link to="/review">Review queue</Link>
      </p>
      <h1 id="review-title">
        Review: <span lang={module.language}>{module.title}</span>
      </h1>
      {module.translates ? (
        <p data-testid="translates">
          A translation into <span lang={module.language}>{LANGUAGE_NAMES[module.language as Language] ?? module.language}</span> of{" "}
          <Link to={`/modules/${module.translates.slug}?lang=${module.translates.language}`}>
            <span lang={module.translates.language}>{module.translates.title}</span>
          </Link>
          : read the two side by side.
        </p>
      ) : null}
      <p>
        Round {submission.round}, submitted by {submission.submittedBy} on {formatDateTimeInZone(submission.submittedAt, timeZone)} · {MINDSET_LABELS[module.mindset].name}
      </p>
      <p data-testid="submission-state">
        <strong>{STATE_LABELS[submission.state]}</strong>
        {submission.decidedBy && !open ? ` by ${submission.decidedBy}${submission.decidedAt ? ` on ${formatDateTimeInZone(submission.decidedAt, timeZone)}` : ""}` : ""}
      </p>
      {submission.reason && !open ? <blockquote className="review-panel__reason">{submission.reason}</blockquote> : null}
      <section aria-labelledby="approvals-heading">
        <h2 id="approvals-heading">Approvals</h2>
        <ul>
          <li>Moderator: {approvals.find((a) => a.capacity === "moderator")?.name ?? "not yet"}</li>
          {data.requiredApprover ? (
            <li>
              Lead thought leader ({data.requiredApprover}):{" "}
              {data.requiredApproverSubmitted ? "submitted it themselves" : (approvals.find((a) => a.capacity === "author")?.name ? "approved" : "not yet")}
            </li>
          ) : null}
        </ul>
      </section>
      {open && changedSinceSubmission ? (
        <div className="notice" role="status" data-testid="changed-since">
          The draft has changed since it was submitted. You are reviewing the version frozen at submission
          {submission.rebasedAt ? " (re-based since)" : ""}.
          {capacity ? (
            <Form method="post" className="inline-form">
              <button type="submit" name="intent" value="rebase" className="link-button" disabled={busy}>
                Review the newer version instead
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <section aria-labelledby="changes-heading">
        {diff && published ? (
          <>
            <h2 id="changes-heading">Changes from the published revision {published.number}</h2>
            <ModuleDiffView diff={diff} />
          </>
        ) : (
          <>
            <h2 id="changes-heading">The new module, in full</h2>
            <div className="module-body" dangerouslySetInnerHTML={{ __html: data.candidateHtml }} />
          </>
        )}
      </section>
      {data.earlierRounds.length ? (
        <section aria-labelledby="rounds-heading">
          <h2 id="rounds-heading">Earlier rounds</h2>
          <ul>
            {data.earlierRounds.map((r) => (
              <li key={r.round}>
                Round {r.round}: {STATE_LABELS[r.state]}
                {r.reason ? ` — “${r.reason}”` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {open && capacity ? (
        <section aria-labelledby="decide-heading" className="decision-form">
          <h2 id="decide-heading">Your decision{capacity === "author" ? " as the lead thought leader" : ""}</h2>
          <FormError message={errors.formError ?? errors.fieldErrors.intent} />
          {submission.submittedByMe ? (
            <p className="notice">You submitted this draft, so someone else decides on it.</p>
          ) : myApproval ? (
            <p className="notice">You approved this. {capacity === "moderator" ? "It is waiting for the lead thought leader." : "It is waiting for a moderator."}</p>
          ) : (
            <Form method="post" className="stacked-form">
              <TextAreaField
                label="Reason (needed to request changes or reject)"
                name="reason"
                rows={4}
                maxLength={MAX_REASON_LENGTH}
                defaultValue={errors.value("reason", "")}
                error={errors.fieldErrors.reason}
              />
              <div className="button-row">
                <button type="submit" name="intent" value="approve" disabled={busy}>
                  Approve{capacity === "moderator" && !data.requiredApprover ? " and publish" : ""}
                </button>
                <button type="submit" name="intent" value="request_changes" className="button--secondary" disabled={busy}>
                  Request changes
                </button>
                <button type="submit" name="intent" value="reject" className="button--danger" disabled={busy}>
                  Reject
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : null}
      {!open && submission.state === "published" ? (
        <p>
          <Link to={`/modules/${module.slug}`}>Read the published module</Link> · <Link to={`/modules/${module.slug}/history`}>History</Link>
        </p>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
