import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, TextField } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { useFormat } from "~/components/use-format";
import { listTimeZones } from "~/domain/accounts/account-fields";
import { pageTitle } from "~/domain/i18n/translators";
import { COHORT_DEFAULTS, cohortSettingsSchema } from "~/domain/programme/cohorts/cohort-fields";
import { createCohort } from "~/domain/programme/cohorts/create-cohort.server";
import { listCohorts } from "~/domain/programme/cohorts/list-cohorts.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cohorts:list.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const cohorts = await listCohorts(context.services.db, user, user.orgId);
  // Organisations have no time zone of their own: a new cohort starts in its creator's.
  return json({ cohorts, defaultTimeZone: user.timeZone, timeZones: listTimeZones() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, cohortSettingsSchema, async (settings) => {
    const cohort = await createCohort(context.services.db, user, user.orgId, settings);
    return redirect(`/org/cohorts/${cohort.id}?saved=created`);
  });
}

// Each number field, and whether it has a hint (cohorts.json, fields.<name>).
const NUMBER_FIELDS = [
  ["meetingsPerCycle", false],
  ["intervalMonths", false],
  ["meetingMinutes", false],
  ["groupSizeMin", true],
  ["groupSizeMax", false],
  ["alumniThreshold", true],
  ["handoverFromMeeting", true],
] as const;

export default function Cohorts() {
  const { cohorts, defaultTimeZone, timeZones } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const { t } = useTranslation("cohorts");
  const format = useFormat();
  return (
    <>
      <h2>{t("list.heading")}</h2>
      <p>{t("list.intro")}</p>
      {cohorts.length === 0 ? (
        <p className="muted">{t("list.none")}</p>
      ) : (
        <TableScroll label={t("list.heading")}>
          <table aria-label={t("list.heading")}>
            <thead>
              <tr>
                <th scope="col">{t("list.columns.cohort")}</th>
                <th scope="col">{t("list.columns.enrolled")}</th>
                <th scope="col">{t("list.columns.groups")}</th>
                <th scope="col">{t("list.columns.cycles")}</th>
                <th scope="col">{t("list.columns.sponsorship")}</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/org/cohorts/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>{c.enrolled}</td>
                  <td>{c.groups}</td>
                  <td>{c.progress.length ? format.enumerate(c.progress.map((p) => t(`list.progress.${p.state}`, { count: p.n }))) : "—"}</td>
                  <td>{c.sponsored ? t("list.sponsored") : t("list.ended")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <section className="card" aria-labelledby="new-cohort">
        <h3 id="new-cohort">{t("list.new")}</h3>
        <Form method="post" className="stack" noValidate>
          <FormError message={errors.formError} />
          <TextField label={t("fields.name")} name="name" required maxLength={120} defaultValue={errors.value("name", "")} error={errors.fieldErrors.name} />
          {NUMBER_FIELDS.map(([name, hasHint]) => (
            <TextField
              key={name}
              label={t(`fields.${name}.label`)}
              name={name}
              type="number"
              inputMode="numeric"
              hint={hasHint ? t(`fields.${name}.hint`) : undefined}
              defaultValue={errors.value(name, String(COHORT_DEFAULTS[name]))}
              error={errors.fieldErrors[name]}
            />
          ))}
          <SelectField
            label={t("fields.timeZone")}
            name="timeZone"
            options={timeZones.map((z) => ({ value: z, label: z }))}
            defaultValue={errors.value("timeZone", defaultTimeZone)}
            error={errors.fieldErrors.timeZone}
          />
          <div>
            <button type="submit">{t("list.create")}</button>
          </div>
        </Form>
      </section>
    </>
  );
}
