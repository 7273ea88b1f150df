import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/form-fields";
import { emailField, passwordField } from "~/domain/accounts/account-fields";
import { serializeSessionCookie } from "~/domain/accounts/session-cookie.server";
import { signIn, SIGN_IN_FAILED_MESSAGE, throttledMessage } from "~/domain/accounts/sign-in.server";
import { InputError } from "~/domain/input-error";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireAnonymous, safeRedirectPath } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Roundtable" }];

const schema = z.object({ email: emailField, password: passwordField, redirectTo: z.string().optional() });

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
  return submitForm(formData, schema, async ({ email, password, redirectTo }) => {
    const result = await signIn(db, email, password);
    if (!result.ok) {
      throw new InputError({ form: result.reason === "throttled" ? throttledMessage(result.retryAfterSeconds) : SIGN_IN_FAILED_MESSAGE });
    }
    return redirect(safeRedirectPath(redirectTo), {
      headers: { "Set-Cookie": serializeSessionCookie(config, result.token, result.expiresAt) },
    });
  });
}

export default function Login() {
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="login-title">
      <h1 id="login-title">Sign in to Roundtable</h1>
      {params.get("reset") === "done" ? <Notice>Your password was changed. Sign in with the new one.</Notice> : null}
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField label="Email" name="email" type="email" autoComplete="email" required defaultValue={errors.value("email")} error={errors.fieldErrors.email} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={errors.fieldErrors.password} />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </div>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to="/signup">Create an account</Link> if your organisation allows it, or ask your admin for an invitation.
      </p>
    </section>
  );
}
