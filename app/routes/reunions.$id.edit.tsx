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
import { occasionKind } from "~/domain/reunions/occasion-words";
import { useTranslation } from "react-i18next";
import { usePageLanguage } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import {
  cancelReunionSchema,
  changeReunionSchema,
} from "~/domain/reunions/reunion-fields";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "reunions:edit.title", { title: data?.reunion.title ?? "" });

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
        form: "reunions:errors.unknownIntent",
      });
  }
}

export default function EditReunion() {
  const { reunion, restOfSeries, viewerZone } = useLoaderData<typeof loader>();
  const kind = occasionKind(reunion);
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("reunions");
  const language = usePageLanguage();
  const v = (name: keyof typeof reunion) => errors.value(name, String(reunion[name] ?? "")) ?? "";
  if (reunion.status === "cancelled") {
    return (
      <section aria-labelledby="edit-title">
        <h1 id="edit-title">{reunion.title}</h1>
        <p>{t(`edit.cancelledAlready.${kind}`)}</p>
        <p>
          <Link to={`/reunions/${reunion.id}`}>{t(`edit.back.${kind}`)}</Link>
        </p>
      </section>
    );
  }
  const when = reunion.startsAt && reunion.endsAt ? formatSlot(reunion.startsAt, reunion.endsAt, viewerZone, language) : t("edit.dateToBeChosen");
  const postedCancel = errors.values.intent === "cancel";
  // What the confirmation asks depends on the choice made in the form.
  const cancelQuestion = (form: HTMLFormElement) =>
    new FormData(form).get("scope") === "rest"
      ? t(`edit.confirmRest.${kind}`, { count: restOfSeries + 1, title: reunion.title, when })
      : t("edit.confirmOne", { title: reunion.title, when });
  return (
    <section aria-labelledby="edit-title">
      <p className="muted">
        <Link to={`/reunions/${reunion.id}`}>{t(`edit.back.${kind}`)}</Link>
      </p>
      <h1 id="edit-title">{t("edit.heading", { title: reunion.title })}</h1>
      {reunion.occurrence ? <p className="muted">{t(`edit.ofSeries.${kind}`, { number: reunion.occurrence })}</p> : null}
      <p className="muted">{t("edit.toldOfChange")}</p>
      <Form method="post" className="stack wide" noValidate>
        <input type="hidden" name="intent" value="change" />
        <FormError message={postedCancel ? undefined : errors.formError} />
        {reunion.status === "scheduled" ? (
          <fieldset className="stack">
            <legend>{t("edit.when", { zone: reunion.timeZone.replace(/_/g, " ") })}</legend>
            <DayAndTimesFields value={v} errors={postedCancel ? {} : errors.fieldErrors} />
          </fieldset>
        ) : (
          <p>{t(`edit.fromPoll.${kind}`)}</p>
        )}
        <TextField label={t("edit.place")} name="location" defaultValue={v("location")} error={errors.fieldErrors.location} />
        <TextField label={t("edit.onlineUrl")} name="onlineUrl" type="url" defaultValue={v("onlineUrl")} error={errors.fieldErrors.onlineUrl} />
        <TextField label={t("edit.capacity")} name="capacity" inputMode="numeric" hint={t("edit.capacityHint")} defaultValue={v("capacity")} error={errors.fieldErrors.capacity} />
        <div>
          <button type="submit" disabled={busy}>
            {t("edit.save")}
          </button>
        </div>
      </Form>
      <Form method="post" className="stack wide reunion__cancel" aria-labelledby="cancel-title" onSubmit={confirmBeforeSubmit(cancelQuestion)}>
        <input type="hidden" name="intent" value="cancel" />
        <h2 id="cancel-title">{t(`edit.cancel.${kind}`)}</h2>
        <FormError message={postedCancel ? errors.formError : undefined} />
        {restOfSeries > 0 ? (
          <RadioGroup
            legend={t("edit.whichToCancel")}
            name="scope"
            selected={errors.value("scope", "one")}
            options={[
              { value: "one", label: t(`edit.onlyThis.${kind}`, { when }) },
              { value: "rest", label: t(`edit.rest.${kind}`, { count: restOfSeries + 1 }) },
            ]}
            error={errors.fieldErrors.scope}
          />
        ) : null}
        <TextAreaField
          label={t("edit.reason")}
          name="reason"
          rows={2}
          hint={t("edit.reasonHint")}
          defaultValue={errors.value("reason", "")}
          error={errors.fieldErrors.reason}
        />
        <div>
          <button type="submit" className="button--danger" disabled={busy}>
            {t(`edit.cancel.${kind}`)}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
