// The organiser changes one reunion (of a series: this one only) or cancels it.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { DayAndTimesFields } from "~/components/day-and-times-fields";
import { FormError, TextAreaField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ForbiddenError } from "~/domain/http-errors";
import { canRunReunion } from "~/domain/policy";
import { cancelReunion } from "~/domain/reunions/cancel-reunion.server";
import { changeReunion } from "~/domain/reunions/change-reunion.server";
import {
  cancelReunionSchema,
  changeReunionSchema,
} from "~/domain/reunions/reunion-fields";
import { findVisibleReunion } from "~/domain/reunions/visible-reunions.server";
import { instantToLocal } from "~/domain/reunions/zoned-time";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Change ${data.reunion.title} · Roundtable`
      : "Change a reunion · Roundtable",
  },
];

const ONLY_ORGANISER = "Only the organiser changes this reunion.";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const reunion = await findVisibleReunion(
    context.services.db,
    user,
    params.id ?? ""
  );
  if (!canRunReunion(user, reunion)) throw new ForbiddenError(ONLY_ORGANISER);
  const start = reunion.startsAt
    ? instantToLocal(reunion.startsAt, reunion.timeZone)
    : null;
  const end = reunion.endsAt
    ? instantToLocal(reunion.endsAt, reunion.timeZone)
    : null;
  return json({
    reunion: {
      id: reunion.id,
      title: reunion.title,
      status: reunion.status,
      timeZone: reunion.timeZone,
      occurrence: reunion.occurrence,
      location: reunion.location,
      onlineUrl: reunion.onlineUrl ?? "",
      capacity: reunion.capacity === null ? "" : String(reunion.capacity),
      date: start?.date ?? "",
      startTime: start?.time ?? "",
      endTime: end?.time ?? "",
    },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const reunion = await findVisibleReunion(db, user, params.id ?? "");
  if (!canRunReunion(user, reunion)) throw new ForbiddenError(ONLY_ORGANISER);
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
  const { reunion } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const v = (name: keyof typeof reunion) =>
    errors.value(name, String(reunion[name] ?? "")) ?? "";
  if (reunion.status === "cancelled") {
    return (
      <section aria-labelledby="edit-title">
        <h1 id="edit-title">{reunion.title}</h1>
        <p>This reunion has been cancelled.</p>
        <p>
          <Link to={`/reunions/${reunion.id}`}>Back to the reunion</Link>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="edit-title">
      <h1 id="edit-title">Change {reunion.title}</h1>
      {reunion.occurrence ? (
        <p className="muted">
          This is part {reunion.occurrence} of a series. Changes here apply to
          this reunion only.
        </p>
      ) : null}
      <p className="muted">
        People who are going or said maybe are told of a new date or place.
      </p>
      <Form method="post" className="stack wide" noValidate>
        <input type="hidden" name="intent" value="change" />
        <FormError message={errors.formError} />
        {reunion.status === "scheduled" ? (
          <fieldset className="stack">
            <legend>
              When (time zone {reunion.timeZone.replace(/_/g, " ")})
            </legend>
            <DayAndTimesFields value={v} errors={errors.fieldErrors} />
          </fieldset>
        ) : (
          <p>The date is chosen from the poll, on the reunion's page.</p>
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
      <Form method="post" className="stack wide reunion__cancel">
        <input type="hidden" name="intent" value="cancel" />
        <h2>
          Cancel {reunion.occurrence ? "this reunion only" : "the reunion"}
        </h2>
        <TextAreaField
          label="A word to the people going (optional)"
          name="reason"
          rows={2}
          defaultValue={errors.value("reason", "")}
          error={errors.fieldErrors.reason}
        />
        <div>
          <button type="submit" className="button--danger" disabled={busy}>
            Cancel the reunion
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
