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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Evaluate meeting ${data.meeting.number} · ${data.group.name} · Roundtable` : "Evaluation · Roundtable" }];

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
  return (
    <article aria-labelledby="evaluate-title">
      <p className="muted">
        <Link to={`/programme/meetings/${meeting.id}`}>
          Meeting {meeting.number}: {group.name}
        </Link>
      </p>
      <h1 id="evaluate-title">How was meeting {meeting.number}?</h1>
      {search.get("saved") && answered ? <Notice>Thank you: your answer is saved, without your name.</Notice> : null}
      {refusal ? (
        <p>{refusal}</p>
      ) : (
        <Form method="post" className="stack wide" noValidate>
          <p className="muted">
            One minute, anonymous: your answer is stored without your name or the time, and the group sees only averages from {PRIVACY_FLOOR} answers on. You can answer once.
          </p>
          <FormError message={errors.formError} />
          <RadioGroup legend="How useful was the meeting for you? (1 not at all, 5 very)" name="usefulness" selected={errors.value("usefulness")} options={SCORE_OPTIONS} error={errors.fieldErrors.usefulness} />
          <RadioGroup legend="How safe did it feel to speak openly? (1 not at all, 5 completely)" name="safety" selected={errors.value("safety")} options={SCORE_OPTIONS} error={errors.fieldErrors.safety} />
          <RadioGroup
            legend="Will you try one of your take-aways?"
            name="willTry"
            selected={errors.value("willTry")}
            options={[
              { value: "yes", label: "Yes" },
              { value: "not_yet", label: "Not yet" },
            ]}
            error={errors.fieldErrors.willTry}
          />
          <TextAreaField
            label="Anything else? (optional, shown without your name)"
            name="comment"
            rows={3}
            maxLength={MAX_COMMENT_LENGTH}
            defaultValue={errors.value("comment", "")}
            error={errors.fieldErrors.comment}
          />
          <div>
            <button type="submit" disabled={busy}>
              Send my answer
            </button>
          </div>
        </Form>
      )}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
