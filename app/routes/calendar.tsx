import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { formatDateTimeInZone } from "~/components/format-time";
import { FormError, Notice } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { calendarFeedStatus, issueCalendarFeed } from "~/domain/calendar/calendar-feed.server";
import { EVERY_OCCASION } from "~/domain/reunions/occasion-words";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Your calendar · Roundtable" }];

const schema = z.object({
  intent: z.enum(["create", "reset"], { message: "Choose whether to make or reset your calendar address." }),
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
  return (
    <div className="calendar-address">
      <label htmlFor="calendar-address">Your private calendar address</label>
      <div className="calendar-address__row">
        <input id="calendar-address" type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="button--secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(url).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="field__hint">
        We show this address only now. Copy it into your calendar app before you leave this page. You can also{" "}
        <a href={url.replace(/^https?:/, "webcal:")}>open it in your calendar app</a>.
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
  return (
    <section aria-labelledby="calendar-title">
      <h1 id="calendar-title">Your calendar</h1>
      <p>
        Add the {EVERY_OCCASION} you are going to to Outlook, Google Calendar or Apple Calendar. Subscribe once with your private address and
        your calendar app keeps them up to date, including changes and cancellations.
      </p>
      <FormError message={errors.formError ?? errors.fieldErrors.intent} />
      {issued ? (
        <>
          <Notice>{issued.intent === "reset" ? "Your calendar address is reset. The old address no longer works." : "Your private calendar address is ready."}</Notice>
          <CopyableAddress url={issued.feedUrl} />
        </>
      ) : null}
      <h2>Your private calendar address</h2>
      {createdAt ? (
        <p>
          You made your current address on {formatDateTimeInZone(createdAt, timeZone)}. For your safety it was shown only once. Anyone who
          has it can see your {EVERY_OCCASION}, so keep it to yourself.
        </p>
      ) : (
        <>
          <p>You do not have a calendar address yet. Anyone who has it can see your {EVERY_OCCASION}, so keep it to yourself.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="create" />
            <button type="submit" disabled={busy}>
              Make my calendar address
            </button>
          </Form>
        </>
      )}
      {createdAt ? (
        <>
          <h2>Reset the address</h2>
          <p>
            Lost the address, or shared it by mistake? Make a new one. The old address stops working at once, so your calendar app will need
            the new one.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="reset" />
            <button type="submit" className="button--danger" disabled={busy}>
              Reset the address
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
