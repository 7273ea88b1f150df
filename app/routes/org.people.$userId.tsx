import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxGroup, FormError, TextField } from "~/components/form-fields";
import { roleOptions } from "~/components/role-options";
import { NotFoundError } from "~/domain/http-errors";
import { pageTitle } from "~/domain/i18n/translators";
import { getPersonForAdmin, setPersonRoles } from "~/domain/orgs/people.server";
import { canAdministerOrg, isPlatformAdmin } from "~/domain/policy";
import { ROLES } from "~/domain/roles";
import { listOf } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "org:person.title");

const userId = z.string().uuid();
const schema = z.object({
  roles: listOf(z.enum(ROLES, { errorMap: () => ({ message: "org:invite.errors.unknownRole" }) })),
  reason: z.string().trim().max(500, "org:person.errors.reasonTooLong").default(""),
});

function personId(params: { userId?: string }) {
  const parsed = userId.safeParse(params.userId);
  if (!parsed.success) throw new NotFoundError("org:person.errors.notFound");
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
    // A role taken away may take a draft or notes with it: open editors are re-checked now, on every process.
    if (saved.removed.length) context.services.accessRevocations.announce([id]);
    // Back to the list with the confirmation; an admin who just gave up their own admin role goes home.
    const stillAdmin = id !== user.id || canAdministerOrg({ ...user, roles: saved.roles }, user.orgId);
    return redirect(stillAdmin ? `/org?saved=${id}` : "/?rolesChanged=1");
  });
}

export default function Person() {
  const { person, canGrantPlatformAdmin } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const selected = errors.values.roles !== undefined ? errors.values.roles.split("\n") : person.roles;
  const { t } = useTranslation("org");
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
          legend={t("people.columns.roles")}
          name="roles"
          options={roleOptions(canGrantPlatformAdmin, (role) => t(`common:roles.${role}`))}
          selected={selected}
          error={errors.fieldErrors.roles}
          hint={t("person.rolesHint")}
        />
        <TextField
          label={t("person.reason")}
          name="reason"
          maxLength={500}
          hint={t("person.reasonHint")}
          defaultValue={errors.value("reason", "")}
          error={errors.fieldErrors.reason}
        />
        <div>
          <button type="submit">{t("person.save")}</button> <Link to="/org">{t("person.cancel")}</Link>
        </div>
      </Form>
      <p>
        <Link to={`/org/people/${person.id}/delete`}>{t("person.delete")}</Link>
      </p>
    </>
  );
}
