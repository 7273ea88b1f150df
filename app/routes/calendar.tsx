import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { useFormat } from "~/components/use-format";
import { calendarFeedStatus, issueCalendarFeed } from "~/domain/calendar/calendar-feed.server";
import { pageTitle } from "~/domain/i18n/translators";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "calendar:page.title");

const schema = z.object({
  intent: z.enum(["create", "reset"], { message: "calendar:page.errors.intent" }),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const status = await calendarFeedStatus(context.services.db, user);
  return json({ createdAt: status.createdAt?.toISOString() ?? null, timeZone: user.timeZone });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async ({ intent }) => {
    const { db, config } = context.services;
    // The address exists only in this response: only its hash is stored.
    const feed = await issueCalendarFeed(db, user, { origin: config.publicOrigin, now: new Date() });
    return json({ feedUrl: feed.url, intent });
  });
}

function CopyableAddress({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  const { t } = useTranslation("calendar");
  return (
    <div className="calendar-address">
      <label htmlFor="calendar-address">{t("page.address")}</label>
      <div className="calendar-address__row">
        <input id="calendar-address" type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="button--secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(url).then(() => setCopied(true));
          }}
        >
          {copied ? t("page.copied") : t("page.copy")}
        </button>
      </div>
      <p className="field__hint">
        <Trans t={t} i18nKey="page.shownOnce" components={{ open: <a href={url.replace(/^https?:/, "webcal:")} /> }} />
      </p>
    </div>
  );
}

export default function CalendarSettings() {
  const { createdAt, timeZone } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const issued = data && "feedUrl" in data ? data : null;
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("calendar");
  const format = useFormat();
  return (
    <section aria-labelledby="calendar-title">
      <h1 id="calendar-title">{t("page.heading")}</h1>
      <p>{t("page.intro")}</p>
      <FormError message={errors.formError ?? errors.fieldErrors.intent} />
      {issued ? (
        <>
          <Notice>{issued.intent === "reset" ? t("page.wasReset") : t("page.ready")}</Notice>
          <CopyableAddress url={issued.feedUrl} />
        </>
      ) : null}
      <h2>{t("page.address")}</h2>
      {createdAt ? (
        <p>{t("page.made", { when: format.dateTime(createdAt, timeZone) })}</p>
      ) : (
        <>
          <p>{t("page.none")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="create" />
            <button type="submit" disabled={busy}>
              {t("page.make")}
            </button>
          </Form>
        </>
      )}
      {createdAt ? (
        <>
          <h2>{t("page.reset")}</h2>
          <p>{t("page.resetIntro")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="reset" />
            <button type="submit" className="button--danger" disabled={busy}>
              {t("page.reset")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
