// A report, as a moderator handles it: what was reported and why, and the
// outcome: resolved, hidden or dismissed. The reporter is told.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextAreaField } from "~/components/form-fields";
import { formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { loadReport, resolveReport } from "~/domain/reports/report-content.server";
import { MAX_REPORT_REASON, REPORT_OUTCOMES } from "~/domain/reports/report-fields";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Report · Review · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { report, target } = await loadReport(context.services.db, user, params.id ?? "");
  return json({ report, target, timeZone: user.timeZone });
}

const schema = z.object({
  intent: z.enum(REPORT_OUTCOMES, { errorMap: () => ({ message: "Choose resolve, hide or dismiss." }) }),
  note: z.string().trim().max(MAX_REPORT_REASON, `Keep the note under ${MAX_REPORT_REASON} characters.`).optional(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const id = params.id ?? "";
  // Answers 404 before reading the form for anyone who may not handle this report.
  await loadReport(context.services.db, user, id);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async ({ intent, note }) => {
    await resolveReport(context.services.db, user, id, intent, note);
    return redirect(`/review/reports/${id}`);
  });
}

const OUTCOME_LABELS = { open: "Waiting for a moderator", resolved: "Resolved", hidden: "Content hidden", dismissed: "Dismissed" } as const;

export default function ReportPage() {
  const { report, target, timeZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  return (
    <article aria-labelledby="report-title">
      <p className="muted">
        <Link to="/review">Review queue</Link>
      </p>
      <h1 id="report-title">Report: {target.label}</h1>
      <p>
        Reported by {report.reporter} on {formatDateTimeInZone(report.createdAt, timeZone)}.
      </p>
      <h2>Their reason</h2>
      <blockquote className="review-panel__reason">{report.reason}</blockquote>
      <h2>What was reported</h2>
      {target.excerpt ? <blockquote className="comment-excerpt">{target.excerpt}</blockquote> : null}
      <p>
        <Link to={target.link}>{target.kind === "module" ? "Open the module" : "Open the conversation"}</Link>
        {target.hidden ? " (hidden now)" : ""}
      </p>
      <p data-testid="report-status">
        <strong>{OUTCOME_LABELS[report.status]}</strong>
        {report.resolvedByName ? ` by ${report.resolvedByName}` : ""}
        {report.resolutionNote ? ` — “${report.resolutionNote}”` : ""}
      </p>
      {report.status === "open" ? (
        <Form method="post" className="stacked-form">
          <FormError message={errors.formError ?? errors.fieldErrors.intent} />
          <TextAreaField label="Note to the reporter (optional)" name="note" rows={3} defaultValue={errors.value("note", "")} error={errors.fieldErrors.note} />
          <div className="button-row">
            <button type="submit" name="intent" value="resolved">
              Resolve
            </button>
            <button type="submit" name="intent" value="hidden" className="button--danger">
              {target.kind === "module" ? "Hide the module" : "Hide the comment"}
            </button>
            <button type="submit" name="intent" value="dismissed" className="button--secondary">
              Dismiss
            </button>
          </div>
        </Form>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
