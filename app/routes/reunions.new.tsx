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
  REUNION_FORMATS,
  SLOT_NUMBERS,
  WHO_MAY_ORGANISE,
} from "~/domain/reunions/reunion-fields";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";
import { Trans, useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reunions:new.title");

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
  const { t } = useTranslation("reunions");
  if (!mayOrganise) {
    return (
      <section aria-labelledby="plan-title">
        <h1 id="plan-title">{t("new.heading")}</h1>
        <p>{t(WHO_MAY_ORGANISE)}</p>
        <p>
          <Trans t={t} i18nKey="new.stillSee" components={{ a: <Link to="/reunions" /> }} />
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
      <h1 id="plan-title">{t("new.heading")}</h1>
      <p className="muted">{t("new.intro")}</p>
      <Form method="post" className="stack wide" noValidate>
        <FormError message={errors.formError} />
        <TextField
          label={t("new.fields.title")}
          name="title"
          required
          defaultValue={v("title")}
          error={errors.fieldErrors.title}
        />
        <TextAreaField
          label={t("new.fields.description")}
          name="description"
          rows={4}
          defaultValue={v("description")}
          error={errors.fieldErrors.description}
        />
        <RadioGroup
          legend={t("new.fields.format")}
          name="format"
          selected={v("format", "classic")}
          options={REUNION_FORMATS.map((f) => ({
            value: f,
            label: t(`formats.${f}`),
          }))}
          error={errors.fieldErrors.format}
        />

        <fieldset className="stack">
          <legend>{t("new.fields.who")}</legend>
          {groups.length ? (
            <CheckboxGroup
              legend={t("new.fields.groups")}
              name="groupIds"
              options={groups.map((g) => ({
                value: g.id,
                label: g.kind === "peer" ? t("new.fields.peerGroup", { name: g.name }) : g.name,
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
            {t("new.fields.wholeOrganisation")}
          </label>
          <TextAreaField
            label={t("new.fields.emails")}
            name="inviteEmails"
            rows={3}
            hint={t("new.fields.emailsHint")}
            defaultValue={v("inviteEmails")}
            error={errors.fieldErrors.inviteEmails}
          />
        </fieldset>

        <fieldset className="stack">
          <legend>{t("new.fields.where")}</legend>
          <TextField
            label={t("new.fields.place")}
            name="location"
            hint={t("new.fields.placeHint")}
            defaultValue={v("location")}
            error={errors.fieldErrors.location}
          />
          <TextField
            label={t("new.fields.onlineUrl")}
            name="onlineUrl"
            type="url"
            hint={t("new.fields.onlineUrlHint")}
            defaultValue={v("onlineUrl")}
            error={errors.fieldErrors.onlineUrl}
          />
          <TextField
            label={t("new.fields.capacity")}
            name="capacity"
            inputMode="numeric"
            hint={t("new.fields.capacityHint")}
            defaultValue={v("capacity")}
            error={errors.fieldErrors.capacity}
          />
        </fieldset>

        <SelectField
          label={t("new.fields.timeZone")}
          name="timeZone"
          defaultValue={v("timeZone", ownZone)}
          options={zoneOptions}
          hint={t("new.fields.timeZoneHint")}
          error={errors.fieldErrors.timeZone}
        />

        <RadioGroup
          legend={t("new.fields.when")}
          name="schedule"
          selected={v("schedule", "poll")}
          options={[
            { value: "poll", label: t("new.fields.poll") },
            { value: "fixed", label: t("new.fields.fixed") },
          ]}
          error={errors.fieldErrors.schedule}
        />

        <fieldset className="stack">
          <legend>{t("new.fields.slots")}</legend>
          <p className="field__hint">{t("new.fields.slotsHint")}</p>
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
              <legend>{t("new.fields.option", { number: n })}</legend>
              <TextField
                label={t("new.fields.date")}
                name={`slot${n}Date`}
                type="date"
                defaultValue={v(`slot${n}Date`)}
              />
              <TextField
                label={t("new.fields.starts")}
                name={`slot${n}Start`}
                type="time"
                defaultValue={v(`slot${n}Start`)}
              />
              <TextField
                label={t("new.fields.ends")}
                name={`slot${n}End`}
                type="time"
                defaultValue={v(`slot${n}End`)}
              />
              <SelectField
                label={t("new.fields.slotZone")}
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
            label={t("new.fields.deadline")}
            name="deadline"
            type="datetime-local"
            hint={t("new.fields.deadlineHint")}
            defaultValue={v("deadline")}
            error={errors.fieldErrors.deadline}
          />
        </fieldset>

        <fieldset className="stack">
          <legend>{t("new.fields.fixedDate")}</legend>
          <DayAndTimesFields value={v} errors={errors.fieldErrors} />
          <TextField
            label={t("new.fields.repeatEvery")}
            name="repeatEveryMonths"
            inputMode="numeric"
            hint={t("new.fields.repeatEveryHint")}
            defaultValue={v("repeatEveryMonths")}
            error={errors.fieldErrors.repeatEveryMonths}
          />
          <TextField
            label={t("new.fields.repeatCount")}
            name="repeatCount"
            inputMode="numeric"
            hint={t("new.fields.repeatCountHint", { max: MAX_REPEATS })}
            defaultValue={v("repeatCount")}
            error={errors.fieldErrors.repeatCount}
          />
        </fieldset>

        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("new.saving") : t("new.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
