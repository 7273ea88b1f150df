// Whoever runs it changes one reunion, group meeting or check-in (of a
// series: this one only), or cancels it: this one, or this one and the rest
// of the series, after confirming.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { confirmBeforeSubmit } from "~/components/confirm-before-submit";
import { DayAndTimesFields } from "~/components/day-and-times-fields";
import { FormError, RadioGroup, TextAreaField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { cancelReunion } from "~/domain/reunions/cancel-reunion.server";
import { changeReunion } from "~/domain/reunions/change-reunion.server";
import { formatSlot } from "~/domain/reunions/format-slot";
import { loadChangePage } from "~/domain/reunions/load-reunion-page.server";
import { occasionWords } from "~/domain/reunions/occasion-words";
import {
  cancelReunionSchema,
  changeReunionSchema,
} from "~/domain/reunions/reunion-fields";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Change ${data.reunion.title} · Roundtable`
      : "Change · Roundtable",
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await loadChangePage(context.services.db, user, params.id ?? "");
  return json({ ...page, viewerZone: user.timeZone });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // An outsider gets a 404, someone who may not run it a 403, whatever the form says.
  const { reunion } = await loadChangePage(db, user, params.id ?? "");
  const formData = await readFormData(request);
  const here = `/reunions/${reunion.id}`;
  switch (formData.get("intent")) {
    case "change":
      return submitForm(formData, changeReunionSchema, async (input) => {
        await changeReunion(db, user, reunion.id, input);
        return redirect(here);
      });
    case "cancel":
      return submitForm(formData, cancelReunionSchema, async (input) => {
        await cancelReunion(db, user, reunion.id, input);
        return redirect(here);
      });
    default:
      return invalid(formData, {
        form: "That action is not one this page offers. Please reload the page.",
      });
  }
}

export default function EditReunion() {
  const { reunion, restOfSeries, viewerZone } = useLoaderData<typeof loader>();
  const words = occasionWords(reunion);
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const v = (name: keyof typeof reunion) =>
    errors.value(name, String(reunion[name] ?? "")) ?? "";
  if (reunion.status === "cancelled") {
    return (
      <section aria-labelledby="edit-title">
        <h1 id="edit-title">{reunion.title}</h1>
        <p>This {words.noun} has been cancelled.</p>
        <p>
          <Link to={`/reunions/${reunion.id}`}>Back to the {words.noun}</Link>
        </p>
      </section>
    );
  }
  const when =
    reunion.startsAt && reunion.endsAt
      ? formatSlot(reunion.startsAt, reunion.endsAt, viewerZone)
      : "date still to be chosen";
  const postedCancel = errors.values.intent === "cancel";
  // What the confirmation asks depends on the choice made in the form.
  const cancelQuestion = (form: HTMLFormElement) => {
    const rest = new FormData(form).get("scope") === "rest";
    const what = rest
      ? `${words.count(restOfSeries + 1)} of “${reunion.title}”: this one (${when}) and the rest of the series`
      : `“${reunion.title}”, ${when}`;
    return `Cancel ${what}? Everyone invited who has not said they are not going will be told. This cannot be undone.`;
  };
  return (
    <section aria-labelledby="edit-title">
      <p className="muted">
        <Link to={`/reunions/${reunion.id}`}>Back to the {words.noun}</Link>
      </p>
      <h1 id="edit-title">Change {reunion.title}</h1>
      {reunion.occurrence ? (
        <p className="muted">
          This is {words.noun} {reunion.occurrence} of a series. Changes here
          apply to this {words.noun} only.
        </p>
      ) : null}
      <p className="muted">
        People who are going or said maybe are told of a new date or place.
      </p>
      <Form method="post" className="stack wide" noValidate>
        <input type="hidden" name="intent" value="change" />
        <FormError message={postedCancel ? undefined : errors.formError} />
        {reunion.status === "scheduled" ? (
          <fieldset className="stack">
            <legend>
              When (time zone {reunion.timeZone.replace(/_/g, " ")})
            </legend>
            <DayAndTimesFields value={v} errors={postedCancel ? {} : errors.fieldErrors} />
          </fieldset>
        ) : (
          <p>The date is chosen from the poll, on the {words.noun}’s page.</p>
        )}
        <TextField
          label="Place"
          name="location"
          defaultValue={v("location")}
          error={errors.fieldErrors.location}
        />
        <TextField
          label="Online link"
          name="onlineUrl"
          type="url"
          defaultValue={v("onlineUrl")}
          error={errors.fieldErrors.onlineUrl}
        />
        <TextField
          label="Places"
          name="capacity"
          inputMode="numeric"
          hint="Leave empty for no limit. Raising it moves people up from the waitlist."
          defaultValue={v("capacity")}
          error={errors.fieldErrors.capacity}
        />
        <div>
          <button type="submit" disabled={busy}>
            Save the changes
          </button>
        </div>
      </Form>
      <Form
        method="post"
        className="stack wide reunion__cancel"
        aria-labelledby="cancel-title"
        onSubmit={confirmBeforeSubmit(cancelQuestion)}
      >
        <input type="hidden" name="intent" value="cancel" />
        <h2 id="cancel-title">Cancel the {words.noun}</h2>
        <FormError message={postedCancel ? errors.formError : undefined} />
        {restOfSeries > 0 ? (
          <RadioGroup
            legend="Which to cancel"
            name="scope"
            selected={errors.value("scope", "one")}
            options={[
              { value: "one", label: `This ${words.noun} only (${when})` },
              {
                value: "rest",
                label: `This one and the rest of the series: ${words.count(restOfSeries + 1)} in all`,
              },
            ]}
            error={errors.fieldErrors.scope}
          />
        ) : null}
        <TextAreaField
          label="A word to the people invited (optional)"
          name="reason"
          rows={2}
          hint="Everyone invited who has not said they are not going is told, including those who have not answered."
          defaultValue={errors.value("reason", "")}
          error={errors.fieldErrors.reason}
        />
        <div>
          <button type="submit" className="button--danger" disabled={busy}>
            Cancel the {words.noun}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
