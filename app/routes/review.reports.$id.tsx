// A report, as a moderator handles it: what was reported and why, and the
// outcome: resolved, hidden or dismissed. The reporter is told.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { useFormat } from "~/components/use-format";
import { message, translateMessage } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { loadReport, resolveReport } from "~/domain/reports/report-content.server";
import { MAX_REPORT_REASON, REPORT_OUTCOMES } from "~/domain/reports/report-fields";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "review:report.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { report, target } = await loadReport(context.services.db, user, params.id ?? "");
  return json({ report, target, timeZone: user.timeZone });
}

const schema = z.object({
  intent: z.enum(REPORT_OUTCOMES, { errorMap: () => ({ message: "review:report.errors.intent" }) }),
  note: z.string().trim().max(MAX_REPORT_REASON, message("review:report.errors.noteTooLong", { max: MAX_REPORT_REASON })).optional(),
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

export default function ReportPage() {
  const { report, target, timeZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const { t, i18n } = useTranslation("review");
  const format = useFormat();
  const reporter = report.reporterHidden ? t(`report.reporter.${report.reporterHidden}`) : report.reporter;
  const by = report.resolvedByName === null ? null : personName(report.resolvedByName, t);
  const note = report.resolutionNote;
  return (
    <article aria-labelledby="report-title">
      <p className="muted">
        <Link to="/review">{t("queue.title")}</Link>
      </p>
      <h1 id="report-title">{t("report.heading", { label: translateMessage(i18n, target.labelMessage) })}</h1>
      <p>{t("report.reportedBy", { name: reporter, date: format.dateTime(report.createdAt, timeZone) })}</p>
      <h2>{t("report.reason")}</h2>
      <blockquote className="review-panel__reason">{report.reason}</blockquote>
      <h2>{t("report.what")}</h2>
      {target.excerpt ? <blockquote className="comment-excerpt">{target.excerpt}</blockquote> : null}
      <p>
        <Link to={target.link}>{target.kind === "module" ? t("report.openModule") : t("report.openConversation")}</Link>
        {target.hidden ? ` ${t("report.hiddenNow")}` : ""}
      </p>
      <p data-testid="report-status">
        <Trans
          t={t}
          i18nKey={`report.statusLine${by ? "By" : ""}${note ? "Note" : ""}`}
          values={{ status: t(`report.outcomes.${report.status}`), name: by, note }}
          components={{ strong: <strong /> }}
        />
      </p>
      {report.status === "open" ? (
        <Form method="post" className="stacked-form">
          <FormError message={errors.formError ?? errors.fieldErrors.intent} />
          <TextAreaField label={t("report.note")} name="note" rows={3} defaultValue={errors.value("note", "")} error={errors.fieldErrors.note} />
          <div className="button-row">
            <button type="submit" name="intent" value="resolved">
              {t("report.resolve")}
            </button>
            <button type="submit" name="intent" value="hidden" className="button--danger">
              {target.kind === "module" ? t("report.hideModule") : t("report.hideComment")}
            </button>
            <button type="submit" name="intent" value="dismissed" className="button--secondary">
              {t("report.dismiss")}
            </button>
          </div>
        </Form>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
