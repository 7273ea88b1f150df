import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { ExperimentForm } from "~/components/experiment-form";
import { TableScroll } from "~/components/table-scroll";
import { usePageLanguage } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import { loadExperimentChoices } from "~/domain/insights/experiments/experiment-choices.server";
import { experimentSchema, PLANNED_ANALYSIS } from "~/domain/insights/experiments/experiment-fields";
import { listExperiments } from "~/domain/insights/experiments/find-experiment.server";
import { createExperiment } from "~/domain/insights/experiments/save-experiment.server";
import { periodLabel } from "~/domain/insights/period";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights:experiments.title");

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

export default function Experiments() {
  const { list, choices, analysis } = useLoaderData<typeof loader>();
  const { t } = useTranslation("insights");
  const language = usePageLanguage();
  const errors = useFormErrors();
  const hasUnits = Object.values(choices.units).some((u) => u.length > 0);
  return (
    <>
      <p>
        <Link to="/org/insights">{t("page.heading")}</Link>
      </p>
      <h2>{t("experiments.heading")}</h2>
      <p>{t("experiments.intro")}</p>
      {list.length === 0 ? (
        <p className="muted">{t("experiments.none")}</p>
      ) : (
        <TableScroll label={t("experiments.heading")}>
          <table aria-label={t("experiments.heading")}>
            <thead>
              <tr>
                <th scope="col">{t("experiments.columns.experiment")}</th>
                <th scope="col">{t("experiments.columns.stage")}</th>
                <th scope="col">{t("experiments.columns.outcome")}</th>
                <th scope="col">{t("experiments.columns.units")}</th>
                <th scope="col">{t("experiments.columns.starts")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/org/insights/experiments/${e.id}`}>{e.title}</Link>
                  </td>
                  <td>{t(`experiments.stages.${e.stage}`)}</td>
                  <td>{e.outcome}</td>
                  <td>{e.units}</td>
                  <td>{periodLabel(e.startsOn, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <section className="card" aria-labelledby="new-experiment">
        <h3 id="new-experiment">{t("experiments.new")}</h3>
        {hasUnits ? (
          <ExperimentForm
            choices={choices}
            analysis={analysis}
            errors={errors}
            submitLabel={t("experiments.saveDraft")}
            defaults={{ title: "", initiative: "", hypothesis: "", unitKind: "", eligible: [], outcomeKind: "kpi", outcome: "", startsOn: "", baselineMonths: "6", outcomeMonths: "6", strata: "2" }}
          />
        ) : (
          <p>
            <Trans t={t} i18nKey="experiments.needsUnits" components={{ a: <Link to="/org/insights/data" /> }} />
          </p>
        )}
      </section>
    </>
  );
}
