import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/form-fields";
import { emailField } from "~/domain/accounts/account-fields";
import { requestPasswordReset } from "~/domain/accounts/password-reset.server";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireAnonymous } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Reset your password · Roundtable" }];

export async function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, config, authLimiter } = context.services;
  const formData = await readFormData(request);
  if (!authLimiter.take(context.clientIp)) {
    return invalid(formData, { form: "Too many attempts from your network. Please wait a minute and try again." }, 429);
  }
  return submitForm(formData, z.object({ email: emailField }), async ({ email }) => {
    await requestPasswordReset(db, config.publicOrigin, email);
    // The same answer whether or not the account exists.
    return json({ sentTo: email });
  });
}

export default function ForgotPassword() {
  const errors = useFormErrors();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const sentTo = data && "sentTo" in data ? data.sentTo : null;
  return (
    <section aria-labelledby="forgot-title">
      <h1 id="forgot-title">Reset your password</h1>
      {sentTo ? (
        <Notice>
          If <strong>{sentTo}</strong> has a Roundtable account, we have sent it a link to choose a new password. The link works for one hour.
        </Notice>
      ) : (
        <Form method="post" className="stack" noValidate>
          <p>Enter the email you sign in with. We will send you a link to choose a new password.</p>
          <FormError message={errors.formError} />
          <TextField label="Email" name="email" type="email" autoComplete="email" required defaultValue={errors.value("email")} error={errors.fieldErrors.email} />
          <div>
            <button type="submit" disabled={busy}>
              Send reset link
            </button>
          </div>
        </Form>
      )}
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </section>
  );
}
