// The fields that describe a cohort experiment, for a new one and for a draft.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PLANNED_ANALYSIS } from "~/domain/insights/experiments/experiment-fields";
import { CheckboxGroup, FormError, RadioGroup, SelectField, TextAreaField, TextField } from "./form-fields";
import type { FormErrors } from "~/forms/submit-form.server";

type Choices = { units: Record<"department" | "site" | "store" | "cohort", { id: string; name: string }[]>; kpis: string[]; diagnostics: string[] };
export type ExperimentDefaults = {
  title: string;
  initiative: string;
  hypothesis: string;
  unitKind: string;
  eligible: string[];
  outcomeKind: string;
  outcome: string;
  startsOn: string;
  baselineMonths: string;
  outcomeMonths: string;
  strata: string;
};

export function ExperimentForm({
  choices,
  defaults,
  errors,
  analysis,
  submitLabel,
  intent,
}: {
  choices: Choices;
  defaults: ExperimentDefaults;
  errors: FormErrors & { value: (name: string, fallback?: string) => string | undefined };
  analysis: string;
  submitLabel: string;
  intent?: string;
}) {
  const { t } = useTranslation("insights");
  const v = (name: keyof ExperimentDefaults) => errors.value(name, defaults[name] as string) ?? "";
  const eligible = "eligible" in errors.values ? (errors.values.eligible ?? "").split("\n") : defaults.eligible;
  // Cohorts are measured per person, by a diagnostic score; without diagnostics they are not offered.
  const kinds = (["department", "site", "store", "cohort"] as const).filter((k) => choices.units[k].length > 0 && (k !== "cohort" || choices.diagnostics.length > 0));
  const outcomeKinds = choices.diagnostics.length ? ["kpi", "diagnostic"] : ["kpi"];
  const outcomes = [
    ...choices.kpis.map((m) => ({ value: m, label: t("experiments.form.kpiOption", { metric: m }) })),
    ...choices.diagnostics.map((d) => ({ value: d, label: t("experiments.form.diagnosticOption", { dimension: t(`diagnostics.dimensions.${d}`, { defaultValue: d }) }) })),
  ];
  return (
    <Form method="post" className="stack" noValidate>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormError message={errors.formError} />
      <TextField label={t("experiments.form.title")} name="title" required maxLength={120} defaultValue={v("title")} error={errors.fieldErrors.title} />
      <TextAreaField label={t("experiments.form.initiative")} name="initiative" hint={t("experiments.form.initiativeHint")} rows={3} defaultValue={v("initiative")} error={errors.fieldErrors.initiative} />
      <TextAreaField label={t("experiments.form.hypothesis")} name="hypothesis" hint={t("experiments.form.hypothesisHint")} rows={3} defaultValue={v("hypothesis")} error={errors.fieldErrors.hypothesis} />
      <RadioGroup
        legend={t("experiments.form.eligible")}
        name="unitKind"
        options={kinds.map((k) => ({ value: k, label: t(`levels.${k}.plural`) }))}
        selected={v("unitKind") || kinds[0]}
        error={errors.fieldErrors.unitKind}
        hint={t("experiments.form.eligibleHint")}
      />
      {kinds.map((k) => (
        <CheckboxGroup
          key={k}
          legend={t("experiments.form.eligibleOfKind", { units: t(`levels.${k}.other`) })}
          name="eligible"
          options={choices.units[k].map((u) => ({ value: u.id, label: u.name }))}
          selected={eligible}
          error={k === (v("unitKind") || kinds[0]) ? errors.fieldErrors.eligible : undefined}
          hint={k === "cohort" ? undefined : t("experiments.form.eligibleOfKindHint")}
        />
      ))}
      {outcomeKinds.length > 1 ? (
        <RadioGroup
          legend={t("experiments.form.outcomeKind")}
          name="outcomeKind"
          options={[
            { value: "kpi", label: t("experiments.form.outcomeKpi") },
            { value: "diagnostic", label: t("experiments.form.outcomeDiagnostic") },
          ]}
          selected={v("outcomeKind") || "kpi"}
          error={errors.fieldErrors.outcomeKind}
        />
      ) : (
        <input type="hidden" name="outcomeKind" value="kpi" />
      )}
      {outcomeKinds.length === 1 && errors.fieldErrors.outcomeKind ? <p className="field__error">{errors.fieldErrors.outcomeKind}</p> : null}
      <SelectField label={t("experiments.form.outcome")} name="outcome" options={[{ value: "", label: t("experiments.form.choose") }, ...outcomes]} defaultValue={v("outcome")} error={errors.fieldErrors.outcome} />
      <TextField label={t("experiments.form.startsOn")} name="startsOn" type="month" hint={t("experiments.form.startsOnHint")} defaultValue={v("startsOn")} error={errors.fieldErrors.startsOn} />
      <TextField label={t("experiments.form.baselineMonths")} name="baselineMonths" type="number" inputMode="numeric" min={1} max={24} defaultValue={v("baselineMonths")} error={errors.fieldErrors.baselineMonths} />
      <TextField label={t("experiments.form.outcomeMonths")} name="outcomeMonths" type="number" inputMode="numeric" min={1} max={24} defaultValue={v("outcomeMonths")} error={errors.fieldErrors.outcomeMonths} />
      <TextField
        label={t("experiments.form.strata")}
        name="strata"
        type="number"
        inputMode="numeric"
        min={1}
        max={5}
        hint={t("experiments.form.strataHint")}
        defaultValue={v("strata")}
        error={errors.fieldErrors.strata}
      />
      <div className="field">
        <p>
          <strong>{t("experiments.plannedAnalysisLabel")}</strong>
        </p>
        <p className="field__hint">{analysis === PLANNED_ANALYSIS ? t("experiments.plannedAnalysis") : analysis}</p>
      </div>
      <div>
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}
