import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { ExperimentForm } from "~/components/experiment-form";
import { FormError, Notice } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { useFormat } from "~/components/use-format";
import { readMessage } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { loadExperimentChoices } from "~/domain/insights/experiments/experiment-choices.server";
import { experimentSchema, experimentWindows, PLANNED_ANALYSIS, REGISTERED_TEXT } from "~/domain/insights/experiments/experiment-fields";
import { findExperiment, notFoundExperiment, stageOf } from "~/domain/insights/experiments/find-experiment.server";
import { assignExperiment } from "~/domain/insights/experiments/assign-experiment.server";
import { experimentTrendsSvg } from "~/domain/insights/experiments/experiment-chart.server";
import { resultOf } from "~/domain/insights/experiments/experiment-result.server";
import { INSIGHTS_PRIVACY_FLOOR, reachesFloor } from "~/domain/privacy/privacy-floor";
import { registerExperiment } from "~/domain/insights/experiments/register-experiment.server";
import { updateExperiment } from "~/domain/insights/experiments/save-experiment.server";
import { periodLabel } from "~/domain/insights/period";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? [{ title: pageTitle(matches, "insights:experiments.pageTitle", { title: data.experiment.title })[0]!.title }] : pageTitle(matches, "insights:experiments.experiment");

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
  const nameOf = (id: string) => names.get(id) ?? null;
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
    windows: experimentWindows(e),
    eligibleNames: e.eligible.map(nameOf),
    choices,
    assignment: e.assignment && e.seed !== null ? { seed: e.seed, assignedAt: e.assignedAt!.toISOString(), units: e.assignment.map((a) => ({ ...a, name: nameOf(a.unitId) })).sort((a, b) => a.stratum - b.stratum || a.size - b.size || (a.name ?? "").localeCompare(b.name ?? "")) } : null,
    result: result ? { ...result, units: result.units.map((u) => ({ ...u, name: nameOf(u.unitId) })) } : null,
    chart: result && result.trends.some((t) => t.treatment !== null || t.control !== null) ? Buffer.from(experimentTrendsSvg(result.trends, context.language)).toString("base64") : null,
  });
}

const intentSchema = z.object({ intent: z.enum(["save", "register", "assign"], { errorMap: () => ({ message: "insights:experiments.errors.intent" }) }) });

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

const fmt = (v: number) => String(Math.round(v * 100) / 100);

