// Wishes for group formation: an enrolled person names colleagues of their
// cohort they would like to meet, or would rather not be grouped with. Only
// when the organisation asks for them and the cohort's groups are still to be
// formed; anyone else gets a 404.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { FormError, Notice, SelectField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { MAX_CHOICES, preferenceChoicesSchema } from "~/domain/programme/cohorts/formation-preference-fields";
import { findPreferenceCohort, loadFormationPreferences, saveFormationPreferences } from "~/domain/programme/cohorts/formation-preferences.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Who you would like to meet · Roundtable" }];

const requestedCohort = (request: Request) => new URL(request.url).searchParams.get("cohort");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json(await loadFormationPreferences(context.services.db, user, requestedCohort(request)));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // Someone with nothing to set gets the 404 before the form is read.
  const { cohort } = await findPreferenceCohort(db, user, requestedCohort(request));
  const formData = await readFormData(request);
  return submitForm(formData, preferenceChoicesSchema, async (choices) => {
    await saveFormationPreferences(db, user, cohort.id, choices);
    return redirect(`/programme/preferences?cohort=${cohort.id}&saved=1`);
  });
}

export default function Preferences() {
  const { cohort, cohorts, colleagues, want, ratherNot } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const options = [{ value: "", label: "No one" }, ...colleagues.map((c) => ({ value: c.id, label: c.jobTitle ? `${c.name}, ${c.jobTitle}` : c.name }))];
  // After an error the selects show what was sent, in the same places.
  const kept = (field: string, saved: string[]) => (field in errors.values ? errors.values[field]!.split("\n") : saved);
  return (
    <section aria-labelledby="preferences-title" className="stack">
      <p className="muted">
        <Link to="/programme">Your programme</Link>
      </p>
      <h1 id="preferences-title">Who you would like to meet</h1>
      {params.get("saved") ? <Notice>Your wishes are saved.</Notice> : null}
      {cohorts.length > 1 ? (
        <Form method="get" className="stack">
          <SelectField label="Cohort" name="cohort" defaultValue={cohort.id} options={cohorts.map((c) => ({ value: c.id, label: c.name }))} />
          <div>
            <button type="submit" className="button--secondary">
              Show this cohort
            </button>
          </div>
        </Form>
      ) : null}
      <p className="lead">
        When the groups of {cohort.name} are formed, you may name up to {MAX_CHOICES} colleagues you would like to meet and up to {MAX_CHOICES} you
        would rather not be grouped with.
      </p>
      <p>
        <strong>Only the organisation admins who form the groups see these names. They are wishes, not promises.</strong> The people you name are
        not told.
      </p>
      {colleagues.length === 0 ? (
        <p>Nobody else is enrolled in {cohort.name} yet, so there is no one to name.</p>
      ) : (
        <Form method="post" action={`/programme/preferences?cohort=${cohort.id}`} className="stack" noValidate>
          <FormError message={errors.formError} />
          <ChoiceList legend="Colleagues you would like to meet" name="want" selected={kept("want", want)} options={options} error={errors.fieldErrors.want} />
          <ChoiceList
            legend="Colleagues you would rather not be grouped with"
            name="ratherNot"
            selected={kept("ratherNot", ratherNot)}
            options={options}
            error={errors.fieldErrors.ratherNot}
          />
          <div>
            <button type="submit" disabled={busy}>
              Save my wishes
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

/** MAX_CHOICES selects of the same list under one legend, with one error for the list. */
function ChoiceList({ legend, name, selected, options, error }: { legend: string; name: string; selected: string[]; options: { value: string; label: string }[]; error?: string }) {
  const id = useId();
  return (
    <fieldset className={error ? "field field--invalid" : "field"} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {Array.from({ length: MAX_CHOICES }, (_, i) => (
        <label key={i} className="field">
          <span className="visually-hidden">
            {legend}, choice {i + 1}
          </span>
          <select name={name} defaultValue={selected[i] ?? ""} aria-invalid={error ? true : undefined}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
