import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { emailField } from "~/domain/accounts/account-fields";
import { createOrganisation, listOrganisations } from "~/domain/admin/organisations.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requirePlatformAdmin } from "~/require-user.server";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.nav.organisations");

const schema = z.object({
  name: z.string().trim().min(2, "common:admin.organisations.errors.name").max(120, "validation:name.tooLong"),
  firstAdminEmail: emailField,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePlatformAdmin(context, request);
  const organisations = await listOrganisations(context.services.db, user);
  // The notice names an organisation only if it exists: a link cannot make the page say something else was created.
  const createdId = new URL(request.url).searchParams.get("created");
  const created = organisations.find((o) => o.id === createdId)?.name ?? null;
  return json({ organisations, created });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePlatformAdmin(context, request);
  const { db, config } = context.services;
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (input) => {
    const orgId = await createOrganisation(db, user, config.publicOrigin, input);
    return redirect(`/admin?created=${orgId}`);
  });
}

export default function Organisations() {
  const { organisations, created } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const { t } = useTranslation();
  return (
    <>
      {created ? <Notice>{t("admin.organisations.created", { name: created })}</Notice> : null}
      <h2>{t("admin.nav.organisations")}</h2>
      <TableScroll label={t("admin.nav.organisations")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("org:people.columns.name")}</th>
              <th scope="col">{t("org:nav.people")}</th>
              <th scope="col">{t("org:settings.signup.legend")}</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.id}>
                <td>{o.name}</td>
                <td>{o.people}</td>
                <td>{o.signupMode === "email_domain" ? t("admin.organisations.openTo", { domain: o.allowedEmailDomain }) : t("org:settings.signup.inviteOnly")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>{t("admin.organisations.add")}</h2>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <TextField label={t("admin.organisations.name")} name="name" required defaultValue={errors.value("name")} error={errors.fieldErrors.name} />
        <TextField label={t("admin.organisations.firstAdmin")} name="firstAdminEmail" type="email" required defaultValue={errors.value("firstAdminEmail")} error={errors.fieldErrors.firstAdminEmail} />
        <div>
          <button type="submit">{t("admin.organisations.submit")}</button>
        </div>
      </Form>
    </>
  );
}
