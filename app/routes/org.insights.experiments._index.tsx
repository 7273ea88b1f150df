import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ExperimentForm } from "~/components/experiment-form";
import { TableScroll } from "~/components/table-scroll";
import { loadExperimentChoices } from "~/domain/insights/experiments/experiment-choices.server";
import { experimentSchema, PLANNED_ANALYSIS } from "~/domain/insights/experiments/experiment-fields";
import { listExperiments } from "~/domain/insights/experiments/find-experiment.server";
import { createExperiment } from "~/domain/insights/experiments/save-experiment.server";
import { periodLabel } from "~/domain/insights/period";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Cohort experiments · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db } = context.services;
  const [list, choices] = await Promise.all([listExperiments(db, user, user.orgId), loadExperimentChoices(db, user.orgId)]);
  return json({ list, choices, analysis: PLANNED_ANALYSIS });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, experimentSchema, async (input) => {
    const experiment = await createExperiment(context.services.db, user, user.orgId, input);
    return redirect(`/org/insights/experiments/${experiment.id}?saved=created`);
  });
}

const STAGE_WORDS = { draft: "Draft", registered: "Registered, not assigned", assigned: "Registered and assigned" } as const;

export default function Experiments() {
  const { list, choices, analysis } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const hasUnits = Object.values(choices.units).some((u) => u.length > 0);
  return (
    <>
      <p>
        <Link to="/org/insights">Insights</Link>
      </p>
      <h2>Cohort experiments</h2>
      <p>
        Try an initiative on some units and not on others, chosen at random, and see whether it moved a business figure or a diagnostic score. An experiment is described, then
        pre-registered (nothing can change after that), then assigned; the result compares the two arms before and after.
      </p>
      {list.length === 0 ? (
        <p className="muted">No experiments yet.</p>
      ) : (
        <TableScroll label="Cohort experiments">
          <table aria-label="Cohort experiments">
            <thead>
              <tr>
                <th scope="col">Experiment</th>
                <th scope="col">Stage</th>
                <th scope="col">Outcome</th>
                <th scope="col">Units</th>
                <th scope="col">Starts</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/org/insights/experiments/${e.id}`}>{e.title}</Link>
                  </td>
                  <td>{STAGE_WORDS[e.stage]}</td>
                  <td>{e.outcome}</td>
                  <td>{e.units}</td>
                  <td>{periodLabel(e.startsOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <section className="card" aria-labelledby="new-experiment">
        <h3 id="new-experiment">New experiment</h3>
        {hasUnits ? (
          <ExperimentForm
            choices={choices}
            analysis={analysis}
            errors={errors}
            submitLabel="Save draft"
            defaults={{ title: "", initiative: "", hypothesis: "", unitKind: "", eligible: [], outcomeKind: "kpi", outcome: "", startsOn: "", baselineMonths: "6", outcomeMonths: "6", strata: "2" }}
          />
        ) : (
          <p>
            An experiment needs units: import business figures or headcounts for departments, sites or stores on <Link to="/org/insights/data">Insights data</Link>, or create
            a cohort.
          </p>
        )}
      </section>
    </>
  );
}
