// A whole organisation's data, for a customer leaving: a platform admin asks
// for it, the personal-data job builds the zip (the same format as a
// person's export), and the link here works for that admin for a week.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, SelectField } from "~/components/form-fields";
import { ExportDownload, ExportStatusWords } from "~/components/export-download";
import { TableScroll } from "~/components/table-scroll";
import { useFormat } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import { listOrganisations } from "~/domain/admin/organisations.server";
import { listOwnExports, requestOrganisationExport } from "~/domain/personal-data/data-exports.server";
import { EXPORT_LINK_DAYS } from "~/domain/personal-data/personal-data-fields";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requirePlatformAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "privacy:organisationExports.title");

const schema = z.object({ orgId: z.string({ required_error: "privacy:errors.chooseOrganisation" }).uuid("privacy:errors.chooseOrganisation") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePlatformAdmin(context, request);
  const { db } = context.services;
  const [organisations, downloads] = await Promise.all([listOrganisations(db, user), listOwnExports(db, user)]);
  return json({
    timeZone: user.timeZone,
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
    downloads: downloads
      .filter((e) => e.scope === "organisation")
      .map((e) => ({ id: e.id, organisation: e.organisation, status: e.status, requested: e.createdAt.toISOString(), expires: e.expiresAt?.toISOString() ?? null, size: e.byteSize })),
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
  const { timeZone, organisations, downloads } = useLoaderData<typeof loader>();
  const { t } = useTranslation("privacy");
  const format = useFormat();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  return (
    <>
      <h2>{t("organisationExports.heading")}</h2>
      {params.get("asked") ? <Notice>{t("organisationExports.asked")}</Notice> : null}
      <p className="muted">{t("organisationExports.intro", { count: EXPORT_LINK_DAYS })}</p>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <SelectField label={t("organisationExports.organisation")} name="orgId" options={organisations} defaultValue={errors.value("orgId")} error={errors.fieldErrors.orgId} />
        <div>
          <button type="submit">{t("organisationExports.submit")}</button>
        </div>
      </Form>
      {downloads.length ? (
        <TableScroll label={t("organisationExports.tableLabel")}>
          <table>
            <caption>{t("organisationExports.tableLabel")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("organisationExports.organisation")}</th>
                <th scope="col">{t("exports.columns.askedFor")}</th>
                <th scope="col">{t("exports.columns.state")}</th>
                <th scope="col">{t("exports.columns.download")}</th>
              </tr>
            </thead>
            <tbody>
              {downloads.map((e) => (
                <tr key={e.id}>
                  <td>{e.organisation}</td>
                  <td>{format.date(e.requested, timeZone)}</td>
                  <td>
                    <ExportStatusWords status={e.status} />
                  </td>
                  <td>
                    <ExportDownload id={e.id} status={e.status} size={e.size} expires={e.expires} timeZone={timeZone} />
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
