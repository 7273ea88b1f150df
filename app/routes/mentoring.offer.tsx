// An alumnus offers mentoring: topics, capacity, format and whom they would
// mentor; and pauses or resumes the offer. Anyone else gets a 403 page.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, RadioGroup, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ForbiddenError } from "~/domain/http-errors";
import { MAX_CAPACITY, MAX_FORMAT_LENGTH, MAX_TOPIC_LENGTH, MAX_TOPICS, MENTORING_SCOPES, offerSchema, WHO_MAY_OFFER } from "~/domain/mentoring/mentoring-fields";
import { loadMyOffer, saveOffer, setOfferActive } from "~/domain/mentoring/offer-mentoring.server";
import { canOfferMentoring } from "~/domain/policy";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mentoring:index.offer.heading");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json(await loadMyOffer(context.services.db, user));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  if (!canOfferMentoring(user)) throw new ForbiddenError(WHO_MAY_OFFER);
  const { db } = context.services;
  const formData = await readFormData(request);
  return submitForm(formData, offerSchema, async (input) => {
    if (input.intent !== "save") {
      await setOfferActive(db, user, input.intent === "resume");
      return redirect("/mentoring/offer");
    }
    await saveOffer(db, user, input);
    return redirect("/mentoring#offer-title");
  });
}

export default function MentoringOffer() {
  const { offer, activeMentees, waitingAsks, orgAllowsCrossOrg } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const v = (name: string, fallback: string) => errors.value(name, fallback) ?? fallback;
  const { t } = useTranslation("mentoring");
  return (
    <section aria-labelledby="offer-title">
      <p className="muted">
        <Link to="/mentoring">{t("index.heading")}</Link>
      </p>
      <h1 id="offer-title">{t("index.offer.heading")}</h1>
      <p className="muted">{t("offer.intro")}</p>
      {offer ? (
        <p>
          {offer.active ? t("offer.open") : t("offer.paused")}{" "}
          {waitingAsks ? t("offer.menteesAndAsks", { count: activeMentees, asks: waitingAsks }) : t("offer.mentees", { count: activeMentees })}
        </p>
      ) : null}
      <Form method="post" className="stack wide" noValidate>
        <FormError message={errors.formError ?? errors.fieldErrors.intent} />
        <TextField
          label={t("people:card.topics")}
          name="topics"
          required
          hint={t("request.topicsHint", { max: MAX_TOPICS, length: MAX_TOPIC_LENGTH })}
          defaultValue={v("topics", offer?.topics.join(", ") ?? "")}
          error={errors.fieldErrors.topics}
        />
        <TextField
          label={t("offer.capacity")}
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_CAPACITY}
          required
          hint={t("offer.capacityHint", { max: MAX_CAPACITY })}
          defaultValue={v("capacity", String(offer?.capacity ?? 1))}
          error={errors.fieldErrors.capacity}
        />
        <TextField
          label={t("people:card.format")}
          name="format"
          required
          maxLength={MAX_FORMAT_LENGTH}
          hint={t("offer.formatHint")}
          defaultValue={v("format", offer?.format ?? "")}
          error={errors.fieldErrors.format}
        />
        <RadioGroup
          legend={t("offer.scope")}
          name="scope"
          selected={v("scope", offer?.scope ?? "own_org")}
          options={MENTORING_SCOPES.map((s) => ({ value: s, label: t(`index.offer.scopes.${s}`) }))}
          hint={orgAllowsCrossOrg ? undefined : t("offer.ownOrgOnly")}
          error={errors.fieldErrors.scope}
        />
        <div>
          <button type="submit" name="intent" value="save" disabled={busy}>
            {offer ? t("offer.save") : t("index.offer.make")}
          </button>
        </div>
      </Form>
      {offer ? (
        <Form method="post">
          <button type="submit" name="intent" value={offer.active ? "pause" : "resume"} className="button--secondary" disabled={busy}>
            {offer.active ? t("offer.pause") : t("offer.resume")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
