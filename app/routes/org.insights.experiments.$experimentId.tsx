import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ExperimentForm } from "~/components/experiment-form";
import { FormError, Notice } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { loadExperimentChoices } from "~/domain/insights/experiments/experiment-choices.server";
import { ARM_LABELS, experimentSchema, experimentWindows } from "~/domain/insights/experiments/experiment-fields";
import { findExperiment, notFoundExperiment, stageOf } from "~/domain/insights/experiments/find-experiment.server";
import { assignExperiment } from "~/domain/insights/experiments/assign-experiment.server";
import { experimentTrendsSvg } from "~/domain/insights/experiments/experiment-chart.server";
import { outcomeName, resultOf } from "~/domain/insights/experiments/experiment-result.server";
import { INSIGHTS_PRIVACY_FLOOR, reachesFloor } from "~/domain/privacy/privacy-floor";
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
  const nameOf = (id: string) => names.get(id) ?? "A unit no longer listed";
  const result = await resultOf(db, e);
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
    outcomeWords: outcomeName(e),
    windows: experimentWindows(e),
    eligibleNames: e.eligible.map(nameOf),
    choices,
    assignment: e.assignment && e.seed !== null ? { seed: e.seed, assignedAt: e.assignedAt!.toISOString(), units: e.assignment.map((a) => ({ ...a, name: nameOf(a.unitId) })).sort((a, b) => a.stratum - b.stratum || a.size - b.size || a.name.localeCompare(b.name)) } : null,
    result: result ? { ...result, units: result.units.map((u) => ({ ...u, name: nameOf(u.unitId) })) } : null,
    chart: result && result.trends.some((t) => t.treatment !== null || t.control !== null) ? Buffer.from(experimentTrendsSvg(result.trends)).toString("base64") : null,
  });
}

const intentSchema = z.object({ intent: z.enum(["save", "register", "assign"], { errorMap: () => ({ message: "Choose what to do from the page." }) }) });

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
  return submitForm(formData, intentSchema, async ({ intent }) => {
    if (intent === "assign") {
      await assignExperiment(db, user, experimentId);
      return redirect(`/org/insights/experiments/${experimentId}?saved=assigned`);
    }
    await registerExperiment(db, user, experimentId);
    return redirect(`/org/insights/experiments/${experimentId}?saved=registered`);
  });
}

const KIND_WORDS = { department: "departments", site: "sites", store: "stores", cohort: "cohorts" } as const;
const LEFT_OUT = {
  "below the floor": `fewer than ${INSIGHTS_PRIVACY_FLOOR} people`,
  "no figures": "no figures in one of the windows",
  "too few answers": `answers from fewer than ${INSIGHTS_PRIVACY_FLOOR} people in one of the windows`,
  analysed: "",
} as const;
const fmt = (v: number) => String(Math.round(v * 100) / 100);
const months = (n: number) => `${n} ${n === 1 ? "month" : "months"}`;

