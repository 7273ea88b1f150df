// Forming a cohort's groups with the engine, step 1: the set-up. What to mix
// and how strongly, the hard rules with how many people each touches, pairs
// kept together or apart; then "Propose groups" starts a run. Outside the
// /org layout so that anyone but the cohort's own admins gets a 404.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SelectField, TextField } from "~/components/form-fields";
import { MAX_SECONDS, MIX_LABELS, MIX_LEVELS, readSettings, type FormationSettings } from "~/domain/formation/formation-settings";
import { translateNestedMessage } from "~/domain/i18n/nested-message";
import { pageTitle } from "~/domain/i18n/translators";
import { findCohortForFormation } from "~/domain/programme/forming/formation-context.server";
import { pairSchema, setupSchema } from "~/domain/programme/forming/formation-fields";
import { editFormationPairs, saveFormationSetup, saveSetupAndPropose } from "~/domain/programme/forming/formation-plans.server";
import { loadFormationSetup } from "~/domain/programme/forming/formation-pages.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "cohorts:setup.title", { name: data.cohort.name }) : pageTitle(matches, "cohorts:setup.titleUnknown");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json(await loadFormationSetup(context.services.db, user, params.cohortId ?? "", context.language));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db, formationRuns } = context.services;
  const cohortId = params.cohortId ?? "";
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  // Scope first: another organisation's cohort is a 404 whatever the form says.
  const cohort = await findCohortForFormation(db, user, cohortId);
  if (intent === "add-pair" || intent === "remove-pair") {
    return submitForm(formData, pairSchema, async (edit) => {
      await editFormationPairs(db, user, cohortId, edit);
      return redirect(`/org/cohorts/${cohortId}/formation?saved=pairs#pairs`);
    });
  }
  return submitForm(formData, setupSchema, async (form) => {
    const settings: FormationSettings = {
      ...readSettings(cohort.formationSettings, cohort),
      groupSizeMin: form.groupSizeMin,
      groupSizeMax: form.groupSizeMax,
      mix: { department: form.mixDepartment, site: form.mixSite, newTies: form.mixNewTies },
      managerApart: form.managerApart,
      maxPerDepartment: form.maxPerDepartment,
      sameTimeBand: form.sameTimeBand,
      ratherNotIsHard: form.ratherNotIsHard,
      seconds: form.seconds,
    };
    if (form.intent === "setup") {
      await saveFormationSetup(db, user, cohortId, settings);
      return redirect(`/org/cohorts/${cohortId}/formation?saved=setup`);
    }
    const planId = await saveSetupAndPropose(db, formationRuns, user, cohortId, settings);
    return redirect(`/org/cohorts/${cohortId}/formation/${planId}`);
  });
}


