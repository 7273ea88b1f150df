import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, TextField } from "~/components/form-fields";
import { newPasswordField } from "~/domain/accounts/account-fields";
import { isResetTokenUsable, resetPassword } from "~/domain/accounts/password-reset.server";
import { serializeClearedSessionCookie } from "~/domain/accounts/session-cookie.server";
import { pageTitle } from "~/domain/i18n/translators";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { spendAuthAttempt } from "~/forms/auth-attempt-budget.server";
import { useFormErrors } from "~/forms/use-form-errors";

// A 429 (too many attempts) says when to try again.
export { retryAfterHeaders as headers } from "~/forms/retry-after-headers";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:reset.title");

const schema = z
  .object({ password: newPasswordField, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { message: "validation:password.notSame", path: ["confirmPassword"] });

export async function loader({ params, context }: LoaderFunctionArgs) {
  return json({ usable: await isResetTokenUsable(context.services.db, params.token ?? "") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, config } = context.services;
  const formData = await readFormData(request);
  const overBudget = await spendAuthAttempt(context, formData);
  if (overBudget) return overBudget;
  return submitForm(formData, schema, async ({ password }) => {
    const { userId } = await resetPassword(db, params.token ?? "", password);
    context.services.accessRevocations.announce([userId]);
    // A reset ends every session, including any in this browser.
    return redirect("/login?reset=done", { headers: { "Set-Cookie": serializeClearedSessionCookie(config) } });
  });
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("auth");
  if (!usable) {
    return (
      <section aria-labelledby="reset-title">
        <h1 id="reset-title">{t("reset.expiredHeading")}</h1>
        <p>{t("reset.expiredBody")}</p>
        <p>
          <Link to="/forgot-password">{t("reset.newLink")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="reset-title">
      <h1 id="reset-title">{t("reset.heading")}</h1>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <TextField label={t("fields.newPassword")} name="password" type="password" autoComplete="new-password" required hint={t("reset.passwordHint")} error={errors.fieldErrors.password} />
        <TextField label={t("fields.repeatPassword")} name="confirmPassword" type="password" autoComplete="new-password" required error={errors.fieldErrors.confirmPassword} />
        <div>
          <button type="submit" disabled={busy}>
            {t("reset.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
