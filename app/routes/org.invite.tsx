import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxGroup, FormError, Notice, SelectField, TextField } from "~/components/form-fields";
import { roleOptions } from "~/components/role-options";
import { emailField, jobTitleField } from "~/domain/accounts/account-fields";
import { pageTitle } from "~/domain/i18n/translators";
import { inviteMember } from "~/domain/orgs/invitations.server";
import { listOrgStructure } from "~/domain/orgs/org-structure.server";
import { isPlatformAdmin } from "~/domain/policy";
import { ROLES } from "~/domain/roles";
import { listOf, optionalId } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "org:invite.heading");

const schema = z.object({
  email: emailField,
  name: z.string().trim().max(120, "validation:name.tooLong").default(""),
  jobTitle: jobTitleField,
  departmentId: optionalId,
  siteId: optionalId,
  roles: listOf(z.enum(ROLES, { errorMap: () => ({ message: "org:invite.errors.unknownRole" }) })).pipe(
    z.array(z.enum(ROLES)).min(1, "org:invite.errors.noRole"),
  ),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  return json({ structure: await listOrgStructure(context.services.db, user.orgId), canGrantPlatformAdmin: isPlatformAdmin(user) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db, config } = context.services;
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (input) => {
    await inviteMember(db, user, config.publicOrigin, user.orgId, input);
    return redirect(`/org/invite?sent=${encodeURIComponent(input.email)}`);
  });
}

export default function InvitePerson() {
  const { structure, canGrantPlatformAdmin } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const selectedRoles = errors.values.roles ? errors.values.roles.split("\n") : ["participant"];
  const { t } = useTranslation("org");
  return (
    <>
      <h2>{t("invite.heading")}</h2>
      {params.get("sent") ? <Notice>{t("invite.sent", { email: params.get("sent") })}</Notice> : null}
      <Form method="post" className="stack" noValidate key={params.get("sent") ?? "new"}>
        <FormError message={errors.formError} />
        <TextField label={t("auth:fields.email")} name="email" type="email" required defaultValue={errors.value("email")} error={errors.fieldErrors.email} />
        <TextField label={t("invite.name")} name="name" defaultValue={errors.value("name")} error={errors.fieldErrors.name} />
        <TextField label={t("invite.jobTitle")} name="jobTitle" defaultValue={errors.value("jobTitle")} error={errors.fieldErrors.jobTitle} />
        <SelectField
          label={t("profile:fields.department")}
          name="departmentId"
          defaultValue={errors.value("departmentId", "")}
          options={[{ value: "", label: t("common:notSet") }, ...structure.departments.map((d) => ({ value: d.id, label: d.name }))]}
          error={errors.fieldErrors.departmentId}
        />
        <SelectField
          label={t("profile:fields.site")}
          name="siteId"
          defaultValue={errors.value("siteId", "")}
          options={[{ value: "", label: t("common:notSet") }, ...structure.sites.map((s) => ({ value: s.id, label: s.name }))]}
          error={errors.fieldErrors.siteId}
        />
        <CheckboxGroup legend={t("people.columns.roles")} name="roles" options={roleOptions(canGrantPlatformAdmin, (role) => t(`common:roles.${role}`))} selected={selectedRoles} error={errors.fieldErrors.roles} />
        <div>
          <button type="submit" disabled={busy}>
            {t("invite.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
