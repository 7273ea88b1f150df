import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ExperimentForm } from "~/components/experiment-form";
import { FormError, Notice } from "~/components/form-fields";
import { loadExperimentChoices } from "~/domain/insights/experiments/experiment-choices.server";
import { experimentSchema, experimentWindows } from "~/domain/insights/experiments/experiment-fields";
import { findExperiment, notFoundExperiment, stageOf } from "~/domain/insights/experiments/find-experiment.server";
import { registerExperiment } from "~/domain/insights/experiments/register-experiment.server";
import { REGISTERED_TEXT, updateExperiment } from "~/domain/insights/experiments/save-experiment.server";
import { periodLabel } from "~/domain/insights/period";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.experiment.title ?? "Experiment"} · Roundtable` }];

function experimentIdOf(params: { experimentId?: string }) {
  const parsed = z.string().uuid().safeParse(params.experimentId);
  if (!parsed.success) throw notFoundExperiment();
  return parsed.data;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db } = context.services;
  const e = await findExperiment(db, user, experimentIdOf(params));
  const choices = await loadExperimentChoices(db, e.orgId);
  const names = new Map(Object.values(choices.units).flatMap((list) => list.map((u) => [u.id, u.name] as const)));
  return json({
    experiment: {
      id: e.id,
      title: e.title,
      initiative: e.initiative,
      hypothesis: e.hypothesis,
      unitKind: e.unitKind,
      outcomeKind: e.outcomeKind,
      outcome: e.outcome,
      startsOn: e.startsOn,
      baselineMonths: e.baselineMonths,
      outcomeMonths: e.outcomeMonths,
      analysis: e.analysis,
      strata: e.strata,
      eligible: e.eligible,
      registeredAt: e.registeredAt?.toISOString() ?? null,
    },
    stage: stageOf(e),
    windows: experimentWindows(e),
    eligibleNames: e.eligible.map((id) => names.get(id) ?? "A unit no longer listed"),
    choices,
  });
}

const intentSchema = z.object({ intent: z.enum(["save", "register"], { errorMap: () => ({ message: "Choose what to do from the page." }) }) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const experimentId = experimentIdOf(params);
  const { db } = context.services;
  // Scope first: another organisation's experiment is a 404 whatever the form says.
  const current = await findExperiment(db, user, experimentId);
  const formData = await readFormData(request);
  const intent = intentSchema.safeParse({ intent: formData.get("intent") });
  // A registered experiment refuses any change, whatever was sent; the domain refuses it again under a lock.
  if (intent.success && intent.data.intent === "save" && current.registeredAt) return invalid(formData, { form: REGISTERED_TEXT }, 409);
  if (intent.success && intent.data.intent === "save")
    return submitForm(formData, experimentSchema, async (input) => {
      await updateExperiment(db, user, experimentId, input);
      return redirect(`/org/insights/experiments/${experimentId}?saved=changed`);
    });
  return submitForm(formData, intentSchema, async () => {
    await registerExperiment(db, user, experimentId);
    return redirect(`/org/insights/experiments/${experimentId}?saved=registered`);
  });
}

const KIND_WORDS = { department: "departments", site: "sites", store: "stores", cohort: "cohorts" } as const;
const months = (n: number) => `${n} ${n === 1 ? "month" : "months"}`;

export default function ExperimentPage() {
  const { experiment: e, stage, windows, eligibleNames, choices } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  return (
    <>
      <p>
        <Link to="/org/insights/experiments">All experiments</Link>
      </p>
      <h2>{e.title}</h2>
      {saved === "created" ? <Notice>The draft is saved. Change it as you like, then register it.</Notice> : null}
      {saved === "changed" ? <Notice>The draft is changed.</Notice> : null}
      {saved === "registered" ? <Notice>The experiment is registered. Its hypothesis, outcome, windows, analysis and units can no longer change.</Notice> : null}
      {stage !== "draft" ? <FormError message={errors.formError} /> : null}

      <section className="card" aria-labelledby="registration">
        <h3 id="registration">Registration</h3>
        <p>{stage === "draft" ? "A draft: not registered yet, so it can still change." : `Registered on ${e.registeredAt!.slice(0, 10)}; locked since.`}</p>
        <dl>
          <dt>The initiative</dt>
          <dd>{e.initiative}</dd>
          <dt>Hypothesis</dt>
          <dd>{e.hypothesis}</dd>
          <dt>Eligible {KIND_WORDS[e.unitKind]}</dt>
          <dd>{eligibleNames.join(", ")}</dd>
          <dt>Primary outcome</dt>
          <dd>
            {e.outcome} ({e.outcomeKind === "kpi" ? "business figure, per unit and month" : "diagnostic score"})
          </dd>
          <dt>Baseline window</dt>
          <dd>
            {months(e.baselineMonths)}: {periodLabel(windows.baseline.from)} to {periodLabel(windows.baseline.to)}
          </dd>
          <dt>Outcome window</dt>
          <dd>
            {months(e.outcomeMonths)}: {periodLabel(windows.outcome.from)} to {periodLabel(windows.outcome.to)}
          </dd>
          <dt>Size bands</dt>
          <dd>{e.strata}</dd>
          <dt>Planned analysis</dt>
          <dd>{e.analysis}</dd>
        </dl>
        {stage === "draft" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="register" />
            <p>Registering locks everything above for good, before any unit is assigned. The audit log keeps what was registered.</p>
            <button type="submit">Register</button>
          </Form>
        ) : null}
      </section>

      {stage === "draft" ? (
        <section className="card" aria-labelledby="edit">
          <h3 id="edit">Change the draft</h3>
          <ExperimentForm
            choices={choices}
            analysis={e.analysis}
            errors={errors}
            submitLabel="Save changes"
            intent="save"
            defaults={{
              title: e.title,
              initiative: e.initiative,
              hypothesis: e.hypothesis,
              unitKind: e.unitKind,
              eligible: e.eligible,
              outcomeKind: e.outcomeKind,
              outcome: e.outcome,
              startsOn: e.startsOn.slice(0, 7),
              baselineMonths: String(e.baselineMonths),
              outcomeMonths: String(e.outcomeMonths),
              strata: String(e.strata),
            }}
          />
        </section>
      ) : null}
    </>
  );
}