export default function FormationSetup() {
  const data = useLoaderData<typeof loader>();
  const { cohort, settings, kind, reach, people, pairs, plans, notReady, preferencesOn, counts } = data;
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation("cohorts");
  const mixOptions = MIX_LEVELS.map((value) => ({ value, label: t(MIX_LABELS[value]) }));
  const v = (name: string, fallback: string) => errors.value(name, fallback) ?? fallback;
  const checked = (name: keyof FormationSettings, fallback: boolean) => (errors.values.intent === "setup" || errors.values.intent === "propose" ? errors.values[name] === "on" : fallback);
  return (
    <>
      <p>
        <Link to={`/org/cohorts/${cohort.id}`}>{t("back", { name: cohort.name })}</Link> · <Link to={`/org/cohorts/${cohort.id}/groups`}>{t("setup.byHand")}</Link>
      </p>
      <h1>{t("groups.heading", { name: cohort.name })}</h1>
      <p>{t(`setup.kind.${kind}`)}</p>
      <p className="muted">
        {[t("setup.counts.toPlace", { count: counts.toPlace }), t("setup.counts.enrolled", { count: counts.enrolled }), ...(counts.kept ? [t("setup.counts.kept", { count: counts.kept })] : [])].join(" · ")}
      </p>
      {params.get("saved") ? <Notice>{t("saved")}</Notice> : null}
      <FormError message={errors.formError ?? (errors.values.intent === "setup" || errors.values.intent === "propose" ? undefined : errors.fieldErrors.pair)} />
      <Form method="post" className="stack card" noValidate aria-labelledby="setup-title">
        <h2 id="setup-title">{t("setup.heading")}</h2>
        <fieldset className="field">
          <legend>{t("setup.size")}</legend>
          <TextField label={t("setup.groupSizeMin")} name="groupSizeMin" type="number" min={2} max={50} defaultValue={v("groupSizeMin", String(settings.groupSizeMin))} error={errors.fieldErrors.groupSizeMin} />
          <TextField label={t("setup.groupSizeMax")} name="groupSizeMax" type="number" min={2} max={50} defaultValue={v("groupSizeMax", String(settings.groupSizeMax))} error={errors.fieldErrors.groupSizeMax} />
        </fieldset>
        <fieldset className="field">
          <legend>{t("setup.whatToMix")}</legend>
          <SelectField label={t("setup.mixDepartment")} name="mixDepartment" options={mixOptions} defaultValue={v("mixDepartment", settings.mix.department)} error={errors.fieldErrors.mixDepartment} />
          <SelectField label={t("setup.mixSite")} name="mixSite" options={mixOptions} defaultValue={v("mixSite", settings.mix.site)} error={errors.fieldErrors.mixSite} />
          <SelectField
            label={t("setup.mixNewTies")}
            name="mixNewTies"
            options={mixOptions}
            defaultValue={v("mixNewTies", settings.mix.newTies)}
            error={errors.fieldErrors.mixNewTies}
          />
        </fieldset>
        <fieldset className="field">
          <legend>{t("setup.rules")}</legend>
          <label className="checkbox">
            <input type="checkbox" name="managerApart" defaultChecked={checked("managerApart", settings.managerApart)} /> {t("setup.managerApart")}
          </label>
          <TextField
            label={t("setup.maxPerDepartment")}
            name="maxPerDepartment"
            type="number"
            min={1}
            max={50}
            hint={t("setup.maxPerDepartmentHint")}
            defaultValue={v("maxPerDepartment", settings.maxPerDepartment?.toString() ?? "")}
            error={errors.fieldErrors.maxPerDepartment}
          />
          <label className="checkbox">
            <input type="checkbox" name="sameTimeBand" defaultChecked={checked("sameTimeBand", settings.sameTimeBand)} /> {t("setup.sameTimeBand")}
          </label>
          {preferencesOn ? (
            <label className="checkbox">
              <input type="checkbox" name="ratherNotIsHard" defaultChecked={checked("ratherNotIsHard", settings.ratherNotIsHard)} /> {t("setup.ratherNotIsHard")}
            </label>
          ) : null}
        </fieldset>
        <TextField
          label={t("setup.seconds")}
          name="seconds"
          type="number"
          min={1}
          max={MAX_SECONDS}
          hint={t("setup.secondsHint")}
          defaultValue={v("seconds", String(settings.seconds))}
          error={errors.fieldErrors.seconds}
        />
        <section aria-labelledby="reach-title">
          <h3 id="reach-title">{t("setup.reach")}</h3>
          <ul>
            {reach.map((r) => (
              <li key={r.rule}>
                {t("setup.reachRule", { rule: translateNestedMessage(i18n, r.label) })} <strong>{t("setup.reachPeople", { count: r.people })}</strong>
                {r.detail ? <span className="muted"> {t("setup.reachDetail", { detail: translateNestedMessage(i18n, r.detail) })}</span> : null}
              </li>
            ))}
          </ul>
        </section>
        {notReady ? <p role="alert">{translateNestedMessage(i18n, notReady)}</p> : null}
        <div className="inline-form">
          <button type="submit" name="intent" value="propose">
            {t("setup.propose")}
          </button>{" "}
          <button type="submit" name="intent" value="setup" className="secondary">
            {t("setup.save")}
          </button>
        </div>
      </Form>
      <section className="card" aria-labelledby="pairs-title" id="pairs">
        <h2 id="pairs-title">{t("setup.pairs.heading")}</h2>
        <p className="muted">{t("setup.pairs.intro")}</p>
        {pairs.length ? (
          <ul>
            {pairs.map((p) => (
              <li key={`${p.rule}-${p.a.id}-${p.b.id}`}>
                {t(p.rule === "together" ? "setup.pairs.together" : "setup.pairs.apart", { a: p.a.name, b: p.b.name })}{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-pair" />
                  <input type="hidden" name="rule" value={p.rule} />
                  <input type="hidden" name="a" value={p.a.id} />
                  <input type="hidden" name="b" value={p.b.id} />
                  <button type="submit" className="secondary" aria-label={t("setup.pairs.removeLabel", { a: p.a.name, b: p.b.name })}>
                    {t("setup.pairs.remove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("setup.pairs.none")}</p>
        )}
        {people.length >= 2 ? (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="add-pair" />
            <SelectField label={t("setup.pairs.first")} name="a" options={[{ value: "", label: t("setup.pairs.choose") }, ...people.map((p) => ({ value: p.id, label: p.name }))]} defaultValue={v("a", "")} />
            <SelectField label={t("setup.pairs.second")} name="b" options={[{ value: "", label: t("setup.pairs.choose") }, ...people.map((p) => ({ value: p.id, label: p.name }))]} defaultValue={v("b", "")} />
            <SelectField
              label={t("setup.pairs.rule")}
              name="rule"
              options={[
                { value: "together", label: t("setup.pairs.alwaysTogether") },
                { value: "apart", label: t("setup.pairs.neverTogether") },
              ]}
              defaultValue={v("rule", "together")}
            />
            {errors.fieldErrors.pair || errors.fieldErrors.a || errors.fieldErrors.b ? <p role="alert" className="field__error">{errors.fieldErrors.pair ?? errors.fieldErrors.a ?? errors.fieldErrors.b}</p> : null}
            <div>
              <button type="submit">{t("setup.pairs.add")}</button>
            </div>
          </Form>
        ) : null}
      </section>
      <section className="card" aria-labelledby="plans-title">
        <h2 id="plans-title">{t("setup.plans.heading")}</h2>
        {plans.length ? (
          <ul>
            {plans.map((p) => (
              <li key={p.id}>
                <Link to={`/org/cohorts/${cohort.id}/formation/${p.id}`}>{p.when}</Link>{" "}
                · {t(`setup.plans.status.${p.status}`)} · {t("setup.plans.people", { count: p.people })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("setup.plans.none")}</p>
        )}
      </section>
    </>
  );
}
