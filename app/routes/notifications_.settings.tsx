import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, RadioGroup } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { pageTitle } from "~/domain/i18n/translators";
import { EMAIL_DELIVERIES, INVALID_DELIVERY_MESSAGE, NOTIFICATION_KIND_KEYS, NOTIFICATION_KINDS, type EmailDelivery, type NotificationKind } from "~/domain/notifications/notification-kinds";
import { getNotificationPreferences, saveNotificationPreferences } from "~/domain/notifications/notification-preferences.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications:settings.title");

const delivery = z.enum(EMAIL_DELIVERIES, { errorMap: () => ({ message: INVALID_DELIVERY_MESSAGE }) });
const schema = z.object(Object.fromEntries(NOTIFICATION_KIND_KEYS.map((kind) => [kind, delivery])) as Record<NotificationKind, typeof delivery>);


export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json({ choices: await getNotificationPreferences(context.services.db, user) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (choices) => {
    await saveNotificationPreferences(context.services.db, user, choices);
    return redirect("/notifications/settings?saved=1");
  });
}

export default function NotificationSettings() {
  const { choices } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const invalid = Object.keys(errors.fieldErrors).length > 0;
  const { t } = useTranslation("notifications");
  const deliveryLabel = (value: EmailDelivery) => t(`settings.delivery.${value}`);
  return (
    <section aria-labelledby="notification-settings-title">
      <h1 id="notification-settings-title">{t("settings.heading")}</h1>
      {params.get("saved") && !invalid ? <Notice>{t("settings.saved")}</Notice> : null}
      <p className="muted">
        <Trans t={t} i18nKey="settings.intro" components={{ list: <Link to="/notifications" /> }} />
      </p>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError ?? (invalid ? t("settings.someInvalid") : undefined)} />
        {NOTIFICATION_KIND_KEYS.map((kind) => (
          <RadioGroup
            key={kind}
            legend={t(NOTIFICATION_KINDS[kind])}
            name={kind}
            options={EMAIL_DELIVERIES.map((value) => ({ value, label: deliveryLabel(value) }))}
            selected={errors.value(kind, choices[kind])}
            error={errors.fieldErrors[kind]}
          />
        ))}
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("common:actions.saving") : t("settings.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