export default function ExperimentPage() {
  const { experiment: e, stage, windows, eligibleNames, choices, assignment, result, chart } = useLoaderData<typeof loader>();
  const { t } = useTranslation("insights");
  const format = useFormat();
  const label = (period: string) => periodLabel(period, format.language);
  const errors = useFormErrors();
  const formError = errors.formError;
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const floor = INSIGHTS_PRIVACY_FLOOR;
  const unitName = (name: string | null) => name ?? t("experiments.unitGone");
  const dimension = (d: string) => t(`diagnostics.dimensions.${d}`, { defaultValue: d });
  const outcomeWords = e.outcomeKind === "kpi" ? e.outcome : t("experiments.diagnosticOutcome", { dimension: dimension(e.outcome) });
  const said = (text: string) => {
    const { key, values } = readMessage(text);
    return t(key, { ...values, ...("outcome" in values ? { outcome: outcomeWords } : {}) });
  };
  const leftOut = result?.units.filter((u) => u.status !== "analysed") ?? [];
  return (
    <>
      <p>
        <Link to="/org/insights/experiments">{t("experiments.all")}</Link>
      </p>
      <h2>{e.title}</h2>
      {saved === "created" ? <Notice>{t("experiments.saved.created")}</Notice> : null}
      {saved === "changed" ? <Notice>{t("experiments.saved.changed")}</Notice> : null}
      {saved === "registered" ? <Notice>{t("experiments.saved.registered")}</Notice> : null}
      {saved === "assigned" ? <Notice>{t("experiments.saved.assigned")}</Notice> : null}
      {stage !== "draft" ? <FormError message={formError} /> : null}

      <section className="card" aria-labelledby="registration">
        <h3 id="registration">{t("experiments.registration")}</h3>
        <p>{stage === "draft" ? t("experiments.draftNote") : t("experiments.registeredOn", { date: format.date(e.registeredAt!, "UTC") })}</p>
        <dl>
          <dt>{t("experiments.form.initiative")}</dt>
          <dd>{e.initiative}</dd>
          <dt>{t("experiments.form.hypothesis")}</dt>
          <dd>{e.hypothesis}</dd>
          <dt>{t("experiments.form.eligibleOfKind", { units: t(`levels.${e.unitKind}.other`) })}</dt>
          <dd>{format.enumerate(eligibleNames.map(unitName))}</dd>
          <dt>{t("experiments.primaryOutcome")}</dt>
          <dd>{e.outcomeKind === "kpi" ? t("experiments.kpiOutcome", { metric: e.outcome }) : t("experiments.diagnosticOutcomeLong", { dimension: dimension(e.outcome), floor })}</dd>
          <dt>{t("experiments.baselineWindow")}</dt>
          <dd>{t("experiments.window", { count: e.baselineMonths, from: label(windows.baseline.from), to: label(windows.baseline.to) })}</dd>
          <dt>{t("experiments.outcomeWindow")}</dt>
          <dd>{t("experiments.window", { count: e.outcomeMonths, from: label(windows.outcome.from), to: label(windows.outcome.to) })}</dd>
          <dt>{t("experiments.sizeBands")}</dt>
          <dd>{e.strata}</dd>
          <dt>{t("experiments.plannedAnalysisLabel")}</dt>
          <dd>{e.analysis === PLANNED_ANALYSIS ? t("experiments.plannedAnalysis") : e.analysis}</dd>
        </dl>
        {stage === "draft" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="register" />
            <p>{t("experiments.registerNote")}</p>
            <button type="submit">{t("experiments.register")}</button>
          </Form>
        ) : null}
      </section>

      {stage === "registered" ? (
        <section className="card" aria-labelledby="assignment">
          <h3 id="assignment">{t("experiments.assignment")}</h3>
          <Form method="post">
            <input type="hidden" name="intent" value="assign" />
            <p>{t("experiments.assignNote", { count: e.strata })}</p>
            <button type="submit">{t("experiments.assign")}</button>
          </Form>
        </section>
      ) : null}

      {assignment ? (
        <section className="card" aria-labelledby="assignment">
          <h3 id="assignment">{t("experiments.assignment")}</h3>
          <p>
            <Trans t={t} i18nKey="experiments.assigned" values={{ date: format.date(assignment.assignedAt, "UTC"), seed: assignment.seed }} components={{ strong: <strong /> }} />
          </p>
          <TableScroll label={t("experiments.assignment")}>
            <table aria-label={t("experiments.assignment")}>
              <thead>
                <tr>
                  <th scope="col">{t("tables.unit")}</th>
                  <th scope="col">{t("experiments.sizeBand")}</th>
                  <th scope="col">{t("tables.people")}</th>
                  <th scope="col">{t("experiments.arm")}</th>
                </tr>
              </thead>
              <tbody>
                {assignment.units.map((u) => (
                  <tr key={u.unitId}>
                    <td>{unitName(u.name)}</td>
                    <td>{u.stratum}</td>
                    <td>{reachesFloor(u.size, floor) ? u.size : t("tables.fewerThan", { floor })}</td>
                    <td>{t(`experiments.arms.${u.arm}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}

      {result ? (
        <section className="card" aria-labelledby="result">
          <h3 id="result">{t("experiments.result")}</h3>
          {result.interim ? (
            <p>
              <Trans t={t} i18nKey="experiments.interim" values={{ end: label(windows.outcome.to) }} components={{ strong: <strong /> }} />
            </p>
          ) : null}
          {result.outcome.kind === "estimate" ? (
            <>
              <p>
                <strong>{said(result.outcome.estimate.wordsMessage)}</strong>
              </p>
              <dl>
                <dt>{t("experiments.estimate.did")}</dt>
                <dd>{fmt(result.outcome.estimate.estimate)}</dd>
                <dt>{t("experiments.estimate.interval")}</dt>
                <dd>{t("experiments.estimate.range", { low: fmt(result.outcome.estimate.low), high: fmt(result.outcome.estimate.high) })}</dd>
                <dt>{t("experiments.estimate.p")}</dt>
                <dd>{result.outcome.estimate.p < 0.001 ? "< 0.001" : result.outcome.estimate.p.toFixed(3)}</dd>
                <dt>{t("experiments.columns.units")}</dt>
                <dd>{t("experiments.estimate.units", { treated: result.outcome.estimate.treatedUnits, control: result.outcome.estimate.controlUnits })}</dd>
              </dl>
            </>
          ) : (
            <p>
              <strong>{result.noResultMessage ? said(result.noResultMessage) : result.outcome.reason}</strong>
            </p>
          )}
          {leftOut.length ? (
            <p>{t("experiments.leftOut", { units: format.enumerate(leftOut.map((u) => t("experiments.leftOutUnit", { unit: unitName(u.name), why: t(`experiments.leftOutWhy.${u.status.replace(/ /g, "_")}`, { floor }) }))) })}</p>
          ) : null}
          <h4>{t("experiments.trends.heading")}</h4>
          {chart ? (
            <>
              <figure>
                <img
                  src={`data:image/svg+xml;base64,${chart}`}
                  alt={t("experiments.trends.alt", { outcome: outcomeWords, from: label(windows.baseline.from), to: label(windows.outcome.to) })}
                  width={720}
                  height={320}
                />
                <figcaption>{t("experiments.trends.caption", { outcome: outcomeWords })}</figcaption>
              </figure>
              <TableScroll label={t("experiments.trends.heading")}>
                <table aria-label={t("experiments.trends.heading")}>
                  <thead>
                    <tr>
                      <th scope="col">{t("tables.month")}</th>
                      <th scope="col">{t("experiments.trends.window")}</th>
                      <th scope="col">{t("experiments.trends.treated")}</th>
                      <th scope="col">{t("experiments.trends.control")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.trends.map((row) => (
                      <tr key={row.month}>
                        <td>{label(row.month)}</td>
                        <td>{t(`experiments.trends.windows.${row.window}`)}</td>
                        <td>{row.treatment === null ? "–" : fmt(row.treatment)}</td>
                        <td>{row.control === null ? "–" : fmt(row.control)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <p>
                <a href={`/org/insights/experiments/${e.id}/trends.csv`} download>
                  {t("experiments.trends.download")}
                </a>
              </p>
            </>
          ) : (
            <p>{t("experiments.trends.none", { floor })}</p>
          )}
        </section>
      ) : null}

      {stage === "draft" ? (
        <section className="card" aria-labelledby="edit">
          <h3 id="edit">{t("experiments.change")}</h3>
          <ExperimentForm
            choices={choices}
            analysis={e.analysis}
            errors={{ ...errors, formError }}
            submitLabel={t("experiments.saveChanges")}
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
