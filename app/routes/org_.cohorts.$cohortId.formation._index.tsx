// Forming a cohort's groups with the engine, step 1: the set-up. What to mix
// and how strongly, the hard rules with how many people each touches, pairs
// kept together or apart; then "Propose groups" starts a run. Outside the
// /org layout so that anyone but the cohort's own admins gets a 404.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, Notice, SelectField, TextField } from "~/components/form-fields";
import { MAX_SECONDS, MIX_LABELS, MIX_LEVELS, readSettings, type FormationSettings } from "~/domain/formation/formation-settings";
import { findCohortForFormation } from "~/domain/programme/forming/formation-context.server";
import { pairSchema, setupSchema } from "~/domain/programme/forming/formation-fields";
import { editFormationPairs, saveFormationSetup, saveSetupAndPropose } from "~/domain/programme/forming/formation-plans.server";
import { loadFormationSetup } from "~/domain/programme/forming/formation-pages.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Form the groups of ${data?.cohort.name ?? "a cohort"} · Roundtable` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json(await loadFormationSetup(context.services.db, user, params.cohortId ?? ""));
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

const mixOptions = MIX_LEVELS.map((value) => ({ value, label: MIX_LABELS[value] }));

const KIND_TEXT = {
  form: "No group has met yet, so everyone enrolled is placed into new groups.",
  re_form:
    "Some groups finished their cycle and chose not to continue. Their members, and anyone not yet in a group, are formed into new groups; groups that continue stay exactly as they are.",
  late_joiners: "The groups have started meeting. People not yet in a group join existing groups, and nobody who is already in a group moves.",
} as const;

const STATUS_TEXT: Record<string, string> = {
  running: "Running",
  proposed: "Proposed",
  failed: "No plan",
  cancelled: "Cancelled",
  published: "Published",
  superseded: "Replaced",
};

