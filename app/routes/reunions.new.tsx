// Planning a reunion: who, what kind, where, and either dates to poll or a
// fixed date (optionally repeated). Alumni, facilitators and org admins.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import {
  CheckboxGroup,
  FormError,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from "~/components/form-fields";
import { DayAndTimesFields } from "~/components/day-and-times-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { listTimeZones } from "~/domain/accounts/account-fields";
import { ForbiddenError } from "~/domain/http-errors";
import { canOrganiseReunion } from "~/domain/policy";
import { createReunion } from "~/domain/reunions/create-reunion.server";
import { invitableGroups } from "~/domain/reunions/reunion-audience.server";
import {
  createReunionSchema,
  MAX_REPEATS,
  REUNION_FORMAT_LABELS,
  REUNION_FORMATS,
  SLOT_NUMBERS,
  WHO_MAY_ORGANISE,
} from "~/domain/reunions/reunion-fields";
import { EVERY_OCCASION } from "~/domain/reunions/occasion-words";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [
  { title: "Plan a reunion · Roundtable" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const mayOrganise = canOrganiseReunion(user);
  return json({
    mayOrganise,
    groups: mayOrganise ? await invitableGroups(context.services.db, user) : [],
    zones: mayOrganise ? listTimeZones() : [],
    ownZone: user.timeZone,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  if (!canOrganiseReunion(user)) throw new ForbiddenError(WHO_MAY_ORGANISE);
  const formData = await readFormData(request);
  return submitForm(formData, createReunionSchema, async (input) => {
    const id = await createReunion(context.services.db, user, input);
    return redirect(`/reunions/${id}`);
  });
}

export default function NewReunion() {
  const { mayOrganise, groups, zones, ownZone } =
    useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  if (!mayOrganise) {
    return (
      <section aria-labelledby="plan-title">
        <h1 id="plan-title">Plan a reunion</h1>
        <p>{WHO_MAY_ORGANISE}</p>
        <p>
          You can still{" "}
          <Link to="/reunions">see the {EVERY_OCCASION} you are invited to</Link>.
        </p>
      </section>
    );
  }
  const zoneOptions = zones.map((z) => ({
    value: z,
    label: z.replace(/_/g, " "),
  }));
  const v = (name: string, fallback = "") =>
    errors.value(name, fallback) ?? fallback;
  const chosenGroups = v("groupIds").split("\n").filter(Boolean);
  return (
    <section aria-labelledby="plan-title">
      <h1 id="plan-title">Plan a reunion</h1>
      <p className="muted">
        Invite former group members to meet again. Offer a few dates and let
        them choose, or set the date yourself.
      </p>
      <Form method="post" className="stack wide" noValidate>
        <FormError message={errors.formError} />
        <TextField
          label="Title"
          name="title"
          required
          defaultValue={v("title")}
          error={errors.fieldErrors.title}
        />
        <TextAreaField
          label="What it is about"
          name="description"
          rows={4}
          defaultValue={v("description")}
          error={errors.fieldErrors.description}
        />
        <RadioGroup
          legend="Format"
          name="format"
          selected={v("format", "classic")}
          options={REUNION_FORMATS.map((f) => ({
            value: f,
            label: REUNION_FORMAT_LABELS[f],
          }))}
          error={errors.fieldErrors.format}
        />

        <fieldset className="stack">
          <legend>Who is invited</legend>
          {groups.length ? (
            <CheckboxGroup
              legend="Groups"
              name="groupIds"
              options={groups.map((g) => ({
                value: g.id,
                label: g.kind === "peer" ? `${g.name} (peer group)` : g.name,
              }))}
              selected={chosenGroups}
              error={errors.fieldErrors.groupIds}
            />
          ) : errors.fieldErrors.groupIds ? (
            <p className="field__error" role="alert">
              {errors.fieldErrors.groupIds}
            </p>
          ) : null}
          <label className="checkbox">
            <input
              type="checkbox"
              name="wholeOrganisation"
              defaultChecked={v("wholeOrganisation") === "on"}
            />{" "}
            All alumni of my organisation
          </label>
          <TextAreaField
            label="People by email"
            name="inviteEmails"
            rows={3}
            hint="Addresses of people of your organisation, separated by commas or new lines."
            defaultValue={v("inviteEmails")}
            error={errors.fieldErrors.inviteEmails}
          />
        </fieldset>

        <fieldset className="stack">
          <legend>Where</legend>
          <TextField
            label="Place"
            name="location"
            hint="An address or a room. Leave empty for an online reunion."
            defaultValue={v("location")}
            error={errors.fieldErrors.location}
          />
          <TextField
            label="Online link"
            name="onlineUrl"
            type="url"
            hint="Starting with https://"
            defaultValue={v("onlineUrl")}
            error={errors.fieldErrors.onlineUrl}
          />
          <TextField
            label="Places"
            name="capacity"
            inputMode="numeric"
            hint="Leave empty for no limit. Beyond it, people join a waitlist."
            defaultValue={v("capacity")}
            error={errors.fieldErrors.capacity}
          />
        </fieldset>

        <SelectField
          label="Your time zone"
          name="timeZone"
          defaultValue={v("timeZone", ownZone)}
          options={zoneOptions}
          hint="The fixed date and the deadline are in this zone."
          error={errors.fieldErrors.timeZone}
        />

        <RadioGroup
          legend="When"
          name="schedule"
          selected={v("schedule", "poll")}
          options={[
            { value: "poll", label: "Ask people which dates suit them" },
            { value: "fixed", label: "Set the date myself" },
          ]}
          error={errors.fieldErrors.schedule}
        />

        <fieldset className="stack">
          <legend>Dates to choose from (for a poll)</legend>
          <p className="field__hint">
            Fill in as many as you like. Each date has its own time zone, for
            groups spread across the world.
          </p>
          {SLOT_NUMBERS.map((n) => (
            <fieldset
              key={n}
              className={
                errors.fieldErrors[`slot${n}`] ||
                errors.fieldErrors[`slot${n}Zone`]
                  ? "reunion-slot field--invalid"
                  : "reunion-slot"
              }
            >
              <legend>Option {n}</legend>
              <TextField
                label="Date"
                name={`slot${n}Date`}
                type="date"
                defaultValue={v(`slot${n}Date`)}
              />
              <TextField
                label="Starts"
                name={`slot${n}Start`}
                type="time"
                defaultValue={v(`slot${n}Start`)}
              />
              <TextField
                label="Ends"
                name={`slot${n}End`}
                type="time"
                defaultValue={v(`slot${n}End`)}
              />
              <SelectField
                label="Time zone"
                name={`slot${n}Zone`}
                defaultValue={v(`slot${n}Zone`, ownZone)}
                options={zoneOptions}
                error={errors.fieldErrors[`slot${n}Zone`]}
              />
              {errors.fieldErrors[`slot${n}`] ? (
                <p className="field__error" role="alert">
                  {errors.fieldErrors[`slot${n}`]}
                </p>
              ) : null}
            </fieldset>
          ))}
          <TextField
            label="Answers close"
            name="deadline"
            type="datetime-local"
            hint="Optional, in your time zone. People who have not answered get one reminder the day before."
            defaultValue={v("deadline")}
            error={errors.fieldErrors.deadline}
          />
        </fieldset>

        <fieldset className="stack">
          <legend>The date (when you set it yourself)</legend>
          <DayAndTimesFields value={v} errors={errors.fieldErrors} />
          <TextField
            label="Repeat every … months"
            name="repeatEveryMonths"
            inputMode="numeric"
            hint="Optional: for example 3 for a reunion every quarter."
            defaultValue={v("repeatEveryMonths")}
            error={errors.fieldErrors.repeatEveryMonths}
          />
          <TextField
            label="How many reunions in all"
            name="repeatCount"
            inputMode="numeric"
            hint={`From 2 to ${MAX_REPEATS}. Each one can later be moved on its own, and cancelled alone or with the rest of the series.`}
            defaultValue={v("repeatCount")}
            error={errors.fieldErrors.repeatCount}
          />
        </fieldset>

        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Plan the reunion"}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
