import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, TextField } from "~/components/form-fields";
import { TimeZoneField } from "~/components/time-zone-field";
import { listTimeZones, nameField, newPasswordField, timeZoneField } from "~/domain/accounts/account-fields";
import { serializeSessionCookie } from "~/domain/accounts/session-cookie.server";
import { pageTitle } from "~/domain/i18n/translators";
import { acceptInvitation, findUsableInvitation } from "~/domain/orgs/invitations.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { spendAuthAttempt } from "~/forms/auth-attempt-budget.server";
import { useFormErrors } from "~/forms/use-form-errors";

// A 429 (too many attempts) says when to try again.
export { retryAfterHeaders as headers } from "~/forms/retry-after-headers";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:invitation.title");

const schema = z.object({ name: nameField, password: newPasswordField, timeZone: timeZoneField });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await findUsableInvitation(context.services.db, params.token ?? "");
  return json({
    invitation: invitation ? { email: invitation.email, name: invitation.name, orgName: invitation.orgName } : null,
    signedIn: context.auth.status === "signed-in",
    timeZones: invitation ? listTimeZones() : [],
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, config } = context.services;
  const formData = await readFormData(request);
  const overBudget = await spendAuthAttempt(context, formData);
  if (overBudget) return overBudget;
  return submitForm(formData, schema, async (input) => {
    const { token, session } = await acceptInvitation(db, params.token ?? "", input);
    return redirect("/profile?welcome=1", { headers: { "Set-Cookie": serializeSessionCookie(config, token, session.expiresAt) } });
  });
}

export default function AcceptInvitation() {
  const { invitation, signedIn, timeZones } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("auth");
  if (!invitation) {
    return (
      <section aria-labelledby="invite-title">
        <h1 id="invite-title">{t("invitation.goneHeading")}</h1>
        <p>{t("invitation.goneBody")}</p>
        <p>
          <Trans t={t} i18nKey="invitation.signIn" components={{ signin: <Link to="/login" /> }} />
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="invite-title">
      <h1 id="invite-title">{t("invitation.heading", { organisation: invitation.orgName })}</h1>
      {signedIn ? <p className="notice">{t("invitation.signedInAsOther", { email: invitation.email })}</p> : null}
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <p>
          <Trans t={t} i18nKey="invitation.accountEmail" values={{ email: invitation.email }} components={{ strong: <strong /> }} />
        </p>
        <TextField label={t("fields.yourName")} name="name" autoComplete="name" required defaultValue={errors.value("name", invitation.name)} error={errors.fieldErrors.name} />
        <TextField label={t("fields.choosePassword")} name="password" type="password" autoComplete="new-password" required hint={t("reset.passwordHint")} error={errors.fieldErrors.password} />
        <TimeZoneField zones={timeZones} defaultValue={errors.value("timeZone")} error={errors.fieldErrors.timeZone} />
        <div>
          <button type="submit" disabled={busy}>
            {t("invitation.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
