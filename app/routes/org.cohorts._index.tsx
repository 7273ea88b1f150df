import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormError, SelectField, TextField } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { listTimeZones } from "~/domain/accounts/account-fields";
import { COHORT_DEFAULTS, cohortSettingsSchema } from "~/domain/programme/cohorts/cohort-fields";
import { createCohort } from "~/domain/programme/cohorts/create-cohort.server";
import { listCohorts } from "~/domain/programme/cohorts/list-cohorts.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Cohorts · Roundtable" }];

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

const NUMBER_FIELDS = [
  ["meetingsPerCycle", "Meetings per cycle", undefined],
  ["intervalMonths", "Months between meetings", undefined],
  ["meetingMinutes", "Meeting length in minutes", undefined],
  ["groupSizeMin", "Smallest group", "People per group, not counting the facilitator."],
  ["groupSizeMax", "Largest group", undefined],
  ["alumniThreshold", "Meetings attended that make an alumnus", "Counted per cycle."],
  ["handoverFromMeeting", "A member may host from meeting", "Before it, the facilitator runs every meeting."],
] as const;

export default function Cohorts() {
  const { cohorts, defaultTimeZone, timeZones } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  return (
    <>
      <h2>Cohorts</h2>
      <p>A cohort is one intake of the programme: the people enrolled, split into small groups that meet in cycles.</p>
      {cohorts.length === 0 ? (
        <p className="muted">No cohorts yet. Create the first one below.</p>
      ) : (
        <TableScroll label="Cohorts">
          <table aria-label="Cohorts">
            <thead>
              <tr>
                <th scope="col">Cohort</th>
                <th scope="col">Enrolled</th>
                <th scope="col">Groups</th>
                <th scope="col">Cycles</th>
                <th scope="col">Sponsorship</th>
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
                  <td>{c.progress.length ? c.progress.join(", ") : "—"}</td>
                  <td>{c.sponsored ? "Sponsored" : "Ended"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <section className="card" aria-labelledby="new-cohort">
        <h3 id="new-cohort">New cohort</h3>
        <Form method="post" className="stack" noValidate>
          <FormError message={errors.formError} />
          <TextField label="Name" name="name" required maxLength={120} defaultValue={errors.value("name", "")} error={errors.fieldErrors.name} />
          {NUMBER_FIELDS.map(([name, label, hint]) => (
            <TextField
              key={name}
              label={label}
              name={name}
              type="number"
              inputMode="numeric"
              hint={hint}
              defaultValue={errors.value(name, String(COHORT_DEFAULTS[name]))}
              error={errors.fieldErrors[name]}
            />
          ))}
          <SelectField
            label="Time zone meetings are planned in"
            name="timeZone"
            options={timeZones.map((z) => ({ value: z, label: z }))}
            defaultValue={errors.value("timeZone", defaultTimeZone)}
            error={errors.fieldErrors.timeZone}
          />
          <div>
            <button type="submit">Create cohort</button>
          </div>
        </Form>
      </section>
    </>
  );
}
