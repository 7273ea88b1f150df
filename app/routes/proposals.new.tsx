// Proposing a module idea. Alumni, facilitators and thought leaders use the
// form; everyone else reads who can.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { FormError, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { MINDSETS } from "~/domain/content/mindsets";
import { ForbiddenError } from "~/domain/http-errors";
import { pageTitle } from "~/domain/i18n/translators";
import { canPropose } from "~/domain/policy";
import { originForProposalForm } from "~/domain/open-space/proposal-origin.server";
import { createProposal } from "~/domain/proposals/create-proposal.server";
import { WHO_MAY_PROPOSE } from "~/domain/proposals/proposal-fields";
import {
  CO_CREATION_MODES,
  MAX_CHALLENGE_LENGTH,
  MAX_QUESTION_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_QUESTIONS,
  proposalSchema,
  PROPOSAL_VISIBILITIES,
} from "~/domain/proposals/proposal-fields";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "proposals:list.propose");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  // Prefilled from an insight in an open space's proceedings: /proposals/new?title=…&challenge=…&originSessionId=…
  const query = readSearchParams(request);
  const originSessionId = query.get("originSessionId");
  const origin = originSessionId && canPropose(user) ? await originForProposalForm(context.services.db, user, originSessionId) : null;
  const prefill = { title: (query.get("title") ?? "").slice(0, MAX_TITLE_LENGTH), challenge: (query.get("challenge") ?? "").slice(0, MAX_CHALLENGE_LENGTH) };
  return json({ mayPropose: canPropose(user), prefill, origin });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  // Refused before the form is read, so nobody learns the form's rules by posting.
  if (!canPropose(user)) throw new ForbiddenError(WHO_MAY_PROPOSE);
  const formData = await readFormData(request);
  return submitForm(formData, proposalSchema, async (input) => {
    const id = await createProposal(context.services.db, user, input);
    return redirect(`/proposals/${id}`);
  });
}

export default function NewProposal() {
  const { mayPropose, prefill, origin } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("proposals");
  if (!mayPropose) {
    return (
      <section aria-labelledby="propose-title">
        <h1 id="propose-title">{t("list.propose")}</h1>
        <p>{t("form.notYet")}</p>
        <p>
          <Trans t={t} i18nKey="form.meanwhile" components={{ proposals: <Link to="/proposals" /> }} />
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="propose-title">
      <h1 id="propose-title">{t("list.propose")}</h1>
      <p className="muted">{t("form.intro")}</p>
      <Form method="post" className="stack wide" noValidate>
        <FormError message={errors.formError ?? errors.fieldErrors.originSessionId} />
        {origin ? (
          <p className="notice">
            {t("form.origin", { topic: origin.topic, reunion: origin.reunionTitle })}
            <input type="hidden" name="originSessionId" value={origin.sessionId} />
          </p>
        ) : null}
        <TextField
          label={t("form.title")}
          name="title"
          required
          defaultValue={errors.value("title", prefill.title)}
          error={errors.fieldErrors.title}
        />
        <TextAreaField
          label={t("form.challenge")}
          name="challenge"
          required
          rows={5}
          hint={t("form.challengeHint")}
          defaultValue={errors.value("challenge", prefill.challenge)}
          error={errors.fieldErrors.challenge}
        />
        <SelectField
          label={t("modules:catalogue.mindset")}
          name="mindset"
          required
          defaultValue={errors.value("mindset", "")}
          options={[
            { value: "", label: t("form.chooseMindset") },
            ...MINDSETS.map((m) => ({ value: m, label: t("people:settings.mindsetOption", { name: t(`modules:mindsets.${m}.name`), focus: t(`modules:mindsets.${m}.focus`) }) })),
          ]}
          error={errors.fieldErrors.mindset}
        />
        <TextAreaField
          label={t("form.questions")}
          name="questions"
          required
          rows={6}
          hint={t("form.questionsHint", { max: MAX_QUESTIONS, length: MAX_QUESTION_LENGTH })}
          defaultValue={errors.value("questions", "")}
          error={errors.fieldErrors.questions}
        />
        <SelectField
          label={t("form.mode")}
          name="suggestedMode"
          defaultValue={errors.value("suggestedMode", "curated")}
          options={CO_CREATION_MODES.map((m) => ({ value: m, label: t(`form.modes.${m}`) }))}
          error={errors.fieldErrors.suggestedMode}
        />
        <SelectField
          label={t("form.visibility")}
          name="visibility"
          defaultValue={errors.value("visibility", "organisation")}
          options={PROPOSAL_VISIBILITIES.map((v) => ({ value: v, label: t(`form.visibilities.${v}`) }))}
          hint={t("form.visibilityHint")}
          error={errors.fieldErrors.visibility}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("form.busy") : t("form.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
