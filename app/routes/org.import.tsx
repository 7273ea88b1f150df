import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { FormError, Notice, TextAreaField } from "~/components/form-fields";
import { ImportProblems } from "~/components/import-problems";
import { useFormat } from "~/components/use-format";
import { CSV_COLUMNS, importPeopleCsv } from "~/domain/orgs/import-people.server";
import { pageTitle } from "~/domain/i18n/translators";
import { InputError } from "~/domain/input-error";
import { invalid, readFormData, readCsvUpload } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "org:import.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireOrgAdmin(context, request);
  // Sent from the server: CSV_COLUMNS lives in a .server module, which is empty in the browser.
  return json({ columns: CSV_COLUMNS });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db, config } = context.services;
  const formData = await readFormData(request);
  const text = await readCsvUpload(formData);
  if (!text.trim()) return invalid(formData, { file: "org:import.errors.noFile" });
  try {
    const report = await importPeopleCsv(db, user, config.publicOrigin, user.orgId, text);
    return json({ report });
  } catch (error) {
    if (error instanceof InputError) {
      const kept = new FormData();
      kept.set("csv", text);
      return invalid(kept, error.fieldErrors);
    }
    throw error;
  }
}

export default function ImportPeople() {
  const { columns } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const data = useActionData<typeof action>();
  const report = data && "report" in data ? data.report : null;
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("org");
  const format = useFormat();
  return (
    <>
      <h2>{t("import.heading")}</h2>
      <p>
        <Trans
          t={t}
          i18nKey="import.intro"
          values={{ columns: format.enumerate(columns), email: "email", name: "name", separator: ";", example: t("import.example") }}
          components={{ code: <code /> }}
        />
      </p>
      {report ? (
        <div aria-live="polite">
          <Notice>
            {t("import.result", { count: report.imported, attention: t("import.needAttention", { count: report.errors.length }) })}
            {report.createdDepartments.length ? ` ${t("import.newDepartments", { names: format.enumerate(report.createdDepartments) })}` : ""}
            {report.createdSites.length ? ` ${t("import.newSites", { names: format.enumerate(report.createdSites) })}` : ""}
          </Notice>
          <ImportProblems problems={report.errors} />
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack" noValidate key={report ? "after-import" : "form"}>
        <FormError message={errors.formError ?? errors.fieldErrors.file} />
        <div className="field">
          <label htmlFor="csv-file">{t("import.file")}</label>
          <input id="csv-file" type="file" name="file" accept=".csv,text/csv" />
        </div>
        <TextAreaField
          label={t("import.paste")}
          name="csv"
          rows={8}
          hint={report?.rejectedCsv ? t("import.rejectedHint") : undefined}
          defaultValue={report?.rejectedCsv || errors.value("csv")}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("import.importing") : t("import.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
