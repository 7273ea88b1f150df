import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/form-fields";
import { newPasswordField, passwordField } from "~/domain/accounts/account-fields";
import { changePassword } from "~/domain/accounts/change-password.server";
import { pageTitle } from "~/domain/i18n/translators";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { getSessionId, requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:security.title");

const schema = z
  .object({ currentPassword: passwordField, newPassword: newPasswordField, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "validation:password.newNotSame", path: ["confirmPassword"] });

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(context, request);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async ({ currentPassword, newPassword }) => {
    await changePassword(context.services.db, { userId: user.id, sessionId: getSessionId(context)!, currentPassword, newPassword });
    // The person's other sessions ended: their open editors elsewhere close now, on every process.
    context.services.accessRevocations.announce([user.id]);
    return redirect("/security?changed=1");
  });
}

export default function Security() {
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("auth");
  return (
    <section aria-labelledby="security-title">
      <h1 id="security-title">{t("security.heading")}</h1>
      {params.get("changed") ? <Notice>{t("security.changed")}</Notice> : null}
      <h2>{t("security.change")}</h2>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <TextField label={t("fields.currentPassword")} name="currentPassword" type="password" autoComplete="current-password" required error={errors.fieldErrors.currentPassword} />
        <TextField label={t("fields.newPassword")} name="newPassword" type="password" autoComplete="new-password" required hint={t("reset.passwordHint")} error={errors.fieldErrors.newPassword} />
        <TextField label={t("fields.repeatPassword")} name="confirmPassword" type="password" autoComplete="new-password" required error={errors.fieldErrors.confirmPassword} />
        <div>
          <button type="submit" disabled={busy}>
            {t("security.submit")}
          </button>
        </div>
      </Form>
      <h2>{t("security.everywhereHeading")}</h2>
      <p>{t("security.everywhereIntro")}</p>
      <Form method="post" action="/logout">
        <input type="hidden" name="intent" value="everywhere" />
        <button type="submit" className="button--danger">
          {t("security.everywhere")}
        </button>
      </Form>
    </section>
  );
}