export default function ExperimentPage() {
  const { experiment: e, stage, outcomeWords, windows, eligibleNames, choices, assignment, result, chart } = useLoaderData<typeof loader>();
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
      {saved === "assigned" ? <Notice>The units are assigned. The seed is recorded below and in the audit log.</Notice> : null}
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
            {e.outcomeKind === "kpi" ? `${e.outcome} (business figure, per unit and month)` : `The ARC ${e.outcome} score (diagnostic, per person, 1 to 5; a unit's mean from ${INSIGHTS_PRIVACY_FLOOR} people answering)`}
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

      {stage === "registered" ? (
        <section className="card" aria-labelledby="assignment">
          <h3 id="assignment">Assignment</h3>
          <Form method="post">
            <input type="hidden" name="intent" value="assign" />
            <p>
              Assigning sorts the units by size (headcount; for cohorts, people enrolled) into {e.strata} {e.strata === 1 ? "band" : "bands"}, and splits each band at random
              between the treated arm and the control arm with a seed drawn now and recorded. It is done once.
            </p>
            <button type="submit">Assign at random</button>
          </Form>
        </section>
      ) : null}

      {assignment ? (
        <section className="card" aria-labelledby="assignment">
          <h3 id="assignment">Assignment</h3>
          <p>
            Assigned on {assignment.assignedAt.slice(0, 10)} with seed <strong>{assignment.seed}</strong>: sorting the units by size and id, cutting them into bands and
            shuffling each band with this seed gives the same arms again (docs/insights.md says how).
          </p>
          <TableScroll label="Assignment">
            <table aria-label="Assignment">
              <thead>
                <tr>
                  <th scope="col">Unit</th>
                  <th scope="col">Size band</th>
                  <th scope="col">People</th>
                  <th scope="col">Arm</th>
                </tr>
              </thead>
              <tbody>
                {assignment.units.map((u) => (
                  <tr key={u.unitId}>
                    <td>{u.name}</td>
                    <td>{u.stratum}</td>
                    <td>{reachesFloor(u.size, INSIGHTS_PRIVACY_FLOOR) ? u.size : `fewer than ${INSIGHTS_PRIVACY_FLOOR}`}</td>
                    <td>{ARM_LABELS[u.arm]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}

      {result ? (
        <section className="card" aria-labelledby="result">
          <h3 id="result">Result</h3>
          {result.interim ? (
            <p>
              <strong>Interim:</strong> the outcome window runs until {periodLabel(windows.outcome.to)}. Figures so far are shown; they can change until the window ends.
            </p>
          ) : null}
          {result.outcome.kind === "estimate" ? (
            <>
              <p>
                <strong>{result.outcome.estimate.words}</strong>
              </p>
              <dl>
                <dt>Difference in differences</dt>
                <dd>{fmt(result.outcome.estimate.estimate)}</dd>
                <dt>95% confidence interval (cluster bootstrap)</dt>
                <dd>
                  {fmt(result.outcome.estimate.low)} to {fmt(result.outcome.estimate.high)}
                </dd>
                <dt>p (permutation test within size bands)</dt>
                <dd>{result.outcome.estimate.p < 0.001 ? "< 0.001" : result.outcome.estimate.p.toFixed(3)}</dd>
                <dt>Units</dt>
                <dd>
                  {result.outcome.estimate.treatedUnits} treated, {result.outcome.estimate.controlUnits} control
                </dd>
              </dl>
            </>
          ) : (
            <p>
              <strong>{result.outcome.reason}</strong>
            </p>
          )}
          {result.units.some((u) => u.status !== "analysed") ? (
            <p>
              Left out:{" "}
              {result.units
                .filter((u) => u.status !== "analysed")
                .map((u) => `${u.name} (${LEFT_OUT[u.status as keyof typeof LEFT_OUT]})`)
                .join(", ")}
              .
            </p>
          ) : null}
          <h4>Raw trends</h4>
          {chart ? (
            <>
              <figure>
                <img
                  src={`data:image/svg+xml;base64,${chart}`}
                  alt={`Line chart of the mean ${outcomeWords} per month of the treated and the control arm, ${periodLabel(windows.baseline.from)} to ${periodLabel(windows.outcome.to)}; the numbers are in the table below.`}
                  width={720}
                  height={320}
                />
                <figcaption>Mean {outcomeWords} per month in each arm; the dashed line marks the start.</figcaption>
              </figure>
              <TableScroll label="Raw trends">
                <table aria-label="Raw trends">
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col">Window</th>
                      <th scope="col">Treated arm mean</th>
                      <th scope="col">Control arm mean</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.trends.map((t) => (
                      <tr key={t.month}>
                        <td>{periodLabel(t.month)}</td>
                        <td>{t.window}</td>
                        <td>{t.treatment === null ? "–" : fmt(t.treatment)}</td>
                        <td>{t.control === null ? "–" : fmt(t.control)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <p>
                <a href={`/org/insights/experiments/${e.id}/trends.csv`} download>
                  Download the chart's figures (CSV)
                </a>
              </p>
            </>
          ) : (
            <p>No trend to show: no arm has figures from {INSIGHTS_PRIVACY_FLOOR} people or more.</p>
          )}
        </section>
      ) : null}

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
