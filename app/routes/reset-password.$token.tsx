import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextField } from "~/components/form-fields";
import { newPasswordField } from "~/domain/accounts/account-fields";
import { isResetTokenUsable, resetPassword } from "~/domain/accounts/password-reset.server";
import { serializeClearedSessionCookie } from "~/domain/accounts/session-cookie.server";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Roundtable" }];

const schema = z
  .object({ password: newPasswordField, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { message: "The two passwords are not the same.", path: ["confirmPassword"] });

export async function loader({ params, context }: LoaderFunctionArgs) {
  return json({ usable: await isResetTokenUsable(context.services.db, params.token ?? "") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, config, authLimiter } = context.services;
  const formData = await readFormData(request);
  if (!authLimiter.take(context.clientIp)) {
    return invalid(formData, { form: "Too many attempts from your network. Please wait a minute and try again." }, 429);
  }
  return submitForm(formData, schema, async ({ password }) => {
    await resetPassword(db, params.token ?? "", password);
    // A reset ends every session, including any in this browser.
    return redirect("/login?reset=done", { headers: { "Set-Cookie": serializeClearedSessionCookie(config) } });
  });
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  if (!usable) {
    return (
      <section aria-labelledby="reset-title">
        <h1 id="reset-title">This link no longer works</h1>
        <p>Reset links work once and for one hour. Ask for a new one and use the newest email.</p>
        <p>
          <Link to="/forgot-password">Send me a new link</Link>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <TextField label="New password" name="password" type="password" autoComplete="new-password" required hint="At least 8 characters." error={errors.fieldErrors.password} />
        <TextField label="Repeat the new password" name="confirmPassword" type="password" autoComplete="new-password" required error={errors.fieldErrors.confirmPassword} />
        <div>
          <button type="submit" disabled={busy}>
            Save new password
          </button>
        </div>
      </Form>
    </section>
  );
}
