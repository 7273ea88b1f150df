// The fields that describe a cohort experiment, for a new one and for a draft.
import { Form } from "@remix-run/react";
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

const KIND_LABELS = { department: "Departments", site: "Sites", store: "Stores", cohort: "Cohorts" } as const;

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
  const v = (name: keyof ExperimentDefaults) => errors.value(name, defaults[name] as string) ?? "";
  const eligible = "eligible" in errors.values ? (errors.values.eligible ?? "").split("\n") : defaults.eligible;
  // Cohorts are measured per person, by a diagnostic score; without diagnostics they are not offered.
  const kinds = (["department", "site", "store", "cohort"] as const).filter((k) => choices.units[k].length > 0 && (k !== "cohort" || choices.diagnostics.length > 0));
  const outcomeKinds = choices.diagnostics.length ? ["kpi", "diagnostic"] : ["kpi"];
  const outcomes = [...choices.kpis.map((m) => ({ value: m, label: `${m} (business figure)` })), ...choices.diagnostics.map((d) => ({ value: d, label: `ARC ${d} score (diagnostic, per person, 1–5)` }))];
  return (
    <Form method="post" className="stack" noValidate>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormError message={errors.formError} />
      <TextField label="Title" name="title" required maxLength={120} defaultValue={v("title")} error={errors.fieldErrors.title} />
      <TextAreaField label="The initiative" name="initiative" hint="What the units in the treated arm get, for example “alumni get a mentor”." rows={3} defaultValue={v("initiative")} error={errors.fieldErrors.initiative} />
      <TextAreaField label="Hypothesis" name="hypothesis" hint="What you expect to happen to the outcome, and roughly by how much." rows={3} defaultValue={v("hypothesis")} error={errors.fieldErrors.hypothesis} />
      <RadioGroup
        legend="Eligible"
        name="unitKind"
        options={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        selected={v("unitKind") || kinds[0]}
        error={errors.fieldErrors.unitKind}
        hint="Departments, sites and stores that have figures imported on Insights data; cohorts are measured by a diagnostic score."
      />
      {kinds.map((k) => (
        <CheckboxGroup
          key={k}
          legend={`Eligible ${KIND_LABELS[k].toLowerCase()}`}
          name="eligible"
          options={choices.units[k].map((u) => ({ value: u.id, label: u.name }))}
          selected={eligible}
          error={k === (v("unitKind") || kinds[0]) ? errors.fieldErrors.eligible : undefined}
          hint={k === "cohort" ? undefined : "Tick only units of the kind chosen above."}
        />
      ))}
      {outcomeKinds.length > 1 ? (
        <RadioGroup
          legend="Outcome kind"
          name="outcomeKind"
          options={[
            { value: "kpi", label: "A business figure (KPI) per unit" },
            { value: "diagnostic", label: "A diagnostic score per person" },
          ]}
          selected={v("outcomeKind") || "kpi"}
          error={errors.fieldErrors.outcomeKind}
        />
      ) : (
        <input type="hidden" name="outcomeKind" value="kpi" />
      )}
      {outcomeKinds.length === 1 && errors.fieldErrors.outcomeKind ? <p className="field__error">{errors.fieldErrors.outcomeKind}</p> : null}
      <SelectField label="Primary outcome" name="outcome" options={[{ value: "", label: "Choose…" }, ...outcomes]} defaultValue={v("outcome")} error={errors.fieldErrors.outcome} />
      <TextField label="The initiative starts in" name="startsOn" type="month" hint="The first month of the outcome window." defaultValue={v("startsOn")} error={errors.fieldErrors.startsOn} />
      <TextField label="Baseline window, in months before the start" name="baselineMonths" type="number" inputMode="numeric" min={1} max={24} defaultValue={v("baselineMonths")} error={errors.fieldErrors.baselineMonths} />
      <TextField label="Outcome window, in months from the start" name="outcomeMonths" type="number" inputMode="numeric" min={1} max={24} defaultValue={v("outcomeMonths")} error={errors.fieldErrors.outcomeMonths} />
      <TextField
        label="Size bands (strata)"
        name="strata"
        type="number"
        inputMode="numeric"
        min={1}
        max={5}
        hint="Units are sorted by size (headcount; for cohorts, people enrolled) and cut into this many bands of equal count; each band is split at random between the arms."
        defaultValue={v("strata")}
        error={errors.fieldErrors.strata}
      />
      <div className="field">
        <p>
          <strong>Planned analysis</strong>
        </p>
        <p className="field__hint">{analysis}</p>
      </div>
      <div>
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}
