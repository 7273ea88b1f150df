// Proposing a module idea. Alumni, facilitators and thought leaders use the
// form; everyone else reads who can.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { MINDSET_LABELS, MINDSETS } from "~/domain/content/mindsets";
import { ForbiddenError } from "~/domain/http-errors";
import { canPropose } from "~/domain/policy";
import { originForProposalForm } from "~/domain/open-space/proposal-origin.server";
import { createProposal } from "~/domain/proposals/create-proposal.server";
import { WHO_MAY_PROPOSE } from "~/domain/proposals/proposal-fields";
import {
  CO_CREATION_MODE_LABELS,
  CO_CREATION_MODES,
  MAX_CHALLENGE_LENGTH,
  MAX_QUESTION_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_QUESTIONS,
  proposalSchema,
  PROPOSAL_VISIBILITIES,
  PROPOSAL_VISIBILITY_LABELS,
} from "~/domain/proposals/proposal-fields";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = () => [{ title: "Propose a module · Roundtable" }];

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
  if (!mayPropose) {
    return (
      <section aria-labelledby="propose-title">
        <h1 id="propose-title">Propose a module</h1>
        <p>{WHO_MAY_PROPOSE} Once you have finished a cycle, you can propose ideas here too.</p>
        <p>
          Meanwhile you can <Link to="/proposals">read the proposals</Link>, discuss them and support the ones you would like to see.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="propose-title">
      <h1 id="propose-title">Propose a module</h1>
      <p className="muted">Describe an idea for a new discussion module. Others can discuss and support it; a moderator decides whether a draft starts from it.</p>
      <Form method="post" className="stack wide" noValidate>
        <FormError message={errors.formError ?? errors.fieldErrors.originSessionId} />
        {origin ? (
          <p className="notice">
            From the break-out “{origin.topic}” at {origin.reunionTitle}. The proposal will link back to its notes.
            <input type="hidden" name="originSessionId" value={origin.sessionId} />
          </p>
        ) : null}
        <TextField
          label="Working title"
          name="title"
          required
          defaultValue={errors.value("title", prefill.title)}
          error={errors.fieldErrors.title}
        />
        <TextAreaField
          label="The challenge it addresses"
          name="challenge"
          required
          rows={5}
          hint="In your own words: what situation do managers face, and why is it worth an hour together?"
          defaultValue={errors.value("challenge", prefill.challenge)}
          error={errors.fieldErrors.challenge}
        />
        <SelectField
          label="Mindset"
          name="mindset"
          required
          defaultValue={errors.value("mindset", "")}
          options={[{ value: "", label: "Choose a mindset" }, ...MINDSETS.map((m) => ({ value: m, label: `${MINDSET_LABELS[m].name} (${MINDSET_LABELS[m].focus})` }))]}
          error={errors.fieldErrors.mindset}
        />
        <TextAreaField
          label="Draft questions"
          name="questions"
          required
          rows={6}
          hint={`One question per line, up to ${MAX_QUESTIONS} questions of at most ${MAX_QUESTION_LENGTH} characters each. Each becomes a page of the draft.`}
          defaultValue={errors.value("questions", "")}
          error={errors.fieldErrors.questions}
        />
        <SelectField
          label="How co-authors would join"
          name="suggestedMode"
          defaultValue={errors.value("suggestedMode", "curated")}
          options={CO_CREATION_MODES.map((m) => ({ value: m, label: CO_CREATION_MODE_LABELS[m] }))}
          error={errors.fieldErrors.suggestedMode}
        />
        <SelectField
          label="Who can see this proposal"
          name="visibility"
          defaultValue={errors.value("visibility", "organisation")}
          options={PROPOSAL_VISIBILITIES.map((v) => ({ value: v, label: PROPOSAL_VISIBILITY_LABELS[v] }))}
          hint="Proposals for all organisations are discussed with alumni of every company on Roundtable."
          error={errors.fieldErrors.visibility}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Sending…" : "Send proposal"}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
