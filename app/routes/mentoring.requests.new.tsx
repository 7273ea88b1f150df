// Anyone signed in asks for a mentor: a goal, topics, and where the mentor
// may come from. Then the request page suggests mentors.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, RadioGroup, TextAreaField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { MAX_GOAL_LENGTH, MAX_TOPIC_LENGTH, MAX_TOPICS, MENTORING_SCOPES, MIN_GOAL_LENGTH, REQUEST_SCOPE_LABELS, requestSchema } from "~/domain/mentoring/mentoring-fields";
import { orgAllowsCrossOrg } from "~/domain/mentoring/mentoring-scope.server";
import { createMentoringRequest } from "~/domain/mentoring/request-mentor.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Ask for a mentor · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json({ crossOrgAllowed: await orgAllowsCrossOrg(context.services.db, user.orgId) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, requestSchema, async (input) => redirect(`/mentoring/requests/${await createMentoringRequest(context.services.db, user, input)}`));
}

export default function NewMentoringRequest() {
  const { crossOrgAllowed } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="request-title">
      <p className="muted">
        <Link to="/mentoring">Mentoring</Link>
      </p>
      <h1 id="request-title">Ask for a mentor</h1>
      <p className="muted">Say what you want to work on. We suggest mentors whose topics match yours and who have a free place; you choose whom to ask.</p>
      <Form method="post" className="stack wide" noValidate>
        <FormError message={errors.formError} />
        <TextAreaField
          label="Your goal"
          name="goal"
          required
          rows={5}
          maxLength={MAX_GOAL_LENGTH}
          hint={`What would you like a mentor's help with? From ${MIN_GOAL_LENGTH} to ${MAX_GOAL_LENGTH} characters.`}
          defaultValue={errors.value("goal", "")}
          error={errors.fieldErrors.goal}
        />
        <TextField
          label="Topics"
          name="topics"
          required
          hint={`Separate topics with commas, such as “leading change, difficult conversations”. Up to ${MAX_TOPICS} topics of at most ${MAX_TOPIC_LENGTH} characters.`}
          defaultValue={errors.value("topics", "")}
          error={errors.fieldErrors.topics}
        />
        <RadioGroup
          legend="Where your mentor may come from"
          name="scope"
          selected={errors.value("scope", "own_org")}
          options={MENTORING_SCOPES.map((s) => ({ value: s, label: REQUEST_SCOPE_LABELS[s] }))}
          hint={crossOrgAllowed ? undefined : "Your organisation keeps connections within it, so your mentor comes from your organisation."}
          error={errors.fieldErrors.scope}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Sending…" : "Find a mentor"}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
