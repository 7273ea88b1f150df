import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/form-fields";
import { newPasswordField, passwordField } from "~/domain/accounts/account-fields";
import { changePassword } from "~/domain/accounts/change-password.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { getSessionId, requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Password and sign-in · Roundtable" }];

const schema = z
  .object({ currentPassword: passwordField, newPassword: newPasswordField, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "The two new passwords are not the same.", path: ["confirmPassword"] });

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(context, request);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async ({ currentPassword, newPassword }) => {
    await changePassword(context.services.db, { userId: user.id, sessionId: getSessionId(context)!, currentPassword, newPassword });
    return redirect("/security?changed=1");
  });
}

export default function Security() {
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="security-title">
      <h1 id="security-title">Password and sign-in</h1>
      {params.get("changed") ? <Notice>Your password is changed. Every other browser was signed out.</Notice> : null}
      <h2>Change your password</h2>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={errors.fieldErrors.currentPassword} />
        <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint="At least 8 characters." error={errors.fieldErrors.newPassword} />
        <TextField label="Repeat the new password" name="confirmPassword" type="password" autoComplete="new-password" required error={errors.fieldErrors.confirmPassword} />
        <div>
          <button type="submit" disabled={busy}>
            Change password
          </button>
        </div>
      </Form>
      <h2>Sign out everywhere</h2>
      <p>Lost a phone, or signed in on a shared computer? This signs you out of every browser, including this one.</p>
      <Form method="post" action="/logout">
        <input type="hidden" name="intent" value="everywhere" />
        <button type="submit" className="button--danger">
          Sign out everywhere
        </button>
      </Form>
    </section>
  );
}
