// An alumnus offers mentoring: topics, capacity, format and whom they would
// mentor; and pauses or resumes the offer. Anyone else gets a 403 page.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, RadioGroup, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ForbiddenError } from "~/domain/http-errors";
import { MAX_CAPACITY, MAX_FORMAT_LENGTH, MAX_TOPIC_LENGTH, MAX_TOPICS, MENTORING_SCOPES, OFFER_SCOPE_LABELS, offerSchema, WHO_MAY_OFFER } from "~/domain/mentoring/mentoring-fields";
import { loadMyOffer, saveOffer, setOfferActive } from "~/domain/mentoring/offer-mentoring.server";
import { canOfferMentoring } from "~/domain/policy";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "My mentoring offer · Roundtable" }];

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
  return (
    <section aria-labelledby="offer-title">
      <p className="muted">
        <Link to="/mentoring">Mentoring</Link>
      </p>
      <h1 id="offer-title">My mentoring offer</h1>
      <p className="muted">
        Say what you can help with and how much time you have. People looking for a mentor see your offer among their suggestions when your topics match theirs.
      </p>
      {offer ? (
        <p>
          {offer.active ? "Your offer is open to new mentees." : "Your offer is paused: nobody can ask you until you resume it."} You mentor {activeMentees}{" "}
          {activeMentees === 1 ? "person" : "people"}
          {waitingAsks ? ` and ${waitingAsks} ${waitingAsks === 1 ? "ask waits" : "asks wait"} for your answer` : ""}.
        </p>
      ) : null}
      <Form method="post" className="stack wide" noValidate>
        <FormError message={errors.formError ?? errors.fieldErrors.intent} />
        <TextField
          label="Topics"
          name="topics"
          required
          hint={`Separate topics with commas, such as “leading change, difficult conversations”. Up to ${MAX_TOPICS} topics of at most ${MAX_TOPIC_LENGTH} characters.`}
          defaultValue={v("topics", offer?.topics.join(", ") ?? "")}
          error={errors.fieldErrors.topics}
        />
        <TextField
          label="How many mentees at a time"
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_CAPACITY}
          required
          hint={`From 1 to ${MAX_CAPACITY}. People waiting for your answer hold a place too.`}
          defaultValue={v("capacity", String(offer?.capacity ?? 1))}
          error={errors.fieldErrors.capacity}
        />
        <TextField
          label="Format"
          name="format"
          required
          maxLength={MAX_FORMAT_LENGTH}
          hint="How you would meet, such as “Monthly video call, 45 minutes”."
          defaultValue={v("format", offer?.format ?? "")}
          error={errors.fieldErrors.format}
        />
        <RadioGroup
          legend="Whom I would mentor"
          name="scope"
          selected={v("scope", offer?.scope ?? "own_org")}
          options={MENTORING_SCOPES.map((s) => ({ value: s, label: OFFER_SCOPE_LABELS[s] }))}
          hint={orgAllowsCrossOrg ? undefined : "Your organisation keeps connections within it, so you mentor people of your organisation."}
          error={errors.fieldErrors.scope}
        />
        <div>
          <button type="submit" name="intent" value="save" disabled={busy}>
            {offer ? "Save my offer" : "Offer mentoring"}
          </button>
        </div>
      </Form>
      {offer ? (
        <Form method="post">
          <button type="submit" name="intent" value={offer.active ? "pause" : "resume"} className="button--secondary" disabled={busy}>
            {offer.active ? "Pause my offer" : "Resume my offer"}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
