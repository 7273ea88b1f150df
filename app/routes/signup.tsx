import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, TextField } from "~/components/form-fields";
import { TimeZoneField } from "~/components/time-zone-field";
import { emailField, listTimeZones, nameField, newPasswordField, timeZoneField } from "~/domain/accounts/account-fields";
import { serializeSessionCookie } from "~/domain/accounts/session-cookie.server";
import { signUp } from "~/domain/accounts/sign-up.server";
import { pageTitle } from "~/domain/i18n/translators";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { spendAuthAttempt } from "~/forms/auth-attempt-budget.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireAnonymous } from "~/require-user.server";

// A 429 (too many attempts) says when to try again.
export { retryAfterHeaders as headers } from "~/forms/retry-after-headers";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:signUp.title");

const schema = z.object({ name: nameField, email: emailField, password: newPasswordField, timeZone: timeZoneField });

export async function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context);
  return json({ timeZones: listTimeZones() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, config } = context.services;
  const formData = await readFormData(request);
  const overBudget = await spendAuthAttempt(context, formData);
  if (overBudget) return overBudget;
  return submitForm(formData, schema, async (input) => {
    const { token, session } = await signUp(db, input);
    return redirect("/profile?welcome=1", { headers: { "Set-Cookie": serializeSessionCookie(config, token, session.expiresAt) } });
  });
}

export default function Signup() {
  const { timeZones } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("auth");
  return (
    <section aria-labelledby="signup-title">
      <h1 id="signup-title">{t("signUp.heading")}</h1>
      <p className="muted">{t("signUp.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <TextField label={t("fields.yourName")} name="name" autoComplete="name" required defaultValue={errors.value("name")} error={errors.fieldErrors.name} />
        <TextField label={t("fields.workEmail")} name="email" type="email" autoComplete="email" required defaultValue={errors.value("email")} error={errors.fieldErrors.email} />
        <TextField
          label={t("fields.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={t("signUp.passwordHint")}
          error={errors.fieldErrors.password}
        />
        <TimeZoneField zones={timeZones} defaultValue={errors.value("timeZone")} error={errors.fieldErrors.timeZone} />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("signUp.busy") : t("signUp.submit")}
          </button>
        </div>
      </Form>
      <p>
        <Trans t={t} i18nKey="signUp.haveAccount" components={{ signin: <Link to="/login" /> }} />
      </p>
    </section>
  );
}
