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
import { Trans, useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "programme:preferences.title");

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
  const { t } = useTranslation("programme");
  const options = [{ value: "", label: t("preferences.noOne") }, ...colleagues.map((c) => ({ value: c.id, label: c.jobTitle ? t("preferences.colleague", { name: c.name, jobTitle: c.jobTitle }) : c.name }))];
  // After an error the selects show what was sent, in the same places.
  const kept = (field: string, saved: string[]) => (field in errors.values ? errors.values[field]!.split("\n") : saved);
  return (
    <section aria-labelledby="preferences-title" className="stack">
      <p className="muted">
        <Link to="/programme">{t("preferences.back")}</Link>
      </p>
      <h1 id="preferences-title">{t("preferences.heading")}</h1>
      {params.get("saved") ? <Notice>{t("preferences.saved")}</Notice> : null}
      {cohorts.length > 1 ? (
        <Form method="get" className="stack">
          <SelectField label={t("preferences.cohort")} name="cohort" defaultValue={cohort.id} options={cohorts.map((c) => ({ value: c.id, label: c.name }))} />
          <div>
            <button type="submit" className="button--secondary">
              {t("preferences.showCohort")}
            </button>
          </div>
        </Form>
      ) : null}
      <p className="lead">{t("preferences.intro", { cohort: cohort.name, max: MAX_CHOICES })}</p>
      <p>
        <Trans t={t} i18nKey="preferences.privacy" components={{ strong: <strong /> }} />
      </p>
      {colleagues.length === 0 ? (
        <p>{t("preferences.nobody", { cohort: cohort.name })}</p>
      ) : (
        <Form method="post" action={`/programme/preferences?cohort=${cohort.id}`} className="stack" noValidate>
          <FormError message={errors.formError} />
          <ChoiceList legend={t("preferences.want")} name="want" selected={kept("want", want)} options={options} error={errors.fieldErrors.want} />
          <ChoiceList
            legend={t("preferences.ratherNot")}
            name="ratherNot"
            selected={kept("ratherNot", ratherNot)}
            options={options}
            error={errors.fieldErrors.ratherNot}
          />
          <div>
            <button type="submit" disabled={busy}>
              {t("preferences.save")}
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
  const { t } = useTranslation("programme");
  return (
    <fieldset className={error ? "field field--invalid" : "field"} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {Array.from({ length: MAX_CHOICES }, (_, i) => (
        <label key={i} className="field">
          <span className="visually-hidden">
            {t("preferences.choice", { legend, number: i + 1 })}
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
