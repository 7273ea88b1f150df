import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice, SelectField, TextAreaField } from "~/components/form-fields";
import { ImportProblems } from "~/components/import-problems";
import { InputError } from "~/domain/input-error";
import { importInsightsData } from "~/domain/insights/import-insights-data.server";
import { INSIGHTS_IMPORT_COLUMNS, INSIGHTS_IMPORT_KINDS, UNIT_LEVELS, type InsightsImportKind } from "~/domain/insights/import-kinds";
import { invalid, readFormData, readCsvUpload, zodFieldErrors } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Insights data · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireOrgAdmin(context, request);
  // Sent from the server: the columns live in a .server module, which is empty in the browser.
  return json({ columns: INSIGHTS_IMPORT_COLUMNS });
}

const importSchema = z.object({
  intent: z.enum(INSIGHTS_IMPORT_KINDS, { errorMap: () => ({ message: "Choose what to import." }) }),
  level: z.enum(UNIT_LEVELS, { errorMap: () => ({ message: "Choose department, site or store." }) }).optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const formData = await readFormData(request);
  const parsed = importSchema.safeParse({ intent: formData.get("intent") ?? undefined, level: formData.get("level") || undefined });
  if (!parsed.success) return invalid(formData, zodFieldErrors(parsed.error));
  const { intent, level } = parsed.data;
  if ((intent === "kpis" || intent === "headcounts") && !level) return invalid(formData, { level: "Choose department, site or store." });
  const text = await readCsvUpload(formData);
  if (!text.trim()) return invalid(formData, { file: "Choose a CSV file or paste its rows." });
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

const TITLES: Record<InsightsImportKind, string> = { kpis: "Business figures (KPIs)", headcounts: "Headcount", survey_scores: "Survey scores", people: "People's level, start and leaving months" };
const LEVEL_OPTIONS = [
  { value: "department", label: "Department" },
  { value: "site", label: "Site" },
  { value: "store", label: "Store" },
];

export default function InsightsData() {
  const { columns } = useLoaderData<typeof loader>();
  return (
    <>
      <h2>Insights data</h2>
      <p>
        Import figures month by month to set beside participation on the <a href="/org/insights">insights page</a>. A month is written <code>2026-03</code> or{" "}
        <code>2026-03-01</code>. The first line may name the columns; without it, the columns are in the order shown. If any row has a problem, nothing in the file is
        imported and each problem is listed by line. Importing a row again replaces its value, so importing the same file twice changes nothing.
      </p>
      <ImportForm kind="kpis" columns={columns.kpis}>
        Departments and sites must already exist (see Departments and sites); a store that does not exist yet is added.
      </ImportForm>
      <ImportForm kind="headcounts" columns={columns.headcounts}>
        Where a unit has no headcount for a month, the insights page counts the people in Roundtable placed in it today.
      </ImportForm>
      <ImportForm kind="survey_scores" columns={columns.survey_scores}>
        Scores are about individual people: they are kept apart and only ever shown for groups of 5 people or more.
      </ImportForm>
      <ImportForm kind="people" columns={columns.people}>
        One row per person: their job level (any words your organisation uses, for example “Team lead”), the month they joined and, if they have left, the month they
        left; leave a value empty where you do not know it. This lets the insights page compare participants with others of the same level and length of service and
        count who stayed. It is only ever used in aggregate, for groups of 5 people or more.
      </ImportForm>
    </>
  );
}

function ImportForm({ kind, columns, children }: { kind: InsightsImportKind; columns: readonly string[]; children: React.ReactNode }) {
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
      <h3 id={headingId}>{TITLES[kind]}</h3>
      <p>
        Columns: <code>{columns.join(",")}</code>. {children}
      </p>
      {report ? (
        <div aria-live="polite">
          <Notice>
            Imported {report.rows} {report.rows === 1 ? "row" : "rows"}: {report.added} new, {report.replaced} replaced, {report.unchanged} unchanged.
            {report.createdStores.length ? ` New stores: ${report.createdStores.join(", ")}.` : ""}
          </Notice>
        </div>
      ) : null}
      {problems ? (
        <div aria-live="polite">
          <Notice>
            Nothing was imported: {problems.length} {problems.length === 1 ? "row needs" : "rows need"} attention. Fix {problems.length === 1 ? "it" : "them"} and import the
            file again.
          </Notice>
          <ImportProblems problems={problems} />
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack" noValidate key={report ? "after-import" : "form"}>
        <input type="hidden" name="intent" value={kind} />
        <FormError message={ownErrors ? (errors.formError ?? errors.fieldErrors.file ?? errors.fieldErrors.intent) : undefined} />
        {kind === "kpis" || kind === "headcounts" ? (
          <SelectField
            label="Unit level"
            name="level"
            options={LEVEL_OPTIONS}
            error={ownErrors ? errors.fieldErrors.level : undefined}
            defaultValue={(problems ? (mine as { level?: string }).level : ownErrors ? errors.value("level") : undefined) ?? "department"}
          />
        ) : null}
        <div className="field">
          <label htmlFor={`${kind}-file`}>CSV file</label>
          <input id={`${kind}-file`} type="file" name="file" accept=".csv,text/csv" />
        </div>
        <TextAreaField label="…or paste the rows here" name="csv" rows={6} defaultValue={problems ? (mine as { kept: string }).kept : ownErrors ? errors.value("csv") : undefined} />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Importing…" : `Import ${TITLES[kind].toLowerCase()}`}
          </button>
        </div>
      </Form>
    </section>
  );
}
