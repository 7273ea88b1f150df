import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, Notice, TextAreaField } from "~/components/form-fields";
import { ImportProblems } from "~/components/import-problems";
import { CSV_COLUMNS, importPeopleCsv } from "~/domain/orgs/import-people.server";
import { InputError } from "~/domain/input-error";
import { invalid, readFormData, readCsvUpload } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Import people · Roundtable" }];

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
  if (!text.trim()) return invalid(formData, { file: "Choose a CSV file or paste its contents." });
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
  return (
    <>
      <h2>Import people from a CSV file</h2>
      <p>
        The first line names the columns: <code>{columns.join(",")}</code>. Only <code>email</code> and <code>name</code> are required. Separate
        several roles with <code>;</code>, for example <code>alumnus;facilitator</code>. Everyone imported gets an invitation email. Departments and
        sites that do not exist yet are created.
      </p>
      {report ? (
        <div aria-live="polite">
          <Notice>
            Imported {report.imported} {report.imported === 1 ? "person" : "people"}; {report.errors.length} {report.errors.length === 1 ? "row needs" : "rows need"}{" "}
            attention.
            {report.createdDepartments.length ? ` New departments: ${report.createdDepartments.join(", ")}.` : ""}
            {report.createdSites.length ? ` New sites: ${report.createdSites.join(", ")}.` : ""}
          </Notice>
          <ImportProblems problems={report.errors} />
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack" noValidate key={report ? "after-import" : "form"}>
        <FormError message={errors.formError ?? errors.fieldErrors.file} />
        <div className="field">
          <label htmlFor="csv-file">CSV file</label>
          <input id="csv-file" type="file" name="file" accept=".csv,text/csv" />
        </div>
        <TextAreaField
          label="…or paste the rows here"
          name="csv"
          rows={8}
          hint={report?.rejectedCsv ? "The rows that were not imported are below. Fix them and import again." : undefined}
          defaultValue={report?.rejectedCsv || errors.value("csv")}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Importing…" : "Import"}
          </button>
        </div>
      </Form>
    </>
  );
}
