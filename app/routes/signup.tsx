import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextField } from "~/components/form-fields";
import { TimeZoneField } from "~/components/time-zone-field";
import { emailField, listTimeZones, nameField, newPasswordField, timeZoneField } from "~/domain/accounts/account-fields";
import { serializeSessionCookie } from "~/domain/accounts/session-cookie.server";
import { signUp } from "~/domain/accounts/sign-up.server";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireAnonymous } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Create an account · Roundtable" }];

const schema = z.object({ name: nameField, email: emailField, password: newPasswordField, timeZone: timeZoneField });

export async function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context);
  return json({ timeZones: listTimeZones() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, config, authLimiter } = context.services;
  const formData = await readFormData(request);
  if (!authLimiter.take(context.clientIp)) {
    return invalid(formData, { form: "Too many attempts from your network. Please wait a minute and try again." }, 429);
  }
  return submitForm(formData, schema, async (input) => {
    const { token, session } = await signUp(db, input);
    return redirect("/profile?welcome=1", { headers: { "Set-Cookie": serializeSessionCookie(config, token, session.expiresAt) } });
  });
}

export default function Signup() {
  const { timeZones } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="signup-title">
      <h1 id="signup-title">Create your Roundtable account</h1>
      <p className="muted">Use your work email. If your organisation is invitation-only, ask its Roundtable admin for an invite.</p>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <TextField label="Your name" name="name" autoComplete="name" required defaultValue={errors.value("name")} error={errors.fieldErrors.name} />
        <TextField label="Work email" name="email" type="email" autoComplete="email" required defaultValue={errors.value("email")} error={errors.fieldErrors.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters. A few words you will remember works well."
          error={errors.fieldErrors.password}
        />
        <TimeZoneField zones={timeZones} defaultValue={errors.value("timeZone")} error={errors.fieldErrors.timeZone} />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Creating your account…" : "Create account"}
          </button>
        </div>
      </Form>
      <p>
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </section>
  );
}
