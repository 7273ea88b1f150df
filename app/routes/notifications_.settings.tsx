import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice, RadioGroup } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { EMAIL_DELIVERIES, INVALID_DELIVERY_MESSAGE, NOTIFICATION_KIND_KEYS, NOTIFICATION_KINDS, type EmailDelivery, type NotificationKind } from "~/domain/notifications/notification-kinds";
import { getNotificationPreferences, saveNotificationPreferences } from "~/domain/notifications/notification-preferences.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Notification emails · Roundtable" }];

const delivery = z.enum(EMAIL_DELIVERIES, { errorMap: () => ({ message: INVALID_DELIVERY_MESSAGE }) });
const schema = z.object(Object.fromEntries(NOTIFICATION_KIND_KEYS.map((kind) => [kind, delivery])) as Record<NotificationKind, typeof delivery>);

const DELIVERY_LABELS: Record<EmailDelivery, string> = { immediately: "Immediately", daily: "Daily digest", off: "Off" };

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
  return (
    <section aria-labelledby="notification-settings-title">
      <h1 id="notification-settings-title">Notification emails</h1>
      {params.get("saved") && !invalid ? <Notice>Your email choices are saved.</Notice> : null}
      <p className="muted">
        Every notification appears under <Link to="/notifications">Notifications</Link>. Choose for each kind whether you also get an email straight away,
        one email a day that lists them all, or no email.
      </p>
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError ?? (invalid ? "Some choices could not be saved. Please check the ones marked below." : undefined)} />
        {NOTIFICATION_KIND_KEYS.map((kind) => (
          <RadioGroup
            key={kind}
            legend={NOTIFICATION_KINDS[kind]}
            name={kind}
            options={EMAIL_DELIVERIES.map((value) => ({ value, label: DELIVERY_LABELS[value] }))}
            selected={errors.value(kind, choices[kind])}
            error={errors.fieldErrors[kind]}
          />
        ))}
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save email choices"}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
