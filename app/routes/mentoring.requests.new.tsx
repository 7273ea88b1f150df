// Anyone signed in asks for a mentor: a goal, topics, and where the mentor
// may come from. Then the request page suggests mentors.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, RadioGroup, TextAreaField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { MAX_GOAL_LENGTH, MAX_TOPIC_LENGTH, MAX_TOPICS, MENTORING_SCOPES, MIN_GOAL_LENGTH, requestSchema } from "~/domain/mentoring/mentoring-fields";
import { orgAllowsCrossOrg } from "~/domain/mentoring/mentoring-scope.server";
import { createMentoringRequest } from "~/domain/mentoring/request-mentor.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mentoring:index.requests.ask");

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
  const { t } = useTranslation("mentoring");
  return (
    <section aria-labelledby="request-title">
      <p className="muted">
        <Link to="/mentoring">{t("index.heading")}</Link>
      </p>
      <h1 id="request-title">{t("index.requests.ask")}</h1>
      <p className="muted">{t("request.intro")}</p>
      <Form method="post" className="stack wide" noValidate>
        <FormError message={errors.formError} />
        <TextAreaField
          label={t("request.goal")}
          name="goal"
          required
          rows={5}
          maxLength={MAX_GOAL_LENGTH}
          hint={t("request.goalHint", { min: MIN_GOAL_LENGTH, max: MAX_GOAL_LENGTH })}
          defaultValue={errors.value("goal", "")}
          error={errors.fieldErrors.goal}
        />
        <TextField
          label={t("people:card.topics")}
          name="topics"
          required
          hint={t("request.topicsHint", { max: MAX_TOPICS, length: MAX_TOPIC_LENGTH })}
          defaultValue={errors.value("topics", "")}
          error={errors.fieldErrors.topics}
        />
        <RadioGroup
          legend={t("request.scope")}
          name="scope"
          selected={errors.value("scope", "own_org")}
          options={MENTORING_SCOPES.map((s) => ({ value: s, label: t(`request.scopes.${s}`) }))}
          hint={crossOrgAllowed ? undefined : t("request.ownOrgOnly")}
          error={errors.fieldErrors.scope}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("proposals:form.busy") : t("request.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
