import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/form-fields";
import { getOrganisation, updateSignupSettings } from "~/domain/orgs/org-settings.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Sign-up settings · Roundtable" }];

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^@/, ""))
  .pipe(z.string().regex(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, "Enter a domain such as example.com, without the @."));

const schema = z.discriminatedUnion("signupMode", [
  z.object({ signupMode: z.literal("invite_only"), allowedEmailDomain: z.string().optional() }),
  z.object({ signupMode: z.literal("email_domain"), allowedEmailDomain: domain }),
], { errorMap: () => ({ message: "Choose how people join." }) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const org = await getOrganisation(context.services.db, user, user.orgId);
  return json({ signupMode: org.signupMode, allowedEmailDomain: org.allowedEmailDomain ?? "" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (settings) => {
    await updateSignupSettings(context.services.db, user, user.orgId, settings);
    return redirect("/org/settings?saved=1");
  });
}

export default function OrgSettings() {
  const org = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const mode = errors.value("signupMode", org.signupMode);
  return (
    <>
      <h2>How people join</h2>
      {params.get("saved") ? <Notice>Saved.</Notice> : null}
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError ?? errors.fieldErrors.signupMode} />
        <fieldset className="field">
          <legend>Sign-up</legend>
          <label className="checkbox">
            <input type="radio" name="signupMode" value="invite_only" defaultChecked={mode === "invite_only"} /> Invitation only
          </label>
          <label className="checkbox">
            <input type="radio" name="signupMode" value="email_domain" defaultChecked={mode === "email_domain"} /> Anyone with an email address at our
            domain may sign up
          </label>
        </fieldset>
        <TextField
          label="Allowed email domain"
          name="allowedEmailDomain"
          hint="Used only with open sign-up, for example example.com."
          defaultValue={errors.value("allowedEmailDomain", org.allowedEmailDomain)}
          error={errors.fieldErrors.allowedEmailDomain}
        />
        <div>
          <button type="submit">Save</button>
        </div>
      </Form>
    </>
  );
}
