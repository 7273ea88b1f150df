// Reporting a published module or a comment to the moderators, with a reason.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { message } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { loadReportTarget, reportContent, type ReportTarget } from "~/domain/reports/report-content.server";
import { MAX_REPORT_REASON } from "~/domain/reports/report-fields";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser, safeRedirectPath } from "~/require-user.server";
import { NotFoundError } from "~/domain/http-errors";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "modules:report.title");

function targetOf(search: URLSearchParams): ReportTarget {
  const module = search.get("module");
  const comment = search.get("comment");
  if (module) return { moduleSlug: module };
  if (comment) return { commentId: comment };
  throw new NotFoundError("modules:report.errors.nothing");
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const target = await loadReportTarget(context.services.db, user, targetOf(readSearchParams(request)));
  return json({ target: { kind: target.kind, label: target.label, excerpt: target.excerpt, link: target.link } });
}

const schema = z.object({
  reason: z
    .string({ required_error: "modules:report.errors.empty" })
    .trim()
    .min(1, "modules:report.errors.empty")
    .max(MAX_REPORT_REASON, message("modules:report.errors.tooLong", { max: MAX_REPORT_REASON })),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const target = targetOf(readSearchParams(request));
  await loadReportTarget(context.services.db, user, target);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async ({ reason }) => {
    const report = await reportContent(context.services.db, user, target, reason);
    return redirect(safeRedirectPath(`${report.link.split("#")[0]}${report.link.includes("?") ? "&" : "?"}reported=1`));
  });
}

export default function NewReport() {
  const { target } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const { t } = useTranslation("modules");
  return (
    <article aria-labelledby="report-title" className="narrow">
      <h1 id="report-title">{t("report.title")}</h1>
      <p>
        <Trans t={t} i18nKey="report.target" values={{ label: target.label }} components={{ target: <Link to={target.link} /> }} />
      </p>
      {target.excerpt ? <blockquote className="comment-excerpt">{target.excerpt}</blockquote> : null}
      <p className="muted">{t("report.intro")}</p>
      <Form method="post" className="stacked-form">
        <FormError message={errors.formError} />
        <TextAreaField label={t("report.reason")} name="reason" rows={5} maxLength={MAX_REPORT_REASON} defaultValue={errors.value("reason", "")} error={errors.fieldErrors.reason} />
        <button type="submit">{t("report.submit")}</button>
      </Form>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
