import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/form-fields";
import { emailField, passwordField } from "~/domain/accounts/account-fields";
import { serializeSessionCookie } from "~/domain/accounts/session-cookie.server";
import { signIn, SIGN_IN_FAILED_MESSAGE, throttledMessage } from "~/domain/accounts/sign-in.server";
import { pageTitle } from "~/domain/i18n/translators";
import { InputError } from "~/domain/input-error";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { spendAuthAttempt } from "~/forms/auth-attempt-budget.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireAnonymous, safeRedirectPath } from "~/require-user.server";

// A 429 (too many attempts) says when to try again.
export { retryAfterHeaders as headers } from "~/forms/retry-after-headers";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:signIn.title");

const schema = z.object({ email: emailField, password: passwordField, redirectTo: z.string().optional() });

export async function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, config } = context.services;
  const formData = await readFormData(request);
  const overBudget = await spendAuthAttempt(context, formData);
  if (overBudget) return overBudget;
  return submitForm(formData, schema, async ({ email, password, redirectTo }) => {
    const result = await signIn(db, email, password);
    if (!result.ok && result.reason === "throttled") {
      // The per-account throttle (in the database, so every process holds it): 429, and when to try again.
      const refused = invalid(formData, { form: throttledMessage(result.retryAfterSeconds) }, 429);
      refused.headers.set("Retry-After", String(result.retryAfterSeconds));
      return refused;
    }
    if (!result.ok) throw new InputError({ form: SIGN_IN_FAILED_MESSAGE });
    return redirect(safeRedirectPath(redirectTo), {
      headers: { "Set-Cookie": serializeSessionCookie(config, result.token, result.expiresAt) },
    });
  });
}

export default function Login() {
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("auth");
  return (
    <section aria-labelledby="login-title">
      <h1 id="login-title">{t("signIn.heading")}</h1>
      {params.get("reset") === "done" ? <Notice>{t("signIn.passwordChanged")}</Notice> : null}
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField label={t("fields.email")} name="email" type="email" autoComplete="email" required defaultValue={errors.value("email")} error={errors.fieldErrors.email} />
        <TextField label={t("fields.password")} name="password" type="password" autoComplete="current-password" required error={errors.fieldErrors.password} />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("signIn.busy") : t("signIn.submit")}
          </button>
        </div>
      </Form>
      <p>
        <Link to="/forgot-password">{t("signIn.forgot")}</Link>
      </p>
      <p>
        <Trans t={t} i18nKey="signIn.newHere" components={{ signup: <Link to="/signup" /> }} />
      </p>
    </section>
  );
}