export default function FormationSetup() {
  const data = useLoaderData<typeof loader>();
  const { cohort, settings, kind, reach, people, pairs, plans, notReady, preferencesOn, counts } = data;
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const v = (name: string, fallback: string) => errors.value(name, fallback) ?? fallback;
  const checked = (name: keyof FormationSettings, fallback: boolean) => (errors.values.intent === "setup" || errors.values.intent === "propose" ? errors.values[name] === "on" : fallback);
  return (
    <>
      <p>
        <Link to={`/org/cohorts/${cohort.id}`}>Back to {cohort.name}</Link> · <Link to={`/org/cohorts/${cohort.id}/groups`}>Form the groups by hand</Link>
      </p>
      <h1>Form the groups of {cohort.name}</h1>
      <p>{KIND_TEXT[kind]}</p>
      <p className="muted">
        {counts.toPlace} {counts.toPlace === 1 ? "person" : "people"} to place · {counts.enrolled} enrolled
        {counts.kept ? ` · ${counts.kept} ${counts.kept === 1 ? "group stays" : "groups stay"} as ${counts.kept === 1 ? "it is" : "they are"}` : ""}
      </p>
      {params.get("saved") ? <Notice>Saved.</Notice> : null}
      <FormError message={errors.formError ?? (errors.values.intent === "setup" || errors.values.intent === "propose" ? undefined : errors.fieldErrors.pair)} />
      <Form method="post" className="stack card" noValidate aria-labelledby="setup-title">
        <h2 id="setup-title">Set up</h2>
        <fieldset className="field">
          <legend>Group size</legend>
          <TextField label="Smallest group" name="groupSizeMin" type="number" min={2} max={50} defaultValue={v("groupSizeMin", String(settings.groupSizeMin))} error={errors.fieldErrors.groupSizeMin} />
          <TextField label="Largest group" name="groupSizeMax" type="number" min={2} max={50} defaultValue={v("groupSizeMax", String(settings.groupSizeMax))} error={errors.fieldErrors.groupSizeMax} />
        </fieldset>
        <fieldset className="field">
          <legend>What to mix</legend>
          <SelectField label="Mix departments" name="mixDepartment" options={mixOptions} defaultValue={v("mixDepartment", settings.mix.department)} error={errors.fieldErrors.mixDepartment} />
          <SelectField label="Mix sites" name="mixSite" options={mixOptions} defaultValue={v("mixSite", settings.mix.site)} error={errors.fieldErrors.mixSite} />
          <SelectField
            label="Put people with colleagues they have not been in a group with"
            name="mixNewTies"
            options={mixOptions}
            defaultValue={v("mixNewTies", settings.mix.newTies)}
            error={errors.fieldErrors.mixNewTies}
          />
        </fieldset>
        <fieldset className="field">
          <legend>Rules that always hold</legend>
          <label className="checkbox">
            <input type="checkbox" name="managerApart" defaultChecked={checked("managerApart", settings.managerApart)} /> A manager and their direct report are never in one group
          </label>
          <TextField
            label="At most this many from one department in a group"
            name="maxPerDepartment"
            type="number"
            min={1}
            max={50}
            hint="Leave it empty for no limit."
            defaultValue={v("maxPerDepartment", settings.maxPerDepartment?.toString() ?? "")}
            error={errors.fieldErrors.maxPerDepartment}
          />
          <label className="checkbox">
            <input type="checkbox" name="sameTimeBand" defaultChecked={checked("sameTimeBand", settings.sameTimeBand)} /> Only group people whose time zones suit the same meeting time
          </label>
          {preferencesOn ? (
            <label className="checkbox">
              <input type="checkbox" name="ratherNotIsHard" defaultChecked={checked("ratherNotIsHard", settings.ratherNotIsHard)} /> Never group someone with a colleague they would rather not be with
            </label>
          ) : null}
        </fieldset>
        <TextField
          label="Seconds to search"
          name="seconds"
          type="number"
          min={1}
          max={MAX_SECONDS}
          hint="Longer finds slightly better groups. The search runs in the background."
          defaultValue={v("seconds", String(settings.seconds))}
          error={errors.fieldErrors.seconds}
        />
        <section aria-labelledby="reach-title">
          <h3 id="reach-title">Who each rule touches</h3>
          <ul>
            {reach.map((r) => (
              <li key={r.rule}>
                {r.label}: <strong>{r.people}</strong> {r.people === 1 ? "person" : "people"}
                {r.detail ? <span className="muted"> ({r.detail})</span> : null}
              </li>
            ))}
          </ul>
        </section>
        {notReady ? <p role="alert">{notReady}</p> : null}
        <div className="inline-form">
          <button type="submit" name="intent" value="propose">
            Save and propose groups
          </button>{" "}
          <button type="submit" name="intent" value="setup" className="secondary">
            Save the set-up
          </button>
        </div>
      </Form>
      <section className="card" aria-labelledby="pairs-title" id="pairs">
        <h2 id="pairs-title">People kept together or apart</h2>
        <p className="muted">For example two people who need the same language, or two who should not be in one group. Rare: each pair limits the mix.</p>
        {pairs.length ? (
          <ul>
            {pairs.map((p) => (
              <li key={`${p.rule}-${p.a.id}-${p.b.id}`}>
                {p.a.name} and {p.b.name}: {p.rule === "together" ? "always together" : "never together"}{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-pair" />
                  <input type="hidden" name="rule" value={p.rule} />
                  <input type="hidden" name="a" value={p.a.id} />
                  <input type="hidden" name="b" value={p.b.id} />
                  <button type="submit" className="secondary" aria-label={`Remove the rule for ${p.a.name} and ${p.b.name}`}>
                    Remove
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No pairs yet.</p>
        )}
        {people.length >= 2 ? (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="add-pair" />
            <SelectField label="First person" name="a" options={[{ value: "", label: "Choose…" }, ...people.map((p) => ({ value: p.id, label: p.name }))]} defaultValue={v("a", "")} />
            <SelectField label="Second person" name="b" options={[{ value: "", label: "Choose…" }, ...people.map((p) => ({ value: p.id, label: p.name }))]} defaultValue={v("b", "")} />
            <SelectField
              label="Rule"
              name="rule"
              options={[
                { value: "together", label: "Always together" },
                { value: "apart", label: "Never together" },
              ]}
              defaultValue={v("rule", "together")}
            />
            {errors.fieldErrors.pair || errors.fieldErrors.a || errors.fieldErrors.b ? <p role="alert" className="field__error">{errors.fieldErrors.pair ?? errors.fieldErrors.a ?? errors.fieldErrors.b}</p> : null}
            <div>
              <button type="submit">Add the pair</button>
            </div>
          </Form>
        ) : null}
      </section>
      <section className="card" aria-labelledby="plans-title">
        <h2 id="plans-title">Proposals</h2>
        {plans.length ? (
          <ul>
            {plans.map((p) => (
              <li key={p.id}>
                <Link to={`/org/cohorts/${cohort.id}/formation/${p.id}`}>{p.when}</Link>{" "}
                · {STATUS_TEXT[p.status]} · {p.people} people
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None yet.</p>
        )}
      </section>
    </>
  );
}
