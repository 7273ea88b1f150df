import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { useFormat } from "~/components/use-format";
import { LANGUAGES } from "~/domain/i18n/languages";
import { translateNestedMessage } from "~/domain/i18n/nested-message";
import { pageTitle, translatorFor } from "~/domain/i18n/translators";
import { applyFormation } from "~/domain/programme/cohorts/apply-formation.server";
import { editFormation } from "~/domain/programme/cohorts/edit-formation";
import { findCohort, notFoundCohort } from "~/domain/programme/cohorts/find-cohort.server";
import { loadFormationScreen } from "~/domain/programme/cohorts/load-formation.server";
import { message } from "~/domain/i18n/message";
import { optionalId } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "cohorts:groups.title", { name: data.cohort.name }) : pageTitle(matches, "cohorts:groups.titleUnknown");

function cohortIdOf(params: { cohortId?: string }) {
  const parsed = z.string().uuid().safeParse(params.cohortId);
  if (!parsed.success) throw notFoundCohort();
  return parsed.data;
}

// "Not in a group" is offered among the groups; typed by hand it is read in either language.
const NOT_IN_A_GROUP = "Not in a group";
const notInAGroup = new Set([NOT_IN_A_GROUP, ...LANGUAGES.map((language) => translatorFor(language, "cohorts")("groups.notInAGroupOption"))].map((v) => v.toLowerCase()));
// Up to this many groups each person's move is a select; beyond, a text field with the names to pick from, so a large cohort's page stays small.
const SELECT_UP_TO = 30;
const groupName = z
  .string({ required_error: "cohorts:groups.errors.name" })
  .trim()
  .min(1, "cohorts:groups.errors.name")
  .max(120, message("cohorts:groups.errors.nameTooLong", { max: 120 }));
const groupId = z.string({ required_error: "cohorts:groups.errors.groupFromList" }).uuid("cohorts:groups.errors.groupFromList");
const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("move"),
      userId: z.string({ required_error: "cohorts:groups.errors.person" }).uuid("cohorts:groups.errors.personFromList"),
      toGroup: z
        .string({ required_error: "cohorts:groups.errors.toGroup" })
        .trim()
        .min(1, "cohorts:groups.errors.toGroup")
        .max(120, "cohorts:groups.errors.toGroup")
        .transform((v) => (notInAGroup.has(v.toLowerCase()) ? null : v)),
    }),
    z.object({ intent: z.literal("facilitator"), groupId, facilitatorId: optionalId }),
    z.object({ intent: z.literal("add-group"), name: groupName }),
    z.object({ intent: z.literal("rename"), groupId, name: groupName }),
  ],
  { errorMap: () => ({ message: "cohorts:errors.unknownIntent" }) },
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  return json(await loadFormationScreen(context.services.db, user, cohortIdOf(params)));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const cohortId = cohortIdOf(params);
  const { db } = context.services;
  // Scope first: another organisation's cohort is a 404 whatever the form says.
  await findCohort(db, user, cohortId);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (edit) => {
    // The edit applies to the formation as it stands under the cohort's lock, not as this page last read it.
    await applyFormation(db, user, cohortId, (current) => editFormation(current, edit));
    return redirect(`/org/cohorts/${cohortId}/groups?saved=${edit.intent}`);
  });
}

function Tally({ label, items }: { label: "departments" | "sites"; items: { name: string; n: number }[] }) {
  const { t, i18n } = useTranslation("cohorts");
  const format = useFormat();
  if (items.length === 0) return null;
  const counts = format.enumerate(items.map((i) => t("groups.tallyItem", { name: translateNestedMessage(i18n, i.name), count: i.n })));
  return <p className="muted">{t(`groups.tally.${label}`, { counts })}</p>;
}

// A component of its own, not one made inside FormGroups: a component type made
// anew on each render remounts its forms, and a person's half-made choice in a
// select would be reset whenever the page re-renders.
function MoveForm({ person, from, targets, asSelect }: { person: { id: string; name: string }; from: string; targets: string[]; asSelect: boolean }) {
  const { t } = useTranslation("cohorts");
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="userId" value={person.id} />
      <label>
        <span className="visually-hidden">{t("groups.moveTo", { name: person.name })}</span>
        {asSelect ? (
          <select name="toGroup" defaultValue={from}>
            {targets.map((target) => (
              <option key={target} value={target}>
                {target === NOT_IN_A_GROUP ? t("groups.notInAGroupOption") : target}
              </option>
            ))}
          </select>
        ) : (
          <input name="toGroup" list="formation-groups" placeholder={t("groups.groupName")} maxLength={120} required />
        )}
      </label>{" "}
      <button type="submit" aria-label={t("groups.moveLabel", { name: person.name })}>
        {t("groups.move")}
      </button>
    </Form>
  );
}

