import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { formatDateInZone } from "~/components/format-time";
import { ImportProblems } from "~/components/import-problems";
import { TableScroll } from "~/components/table-scroll";
import { WITHHELD_TEXT } from "~/domain/privacy/privacy-floor";
import { loadCohortPage } from "~/domain/programme/cohorts/cohort-page.server";
import { endSponsorship } from "~/domain/programme/cohorts/end-sponsorship.server";
import { ENROL_CSV_COLUMNS, enrolFromCsv, enrolPeople } from "~/domain/programme/cohorts/enrol-people.server";
import { findCohort, notFoundCohort } from "~/domain/programme/cohorts/find-cohort.server";
import { listOf } from "~/forms/field-schemas";
import { readSearchParams } from "~/forms/read-search-params.server";
import { invalid, readFormData, readCsvUpload, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.page.cohort.name ?? "Cohort"} · Roundtable` }];

function cohortIdOf(params: { cohortId?: string }) {
  const parsed = z.string().uuid().safeParse(params.cohortId);
  if (!parsed.success) throw notFoundCohort();
  return parsed.data;
}

const chooseFromList = (what: string) => ({ errorMap: () => ({ message: `Choose ${what} from the list.` }) });
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("pick"), userIds: listOf(z.string().uuid("Choose people from the list.")).pipe(z.array(z.string()).min(1, "Tick at least one person to enrol.")) }),
  z.object({ intent: z.literal("department"), departmentId: z.string(chooseFromList("a department")).uuid("Choose a department from the list.") }),
  z.object({ intent: z.literal("site"), siteId: z.string(chooseFromList("a site")).uuid("Choose a site from the list.") }),
  z.object({ intent: z.literal("end-sponsorship"), confirm: z.literal("on", { errorMap: () => ({ message: "Tick the box to confirm that sponsorship ends." }) }) }),
], { errorMap: () => ({ message: "Choose what to do from the page." }) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const query = readSearchParams(request).get("q") ?? "";
  const page = await loadCohortPage(context.services.db, user, cohortIdOf(params), { query: query.slice(0, 100) });
  return json({ page, query, csvColumns: ENROL_CSV_COLUMNS });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const cohortId = cohortIdOf(params);
  const { db } = context.services;
  // Scope first: another organisation's cohort is a 404 whatever the form says.
  await findCohort(db, user, cohortId);
  const formData = await readFormData(request);
  if (formData.get("intent") === "csv") {
    const text = await readCsvUpload(formData);
    const kept = new FormData();
    kept.set("intent", "csv");
    kept.set("csv", text);
    if (!text.trim()) return invalid(kept, { csv: "Choose a CSV file or paste its rows." });
    return submitForm(kept, z.object({ csv: z.string() }), async ({ csv }) => {
      const report = await enrolFromCsv(db, user, cohortId, csv);
      if (!report.ok) return json({ csvErrors: report.errors, values: { intent: "csv", csv }, fieldErrors: {} as Record<string, string> }, { status: 400 });
      return redirect(`/org/cohorts/${cohortId}?saved=enrolled&n=${report.enrolled}`);
    });
  }
  return submitForm(formData, schema, async (input) => {
    if (input.intent === "end-sponsorship") {
      await endSponsorship(db, user, cohortId);
      return redirect(`/org/cohorts/${cohortId}?saved=sponsorship`);
    }
    const n = await enrolPeople(
      db,
      user,
      cohortId,
      input.intent === "pick" ? { by: "pick", userIds: input.userIds } : input.intent === "department" ? { by: "department", departmentId: input.departmentId } : { by: "site", siteId: input.siteId },
    );
    return redirect(`/org/cohorts/${cohortId}?saved=enrolled&n=${n}`);
  });
}

/** A floored figure (privacy-floor.ts) as it arrives from the loader: its value, or the words saying it is withheld. */
function Figure<T>({ figure, children }: { figure: { shown: boolean; value: T | null }; children: (value: T) => React.ReactNode }) {
  return figure.shown && figure.value !== null ? <>{children(figure.value)}</> : <span className="muted">{WITHHELD_TEXT}</span>;
}

export default function CohortPage() {
  const { page, query, csvColumns } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const data = useActionData<typeof action>() as { csvErrors?: { line: number; message: string }[] } | undefined;
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const { cohort } = page;
  const intent = errors.values.intent;
  const mine = (name: string) => (errors.values.intent === name ? errors : { formError: undefined, fieldErrors: {} as Record<string, string> });
  return (
    <>
      <p>
        <Link to="/org/cohorts">All cohorts</Link>
      </p>
      <h2>{cohort.name}</h2>
      {saved === "created" ? <Notice>The cohort is created. Enrol people, then form the groups.</Notice> : null}
      {saved === "enrolled" ? <Notice>Enrolled {params.get("n") ?? 0} more {params.get("n") === "1" ? "person" : "people"}.</Notice> : null}
      {saved === "sponsorship" ? <Notice>Sponsorship has ended. Each group has been offered to carry on as a peer group.</Notice> : null}
      <p className="muted">
        {cohort.meetingsPerCycle} meetings per cycle, every {cohort.intervalMonths === 1 ? "month" : `${cohort.intervalMonths} months`}, {cohort.meetingMinutes} minutes each · groups of{" "}
        {cohort.groupSizeMin}–{cohort.groupSizeMax} · alumnus after {cohort.alumniThreshold} meetings · members may host from meeting {cohort.handoverFromMeeting} · {cohort.timeZone}
      </p>
      <p>
        <strong>{page.enrolled}</strong> enrolled · <strong>{page.groups.length}</strong> groups · <Link to={`/org/cohorts/${cohort.id}/formation`}>Form the groups with the engine</Link> · <Link to={`/org/cohorts/${cohort.id}/groups`}>Form them by hand</Link>
      </p>

      <section className="card" aria-labelledby="groups-title">
        <h3 id="groups-title">Groups</h3>
        {page.groups.length === 0 ? (
          <p className="muted">No groups yet.</p>
        ) : (
          <TableScroll label="Groups">
            <table aria-label="Groups">
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Facilitator</th>
                  <th scope="col">Members</th>
                  <th scope="col">Cycle</th>
                  <th scope="col">Meetings held</th>
                  <th scope="col">Continue vote</th>
                  {cohort.sponsorshipEndedAt ? <th scope="col">Carrying on</th> : null}
                </tr>
              </thead>
              <tbody>
                {page.groups.map((g) => (
                  <tr key={g.id}>
                    <td>{g.name}</td>
                    <td>{g.facilitator ?? <span className="muted">None yet</span>}</td>
                    <td>{g.members}</td>
                    <td>{g.cycle ? `${g.cycle.number}: ${g.cycle.state}` : <span className="muted">Not scheduled</span>}</td>
                    <td>{g.cycle ? `${g.cycle.held} of ${g.cycle.planned}` : "—"}</td>
                    <td>{g.vote ? <Figure figure={g.vote}>{(v) => `${v.continue} continue, ${v.stop} stop`}</Figure> : "—"}</td>
                    {cohort.sponsorshipEndedAt ? (
                      <td>
                        {g.conversion ? (
                          g.conversion.status === "open" ? (
                            <>
                              Open until {formatDateInZone(g.conversion.closesAt, cohort.timeZone)} ·{" "}
                              <Figure figure={g.conversion.answers}>{(a) => `${a.consent} agree, ${a.decline} decline`}</Figure>
                            </>
                          ) : g.conversion.status === "converted" ? (
                            "Now a peer group"
                          ) : (
                            "Did not carry on"
                          )
                        ) : (
                          "Not offered"
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section className="card" aria-labelledby="attendance-title">
        <h3 id="attendance-title">Attendance</h3>
        <p className="muted">Share of recorded places where the person was present. Figures about fewer than three people are withheld.</p>
        {(
          [
            ["By department", page.attendance.byDepartment],
            ["By site", page.attendance.bySite],
          ] as const
        ).map(([label, rows]) => (
          <div key={label}>
            <h4>{label}</h4>
            {rows.length === 0 ? (
              <p className="muted">No attendance recorded yet.</p>
            ) : (
              <ul>
                {rows.map((r) => (
                  <li key={r.name}>
                    {r.name}: <Figure figure={r.rate}>{(v) => `${v}%`}</Figure>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>

      <section className="card" aria-labelledby="evaluations-title">
        <h3 id="evaluations-title">Evaluations across the cohort</h3>
        <Figure figure={page.evaluations}>
          {(e) => (
            <>
              <p>
                {e.answers} answers · usefulness {e.usefulness ?? "—"} of 5 · safety {e.safety ?? "—"} of 5 · {e.willTryPercent ?? "—"}% will try something
              </p>
              {e.comments.length ? (
                <ul aria-label="Comments, without names">
                  {e.comments.map((c, i) => (
                    <li key={i}>{c}</li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
        </Figure>
      </section>

      <section className="card" aria-labelledby="enrol-title">
        <h3 id="enrol-title">Enrol people</h3>
        <p className="muted">Enrolled people become participants. Those already enrolled are left as they are.</p>
        <Form method="get" className="stack">
          <TextField label="Find people by name or email" name="q" type="search" defaultValue={query} maxLength={100} />
          <div>
            <button type="submit">Find</button>
          </div>
        </Form>
        {query ? (
          page.candidates.length ? (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="pick" />
              <FormError message={mine("pick").formError ?? mine("pick").fieldErrors.userIds} />
              <fieldset className="field">
                <legend>People not enrolled yet</legend>
                {page.candidates.map((p) => (
                  <label key={p.id} className="checkbox">
                    <input type="checkbox" name="userIds" value={p.id} /> {p.name} <span className="muted">{p.email}</span>
                  </label>
                ))}
              </fieldset>
              <div>
                <button type="submit">Enrol the people ticked</button>
              </div>
            </Form>
          ) : (
            <p className="muted">Nobody not yet enrolled matches "{query}".</p>
          )
        ) : null}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="department" />
          <FormError message={mine("department").formError} />
          <SelectField
            label="Everyone in a department"
            name="departmentId"
            options={[{ value: "", label: "Choose a department" }, ...page.structure.departments.map((d) => ({ value: d.id, label: d.name }))]}
            defaultValue={intent === "department" ? errors.value("departmentId", "") : ""}
            error={mine("department").fieldErrors.departmentId}
          />
          <div>
            <button type="submit">Enrol the department</button>
          </div>
        </Form>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="site" />
          <FormError message={mine("site").formError} />
          <SelectField
            label="Everyone at a site"
            name="siteId"
            options={[{ value: "", label: "Choose a site" }, ...page.structure.sites.map((s) => ({ value: s.id, label: s.name }))]}
            defaultValue={intent === "site" ? errors.value("siteId", "") : ""}
            error={mine("site").fieldErrors.siteId}
          />
          <div>
            <button type="submit">Enrol the site</button>
          </div>
        </Form>
        <Form method="post" encType="multipart/form-data" className="stack" noValidate>
          <input type="hidden" name="intent" value="csv" />
          <p>
            From a CSV file: the first line names the columns <code>{csvColumns.join(",")}</code>; only <code>email</code> is required. Department, site and
            manager (an email) are set as given; an empty cell leaves them as they are. If any row has a problem, nobody is enrolled.
          </p>
          {data?.csvErrors ? <ImportProblems problems={data.csvErrors} label="Rows with problems" /> : null}
          <FormError message={mine("csv").formError ?? mine("csv").fieldErrors.csv} />
          <div className="field">
            <label htmlFor="enrol-file">CSV file</label>
            <input id="enrol-file" type="file" name="file" accept=".csv,text/csv" />
          </div>
          <TextAreaField label="…or paste the rows here" name="csv" rows={6} defaultValue={intent === "csv" ? errors.value("csv", "") : ""} />
          <div>
            <button type="submit">Enrol from the file</button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="sponsorship-title">
        <h3 id="sponsorship-title">Sponsorship</h3>
        {cohort.sponsorshipEndedAt ? (
          <p>
            Sponsorship ended on {formatDateInZone(cohort.sponsorshipEndedAt, cohort.timeZone)}
            {cohort.sponsorshipEndedByName ? ` by ${cohort.sponsorshipEndedByName}` : ""}.
          </p>
        ) : (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="end-sponsorship" />
            <p>
              Ending sponsorship finishes every group's current cycle now: meetings still to come are cancelled with notice, members present often enough become
              alumni, and each group is offered to carry on as a self-organised peer group for 14 days. This cannot be undone.
            </p>
            <FormError message={mine("end-sponsorship").formError ?? mine("end-sponsorship").fieldErrors.confirm} />
            <label className="checkbox">
              <input type="checkbox" name="confirm" /> I understand: end the sponsorship of {cohort.name}
            </label>
            <div>
              <button type="submit">End sponsorship</button>
            </div>
          </Form>
        )}
      </section>
    </>
  );
}
