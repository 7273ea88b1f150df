import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, SelectField, TextAreaField } from "~/components/form-fields";
import { ImportProblems } from "~/components/import-problems";
import { useFormat } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import { InputError } from "~/domain/input-error";
import { importInsightsData } from "~/domain/insights/import-insights-data.server";
import { INSIGHTS_IMPORT_COLUMNS, INSIGHTS_IMPORT_KINDS, UNIT_LEVELS, type InsightsImportKind } from "~/domain/insights/import-kinds";
import { invalid, readFormData, readCsvUpload, zodFieldErrors } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights:data.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireOrgAdmin(context, request);
  // Sent from the server: the columns live in a .server module, which is empty in the browser.
  return json({ columns: INSIGHTS_IMPORT_COLUMNS });
}

const importSchema = z.object({
  intent: z.enum(INSIGHTS_IMPORT_KINDS, { errorMap: () => ({ message: "insights:data.errors.intent" }) }),
  level: z.enum(UNIT_LEVELS, { errorMap: () => ({ message: "insights:data.errors.level" }) }).optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const formData = await readFormData(request);
  const parsed = importSchema.safeParse({ intent: formData.get("intent") ?? undefined, level: formData.get("level") || undefined });
  if (!parsed.success) return invalid(formData, zodFieldErrors(parsed.error));
  const { intent, level } = parsed.data;
  if ((intent === "kpis" || intent === "headcounts") && !level) return invalid(formData, { level: "insights:data.errors.level" });
  const text = await readCsvUpload(formData);
  if (!text.trim()) return invalid(formData, { file: "insights:data.errors.file" });
  try {
    const result = await importInsightsData(context.services.db, user, user.orgId, { kind: intent, level: level ?? "department", text });
    if (!result.ok) return json({ intent, level, problems: result.errors, kept: text }, { status: 400 });
    return json({ intent, report: result });
  } catch (error) {
    if (error instanceof InputError) {
      const kept = new FormData();
      kept.set("intent", intent);
      if (level) kept.set("level", level);
      kept.set("csv", text);
      return invalid(kept, error.fieldErrors);
    }
    throw error;
  }
}

export default function InsightsData() {
  const { columns } = useLoaderData<typeof loader>();
  const { t } = useTranslation("insights");
  return (
    <>
      <h2>{t("data.heading")}</h2>
      <p>
        <Trans t={t} i18nKey="data.intro" components={{ a: <a href="/org/insights" />, code: <code /> }} />
      </p>
      <ImportForm kind="kpis" columns={columns.kpis} />
      <ImportForm kind="headcounts" columns={columns.headcounts} />
      <ImportForm kind="survey_scores" columns={columns.survey_scores} />
      <ImportForm kind="people" columns={columns.people} />
    </>
  );
}

function ImportForm({ kind, columns }: { kind: InsightsImportKind; columns: readonly string[] }) {
  const { t } = useTranslation("insights");
  const format = useFormat();
  const errors = useFormErrors();
  const data = useActionData<typeof action>();
  const mine = data && "intent" in data && data.intent === kind ? data : null;
  const ownErrors = errors.values.intent === kind;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === kind;
  const report = mine && "report" in mine ? mine.report : null;
  const problems = mine && "problems" in mine ? mine.problems : null;
  const headingId = `import-${kind}`;
  return (
    <section aria-labelledby={headingId} className="stack">
      <h3 id={headingId}>{t(`data.kinds.${kind}.title`)}</h3>
      <p>
        <Trans t={t} i18nKey="data.columns" values={{ columns: columns.join(t("data.columnSeparator")) }} components={{ code: <code /> }} /> {t(`data.kinds.${kind}.about`)}
      </p>
      {report ? (
        <div aria-live="polite">
          <Notice>
            {t("data.imported", { count: report.rows, added: report.added, replaced: report.replaced, unchanged: report.unchanged })}
            {report.createdStores.length ? ` ${t("data.newStores", { stores: format.enumerate(report.createdStores) })}` : ""}
          </Notice>
        </div>
      ) : null}
      {problems ? (
        <div aria-live="polite">
          <Notice>{t("data.nothingImported", { count: problems.length })}</Notice>
          <ImportProblems problems={problems} />
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack" noValidate key={report ? "after-import" : "form"}>
        <input type="hidden" name="intent" value={kind} />
        <FormError message={ownErrors ? (errors.formError ?? errors.fieldErrors.file ?? errors.fieldErrors.intent) : undefined} />
        {kind === "kpis" || kind === "headcounts" ? (
          <SelectField
            label={t("page.filters.level")}
            name="level"
            options={(["department", "site", "store"] as const).map((value) => ({ value, label: t(`levels.${value}.heading`) }))}
            error={ownErrors ? errors.fieldErrors.level : undefined}
            defaultValue={(problems ? (mine as { level?: string }).level : ownErrors ? errors.value("level") : undefined) ?? "department"}
          />
        ) : null}
        <div className="field">
          <label htmlFor={`${kind}-file`}>{t("data.file")}</label>
          <input id={`${kind}-file`} type="file" name="file" accept=".csv,text/csv" />
        </div>
        <TextAreaField label={t("data.paste")} name="csv" rows={6} defaultValue={problems ? (mine as { kept: string }).kept : ownErrors ? errors.value("csv") : undefined} />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("data.importing") : t(`data.kinds.${kind}.submit`)}
          </button>
        </div>
      </Form>
    </section>
  );
}
