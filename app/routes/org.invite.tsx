import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CheckboxGroup, FormError, Notice, SelectField, TextField } from "~/components/form-fields";
import { roleOptions } from "~/components/role-options";
import { emailField, jobTitleField } from "~/domain/accounts/account-fields";
import { inviteMember } from "~/domain/orgs/invitations.server";
import { listOrgStructure } from "~/domain/orgs/org-structure.server";
import { isPlatformAdmin } from "~/domain/policy";
import { ROLES } from "~/domain/roles";
import { listOf, optionalId } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Invite someone · Roundtable" }];

const schema = z.object({
  email: emailField,
  name: z.string().trim().max(120, "Keep the name under 120 characters.").default(""),
  jobTitle: jobTitleField,
  departmentId: optionalId,
  siteId: optionalId,
  roles: listOf(z.enum(ROLES, { errorMap: () => ({ message: "Choose roles from the list." }) })).pipe(
    z.array(z.enum(ROLES)).min(1, "Choose at least one role."),
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
  return (
    <>
      <h2>Invite someone</h2>
      {params.get("sent") ? <Notice>Invitation sent to {params.get("sent")}. The link works once, for 7 days.</Notice> : null}
      <Form method="post" className="stack" noValidate key={params.get("sent") ?? "new"}>
        <FormError message={errors.formError} />
        <TextField label="Email" name="email" type="email" required defaultValue={errors.value("email")} error={errors.fieldErrors.email} />
        <TextField label="Name (optional)" name="name" defaultValue={errors.value("name")} error={errors.fieldErrors.name} />
        <TextField label="Job title (optional)" name="jobTitle" defaultValue={errors.value("jobTitle")} error={errors.fieldErrors.jobTitle} />
        <SelectField
          label="Department"
          name="departmentId"
          defaultValue={errors.value("departmentId", "")}
          options={[{ value: "", label: "Not set" }, ...structure.departments.map((d) => ({ value: d.id, label: d.name }))]}
          error={errors.fieldErrors.departmentId}
        />
        <SelectField
          label="Site"
          name="siteId"
          defaultValue={errors.value("siteId", "")}
          options={[{ value: "", label: "Not set" }, ...structure.sites.map((s) => ({ value: s.id, label: s.name }))]}
          error={errors.fieldErrors.siteId}
        />
        <CheckboxGroup legend="Roles" name="roles" options={roleOptions(canGrantPlatformAdmin)} selected={selectedRoles} error={errors.fieldErrors.roles} />
        <div>
          <button type="submit" disabled={busy}>
            Send invitation
          </button>
        </div>
      </Form>
    </>
  );
}
