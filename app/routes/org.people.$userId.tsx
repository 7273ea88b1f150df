import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CheckboxGroup, FormError, TextField } from "~/components/form-fields";
import { roleOptions } from "~/components/role-options";
import { ROLE_LABELS } from "~/domain/roles";
import { NotFoundError } from "~/domain/http-errors";
import { getPersonForAdmin, setPersonRoles } from "~/domain/orgs/people.server";
import { canAdministerOrg, isPlatformAdmin } from "~/domain/policy";
import { ROLES } from "~/domain/roles";
import { listOf } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Person · Roundtable" }];

const userId = z.string().uuid();
const schema = z.object({
  roles: listOf(z.enum(ROLES, { errorMap: () => ({ message: "Choose roles from the list." }) })),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").default(""),
});

function personId(params: { userId?: string }) {
  const parsed = userId.safeParse(params.userId);
  if (!parsed.success) throw new NotFoundError("We could not find that person.");
  return parsed.data;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const person = await getPersonForAdmin(context.services.db, user, personId(params));
  return json({ person, canGrantPlatformAdmin: isPlatformAdmin(user) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const id = personId(params);
  // Scope first: another organisation's person is a 404 whatever the form says.
  await getPersonForAdmin(context.services.db, user, id);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async ({ roles, reason }) => {
    const saved = await setPersonRoles(context.services.db, user, id, roles, reason);
    // Back to the list with the confirmation; an admin who just gave up their own admin role goes home.
    const stillAdmin = id !== user.id || canAdministerOrg({ ...user, roles: saved.roles }, user.orgId);
    return redirect(stillAdmin ? `/org?saved=${id}` : "/?rolesChanged=1");
  });
}

export default function Person() {
  const { person, canGrantPlatformAdmin } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const selected = errors.values.roles !== undefined ? errors.values.roles.split("\n") : person.roles;
  return (
    <>
      <h2>{person.name}</h2>
      <p className="muted">
        {person.email}
        {person.jobTitle ? ` · ${person.jobTitle}` : ""}
      </p>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <CheckboxGroup
          legend="Roles"
          name="roles"
          options={roleOptions(canGrantPlatformAdmin, (role) => ROLE_LABELS[role])}
          selected={selected}
          error={errors.fieldErrors.roles}
          hint="A participant is in a cycle now; an alumnus has finished at least one. Someone who starts another cycle keeps both. They are told about any change."
        />
        <TextField
          label="Reason"
          name="reason"
          maxLength={500}
          hint="Required when you grant or withdraw Alumnus by hand (alumni normally earn it by finishing a cycle). It is kept in the audit log."
          defaultValue={errors.value("reason", "")}
          error={errors.fieldErrors.reason}
        />
        <div>
          <button type="submit">Save roles</button> <Link to="/org">Cancel</Link>
        </div>
      </Form>
    </>
  );
}
