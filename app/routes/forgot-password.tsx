import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/form-fields";
import { emailField } from "~/domain/accounts/account-fields";
import { requestPasswordReset } from "~/domain/accounts/password-reset.server";
import { pageTitle } from "~/domain/i18n/translators";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { spendAuthAttempt } from "~/forms/auth-attempt-budget.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireAnonymous } from "~/require-user.server";

// A 429 (too many attempts) says when to try again.
export { retryAfterHeaders as headers } from "~/forms/retry-after-headers";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:forgot.title");

export async function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, config } = context.services;
  const formData = await readFormData(request);
  const overBudget = await spendAuthAttempt(context, formData);
  if (overBudget) return overBudget;
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
  const { t } = useTranslation("auth");
  return (
    <section aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("forgot.heading")}</h1>
      {sentTo ? (
        <Notice>
          <Trans t={t} i18nKey="forgot.sent" values={{ email: sentTo }} components={{ strong: <strong /> }} />
        </Notice>
      ) : (
        <Form method="post" className="stack" noValidate>
          <p>{t("forgot.intro")}</p>
          <FormError message={errors.formError} />
          <TextField label={t("fields.email")} name="email" type="email" autoComplete="email" required defaultValue={errors.value("email")} error={errors.fieldErrors.email} />
          <div>
            <button type="submit" disabled={busy}>
              {t("forgot.submit")}
            </button>
          </div>
        </Form>
      )}
      <p>
        <Link to="/login">{t("forgot.back")}</Link>
      </p>
    </section>
  );
}
