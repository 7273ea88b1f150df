import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { emailField } from "~/domain/accounts/account-fields";
import { createOrganisation, listOrganisations } from "~/domain/admin/organisations.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requirePlatformAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Organisations · Roundtable" }];

const schema = z.object({
  name: z.string().trim().min(2, "Enter the organisation's name.").max(120, "Keep the name under 120 characters."),
  firstAdminEmail: emailField,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePlatformAdmin(context, request);
  return json({ organisations: await listOrganisations(context.services.db, user) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePlatformAdmin(context, request);
  const { db, config } = context.services;
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (input) => {
    await createOrganisation(db, user, config.publicOrigin, input);
    return redirect(`/admin?created=${encodeURIComponent(input.name)}`);
  });
}

export default function Organisations() {
  const { organisations } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("created") ? <Notice>{params.get("created")} was created and its first admin invited.</Notice> : null}
      <h2>Organisations</h2>
      <TableScroll label="Organisations">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">People</th>
              <th scope="col">Sign-up</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.id}>
                <td>{o.name}</td>
                <td>{o.people}</td>
                <td>{o.signupMode === "email_domain" ? `Open to @${o.allowedEmailDomain}` : "Invitation only"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>Add an organisation</h2>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <TextField label="Organisation name" name="name" required defaultValue={errors.value("name")} error={errors.fieldErrors.name} />
        <TextField label="Email of its first admin" name="firstAdminEmail" type="email" required defaultValue={errors.value("firstAdminEmail")} error={errors.fieldErrors.firstAdminEmail} />
        <div>
          <button type="submit">Create and invite</button>
        </div>
      </Form>
    </>
  );
}