export default function FormGroups() {
  const { cohort, groups, unplaced, facilitators, check, finished, sponsorshipEnded } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation("cohorts");
  const shown = (text: string) => translateNestedMessage(i18n, text);
  const posted = useActionData<{ formError?: string }>();
  const targets = [...groups.map((g) => g.name), NOT_IN_A_GROUP];
  const asSelect = groups.length <= SELECT_UP_TO;
  return (
    <>
      <p>
        <Link to={`/org/cohorts/${cohort.id}`}>{t("back", { name: cohort.name })}</Link>
      </p>
      <h2>{t("groups.heading", { name: cohort.name })}</h2>
      <p className="muted">{t("groups.intro", { min: cohort.groupSizeMin, max: cohort.groupSizeMax })}</p>
      {params.get("saved") === "published" ? <Notice>{t("groups.published")}</Notice> : params.get("saved") ? <Notice>{t("saved")}</Notice> : null}
      {sponsorshipEnded ? <p role="status">{t("groups.sponsorshipEnded")}</p> : null}
      {finished.length ? (
        <section className="card" aria-labelledby="finished-title">
          <h3 id="finished-title">{t("groups.finished.heading", { count: finished.length })}</h3>
          <p className="muted">
            <Trans t={t} i18nKey="groups.finished.intro" components={{ a: <Link to={`/org/cohorts/${cohort.id}/formation`} /> }} />
          </p>
          <ul>
            {finished.map((g) => (
              <li key={g.id}>
                {g.name} <span className="muted">{t("groups.memberCount", { count: g.members })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {asSelect ? null : (
        <datalist id="formation-groups">
          {targets.map((target) => (
            <option key={target} value={target === NOT_IN_A_GROUP ? t("groups.notInAGroupOption") : target} />
          ))}
        </datalist>
      )}
      {/* The action's own message, translated here: a problem may name "someone outside this cohort", a message inside the message. */}
      <FormError message={posted?.formError ? shown(posted.formError) : Object.values(errors.fieldErrors)[0]} />
      {check.warnings.length ? (
        <div className="notice" role="status">
          <ul>
            {check.warnings.map((w) => (
              <li key={w}>{shown(w)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {groups.map((g) => (
        <section key={g.id} className="card" aria-labelledby={`group-${g.id}`}>
          <h3 id={`group-${g.id}`}>
            {g.name} <span className="muted">{t("groups.memberCount", { count: g.members.length })}</span>
          </h3>
          <Tally label="departments" items={g.departments} />
          <Tally label="sites" items={g.sites} />
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="facilitator" />
            <input type="hidden" name="groupId" value={g.id} />
            <label>
              {t("groups.facilitator")}{" "}
              <select name="facilitatorId" defaultValue={g.facilitatorId ?? ""}>
                <option value="">{t("groups.noFacilitator")}</option>
                {facilitators.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>{" "}
            <button type="submit">{t("groups.setFacilitator")}</button>
          </Form>
          {g.members.length ? (
            <ul>
              {g.members.map((m) => (
                <li key={m.id}>
                  {shown(m.name)} <span className="muted">{[m.department, m.site].filter(Boolean).join(" · ")}</span>{" "}
                  <MoveForm targets={targets} asSelect={asSelect} person={{ id: m.id, name: shown(m.name) }} from={g.name} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("groups.empty")}</p>
          )}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="rename" />
            <input type="hidden" name="groupId" value={g.id} />
            <label>
              {t("groups.name")} <input name="name" defaultValue={g.name} maxLength={120} required />
            </label>{" "}
            <button type="submit">{t("groups.rename")}</button>
          </Form>
        </section>
      ))}
      <section className="card" aria-labelledby="unplaced-title">
        <h3 id="unplaced-title">{t("groups.unplaced", { count: unplaced.length })}</h3>
        {unplaced.length ? (
          <ul>
            {unplaced.map((p) => (
              <li key={p.id}>
                {shown(p.name)} <span className="muted">{[p.department, p.site].filter(Boolean).join(" · ")}</span>{" "}
                <MoveForm targets={targets} asSelect={asSelect} person={{ id: p.id, name: shown(p.name) }} from={NOT_IN_A_GROUP} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("groups.everyonePlaced")}</p>
        )}
      </section>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="add-group" />
        <div className="field">
          <label htmlFor="new-group">{t("groups.newName")}</label>
          <input id="new-group" name="name" maxLength={120} defaultValue={errors.values.intent === "add-group" ? errors.value("name", "") : ""} />
        </div>
        <div>
          <button type="submit">{t("groups.add")}</button>
        </div>
      </Form>
    </>
  );
}
