// A whole organisation's data, for a customer leaving: a platform admin asks
// for it, the personal-data job builds the zip (the same format as a
// person's export), and the link here works for that admin for a week.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice, SelectField } from "~/components/form-fields";
import { EXPORT_STATUS_WORDS, ExportDownload } from "~/components/export-download";
import { TableScroll } from "~/components/table-scroll";
import { formatDateInZone } from "~/components/format-time";
import { listOrganisations } from "~/domain/admin/organisations.server";
import { listOwnExports, requestOrganisationExport } from "~/domain/personal-data/data-exports.server";
import { EXPORT_LINK_DAYS } from "~/domain/personal-data/personal-data-fields";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requirePlatformAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Organisation exports · Roundtable" }];

const schema = z.object({ orgId: z.string({ required_error: "Choose an organisation from the list." }).uuid("Choose an organisation from the list.") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePlatformAdmin(context, request);
  const { db } = context.services;
  const [organisations, downloads] = await Promise.all([listOrganisations(db, user), listOwnExports(db, user)]);
  return json({
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
    downloads: downloads
      .filter((e) => e.scope === "organisation")
      .map((e) => ({ id: e.id, organisation: e.organisation, status: e.status, requested: formatDateInZone(e.createdAt, user.timeZone), expires: e.expiresAt ? formatDateInZone(e.expiresAt, user.timeZone) : null, size: e.byteSize })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePlatformAdmin(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async ({ orgId }) => {
    await requestOrganisationExport(context.services.db, user, orgId);
    return redirect("/admin/exports?asked=1");
  });
}


export default function OrganisationExports() {
  const { organisations, downloads } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  return (
    <>
      <h2>Export an organisation&apos;s data</h2>
      {params.get("asked") ? <Notice>We are preparing the export. You will be notified when it is ready.</Notice> : null}
      <p className="muted">
        Everything Roundtable holds for one organisation, for a customer leaving: one JSON file per kind of data in a zip, with a README. Passwords and
        sign-in tokens are never included. Each download works for you only, for {EXPORT_LINK_DAYS} days.
      </p>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <SelectField label="Organisation" name="orgId" options={organisations} defaultValue={errors.value("orgId")} error={errors.fieldErrors.orgId} />
        <div>
          <button type="submit">Prepare the export</button>
        </div>
      </Form>
      {downloads.length ? (
        <TableScroll label="Exports you asked for">
          <table>
            <caption>Exports you asked for</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Asked for</th>
                <th scope="col">State</th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {downloads.map((e) => (
                <tr key={e.id}>
                  <td>{e.organisation}</td>
                  <td>{e.requested}</td>
                  <td>{EXPORT_STATUS_WORDS[e.status]}</td>
                  <td>
                    <ExportDownload id={e.id} status={e.status} size={e.size} expires={e.expires} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </>
  );
}
