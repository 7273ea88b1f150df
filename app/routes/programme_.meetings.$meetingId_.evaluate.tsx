// The one-minute evaluation of a cycle meeting, for members recorded
// present. Answers are anonymous: stored without a name or a time, and
// shown only in aggregate from three answers on.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormError, Notice, RadioGroup, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { evaluateMeeting, evaluationStatus } from "~/domain/programme/meetings/evaluate-meeting.server";
import { evaluationSchema, MAX_COMMENT_LENGTH, SCORE_OPTIONS } from "~/domain/programme/meetings/meeting-fields";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "programme:evaluate.title", { number: data.meeting.number, group: data.group.name }) : pageTitle(matches, "programme:evaluate.titleUnknown");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { found, refusal, answered } = await evaluationStatus(context.services.db, user, params.meetingId ?? "");
  return json({
    meeting: { id: found.meeting.id, title: found.meeting.title, number: found.cycleMeeting.number },
    group: { id: found.group.id, name: found.group.name },
    refusal,
    answered,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const id = params.meetingId ?? "";
  // A stranger to the meeting gets its 404, the facilitator a 403, before the form is read.
  await evaluationStatus(db, user, id);
  const formData = await readFormData(request);
  return submitForm(formData, evaluationSchema, async (input) => {
    await evaluateMeeting(db, user, id, input);
    return redirect(`/programme/meetings/${id}/evaluate?saved=1`);
  });
}

export default function Evaluate() {
  const { meeting, group, refusal, answered } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("programme");
  return (
    <article aria-labelledby="evaluate-title">
      <p className="muted">
        <Link to={`/programme/meetings/${meeting.id}`}>
          {t("evaluate.crumb", { number: meeting.number, group: group.name })}
        </Link>
      </p>
      <h1 id="evaluate-title">{t("evaluate.heading", { number: meeting.number })}</h1>
      {search.get("saved") && answered ? <Notice>{t("evaluate.saved")}</Notice> : null}
      {refusal ? (
        <p>{t(refusal)}</p>
      ) : (
        <Form method="post" className="stack wide" noValidate>
          <p className="muted">
            {t("evaluate.about", { floor: PRIVACY_FLOOR })}
          </p>
          <FormError message={errors.formError} />
          <RadioGroup legend={t("evaluate.usefulness")} name="usefulness" selected={errors.value("usefulness")} options={SCORE_OPTIONS} error={errors.fieldErrors.usefulness} />
          <RadioGroup legend={t("evaluate.safety")} name="safety" selected={errors.value("safety")} options={SCORE_OPTIONS} error={errors.fieldErrors.safety} />
          <RadioGroup
            legend={t("evaluate.willTry")}
            name="willTry"
            selected={errors.value("willTry")}
            options={[
              { value: "yes", label: t("evaluate.yes") },
              { value: "not_yet", label: t("evaluate.notYet") },
            ]}
            error={errors.fieldErrors.willTry}
          />
          <TextAreaField
            label={t("evaluate.comment")}
            name="comment"
            rows={3}
            maxLength={MAX_COMMENT_LENGTH}
            defaultValue={errors.value("comment", "")}
            error={errors.fieldErrors.comment}
          />
          <div>
            <button type="submit" disabled={busy}>
              {t("evaluate.send")}
            </button>
          </div>
        </Form>
      )}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
