import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { ImportProblems } from "~/components/import-problems";
import { TableScroll } from "~/components/table-scroll";
import { useFormat } from "~/components/use-format";
import { translateNestedMessage } from "~/domain/i18n/nested-message";
import { pageTitle } from "~/domain/i18n/translators";
import { PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { loadCohortPage } from "~/domain/programme/cohorts/cohort-page.server";
import { endSponsorship } from "~/domain/programme/cohorts/end-sponsorship.server";
import { ENROL_CSV_COLUMNS, enrolFromCsv, enrolPeople } from "~/domain/programme/cohorts/enrol-people.server";
import { findCohort, notFoundCohort } from "~/domain/programme/cohorts/find-cohort.server";
import { listOf } from "~/forms/field-schemas";
import { readSearchParams } from "~/forms/read-search-params.server";
import { invalid, readFormData, readCsvUpload, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "cohorts:cohort.title", { name: data.page.cohort.name }) : pageTitle(matches, "cohorts:cohort.titleUnknown");

function cohortIdOf(params: { cohortId?: string }) {
  const parsed = z.string().uuid().safeParse(params.cohortId);
  if (!parsed.success) throw notFoundCohort();
  return parsed.data;
}

const fromList = (message: string) => ({ errorMap: () => ({ message }) });
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("pick"), userIds: listOf(z.string().uuid("cohorts:enrol.errors.peopleFromList")).pipe(z.array(z.string()).min(1, "cohorts:enrol.errors.tickOne")) }),
  z.object({ intent: z.literal("department"), departmentId: z.string(fromList("cohorts:enrol.errors.departmentFromList")).uuid("cohorts:enrol.errors.departmentFromList") }),
  z.object({ intent: z.literal("site"), siteId: z.string(fromList("cohorts:enrol.errors.siteFromList")).uuid("cohorts:enrol.errors.siteFromList") }),
  z.object({ intent: z.literal("end-sponsorship"), confirm: z.literal("on", { errorMap: () => ({ message: "cohorts:cohort.errors.confirmEnd" }) }) }),
], { errorMap: () => ({ message: "cohorts:errors.unknownIntent" }) });

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
    if (!text.trim()) return invalid(kept, { csv: "cohorts:enrol.csv.noFile" });
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
  const { t } = useTranslation("cohorts");
  return figure.shown && figure.value !== null ? <>{children(figure.value)}</> : <span className="muted">{t("cohort.withheld", { count: PRIVACY_FLOOR })}</span>;
}

export default function CohortPage() {
  const { page, query, csvColumns } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const data = useActionData<typeof action>() as { csvErrors?: { line: number; message: string }[] } | undefined;
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation("cohorts");
  const format = useFormat();
  const saved = params.get("saved");
  const { cohort } = page;
  const intent = errors.values.intent;
  const mine = (name: string) => (errors.values.intent === name ? errors : { formError: undefined, fieldErrors: {} as Record<string, string> });
  const summary = [
    t("cohort.summary.rhythm", { count: cohort.meetingsPerCycle, every: t("cohort.summary.every", { count: cohort.intervalMonths }), minutes: cohort.meetingMinutes }),
    t("cohort.summary.sizes", { min: cohort.groupSizeMin, max: cohort.groupSizeMax }),
    t("cohort.summary.alumnus", { count: cohort.alumniThreshold }),
    t("cohort.summary.handover", { number: cohort.handoverFromMeeting }),
    cohort.timeZone,
  ];
  return (
    <>
      <p>
        <Link to="/org/cohorts">{t("cohort.allCohorts")}</Link>
      </p>
      <h2>{cohort.name}</h2>
      {saved === "created" ? <Notice>{t("cohort.saved.created")}</Notice> : null}
      {saved === "enrolled" ? <Notice>{t("cohort.saved.enrolled", { count: Number(params.get("n") ?? 0) || 0 })}</Notice> : null}
      {saved === "sponsorship" ? <Notice>{t("cohort.saved.sponsorship")}</Notice> : null}
      <p className="muted">{summary.join(" · ")}</p>
      <p>
        <Trans t={t} i18nKey="cohort.enrolledCount" count={page.enrolled} components={{ strong: <strong /> }} /> ·{" "}
        <Trans t={t} i18nKey="cohort.groupCount" count={page.groups.length} components={{ strong: <strong /> }} /> ·{" "}
        <Link to={`/org/cohorts/${cohort.id}/formation`}>{t("cohort.formWithEngine")}</Link> · <Link to={`/org/cohorts/${cohort.id}/groups`}>{t("cohort.formByHand")}</Link>
      </p>

      <section className="card" aria-labelledby="groups-title">
        <h3 id="groups-title">{t("cohort.groups.heading")}</h3>
        {page.groups.length === 0 ? (
          <p className="muted">{t("cohort.groups.none")}</p>
        ) : (
          <TableScroll label={t("cohort.groups.heading")}>
            <table aria-label={t("cohort.groups.heading")}>
              <thead>
                <tr>
                  <th scope="col">{t("cohort.groups.columns.group")}</th>
                  <th scope="col">{t("cohort.groups.columns.facilitator")}</th>
                  <th scope="col">{t("cohort.groups.columns.members")}</th>
                  <th scope="col">{t("cohort.groups.columns.cycle")}</th>
                  <th scope="col">{t("cohort.groups.columns.held")}</th>
                  <th scope="col">{t("cohort.groups.columns.vote")}</th>
                  {cohort.sponsorshipEndedAt ? <th scope="col">{t("cohort.groups.columns.carryingOn")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {page.groups.map((g) => (
                  <tr key={g.id}>
                    <td>{g.name}</td>
                    <td>{g.facilitator ?? <span className="muted">{t("cohort.groups.noFacilitator")}</span>}</td>
                    <td>{g.members}</td>
                    <td>
                      {g.cycle ? t("cohort.groups.cycle", { number: g.cycle.number, state: t(`cycleStates.${g.cycle.state}`) }) : <span className="muted">{t("cohort.groups.notScheduled")}</span>}
                    </td>
                    <td>{g.cycle ? t("cohort.groups.held", { held: g.cycle.held, planned: g.cycle.planned }) : "—"}</td>
                    <td>{g.vote ? <Figure figure={g.vote}>{(v) => t("cohort.groups.vote", { continue: v.continue, stop: v.stop })}</Figure> : "—"}</td>
                    {cohort.sponsorshipEndedAt ? (
                      <td>
                        {g.conversion ? (
                          g.conversion.status === "open" ? (
                            <>
                              {t("cohort.groups.openUntil", { date: format.date(g.conversion.closesAt, cohort.timeZone) })} ·{" "}
                              <Figure figure={g.conversion.answers}>{(a) => t("cohort.groups.answers", { consent: a.consent, decline: a.decline })}</Figure>
                            </>
                          ) : g.conversion.status === "converted" ? (
                            t("cohort.groups.converted")
                          ) : (
                            t("cohort.groups.didNotCarryOn")
                          )
                        ) : (
                          t("cohort.groups.notOffered")
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
        <h3 id="attendance-title">{t("cohort.attendance.heading")}</h3>
        <p className="muted">{t("cohort.attendance.intro")}</p>
        {(
          [
            ["department", page.attendance.byDepartment],
            ["site", page.attendance.bySite],
          ] as const
        ).map(([by, rows]) => (
          <div key={by}>
            <h4>{t(`cohort.attendance.by.${by}`)}</h4>
            {rows.length === 0 ? (
              <p className="muted">{t("cohort.attendance.none")}</p>
            ) : (
              <ul>
                {rows.map((r) => (
                  <li key={r.name}>
                    {t("cohort.attendance.row", { name: translateNestedMessage(i18n, r.name) })} <Figure figure={r.rate}>{(v) => t("cohort.attendance.rate", { value: v })}</Figure>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>

      <section className="card" aria-labelledby="evaluations-title">
        <h3 id="evaluations-title">{t("cohort.evaluations.heading")}</h3>
        <Figure figure={page.evaluations}>
          {(e) => (
            <>
              <p>
                {[
                  t("cohort.evaluations.answers", { count: e.answers }),
                  t("cohort.evaluations.usefulness", { value: e.usefulness ?? "—" }),
                  t("cohort.evaluations.safety", { value: e.safety ?? "—" }),
                  t("cohort.evaluations.willTry", { value: e.willTryPercent ?? "—" }),
                ].join(" · ")}
              </p>
              {e.comments.length ? (
                <ul aria-label={t("cohort.evaluations.comments")}>
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
        <h3 id="enrol-title">{t("enrol.heading")}</h3>
        <p className="muted">{t("enrol.intro")}</p>
        <Form method="get" className="stack">
          <TextField label={t("enrol.find")} name="q" type="search" defaultValue={query} maxLength={100} />
          <div>
            <button type="submit">{t("enrol.findButton")}</button>
          </div>
        </Form>
        {query ? (
          page.candidates.length ? (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="pick" />
              <FormError message={mine("pick").formError ?? mine("pick").fieldErrors.userIds} />
              <fieldset className="field">
                <legend>{t("enrol.candidates")}</legend>
                {page.candidates.map((p) => (
                  <label key={p.id} className="checkbox">
                    <input type="checkbox" name="userIds" value={p.id} /> {p.name} <span className="muted">{p.email}</span>
                  </label>
                ))}
              </fieldset>
              <div>
                <button type="submit">{t("enrol.pick")}</button>
              </div>
            </Form>
          ) : (
            <p className="muted">{t("enrol.noMatch", { query })}</p>
          )
        ) : null}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="department" />
          <FormError message={mine("department").formError} />
          <SelectField
            label={t("enrol.department")}
            name="departmentId"
            options={[{ value: "", label: t("enrol.chooseDepartment") }, ...page.structure.departments.map((d) => ({ value: d.id, label: d.name }))]}
            defaultValue={intent === "department" ? errors.value("departmentId", "") : ""}
            error={mine("department").fieldErrors.departmentId}
          />
          <div>
            <button type="submit">{t("enrol.enrolDepartment")}</button>
          </div>
        </Form>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="site" />
          <FormError message={mine("site").formError} />
          <SelectField
            label={t("enrol.site")}
            name="siteId"
            options={[{ value: "", label: t("enrol.chooseSite") }, ...page.structure.sites.map((s) => ({ value: s.id, label: s.name }))]}
            defaultValue={intent === "site" ? errors.value("siteId", "") : ""}
            error={mine("site").fieldErrors.siteId}
          />
          <div>
            <button type="submit">{t("enrol.enrolSite")}</button>
          </div>
        </Form>
        <Form method="post" encType="multipart/form-data" className="stack" noValidate>
          <input type="hidden" name="intent" value="csv" />
          <p>
            <Trans t={t} i18nKey="enrol.csv.intro" values={{ columns: format.enumerate(csvColumns), email: "email" }} components={{ code: <code /> }} />
          </p>
          {data?.csvErrors ? <ImportProblems problems={data.csvErrors} label={t("enrol.csv.problems")} /> : null}
          <FormError message={mine("csv").formError ?? mine("csv").fieldErrors.csv} />
          <div className="field">
            <label htmlFor="enrol-file">{t("enrol.csv.file")}</label>
            <input id="enrol-file" type="file" name="file" accept=".csv,text/csv" />
          </div>
          <TextAreaField label={t("enrol.csv.paste")} name="csv" rows={6} defaultValue={intent === "csv" ? errors.value("csv", "") : ""} />
          <div>
            <button type="submit">{t("enrol.csv.submit")}</button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="sponsorship-title">
        <h3 id="sponsorship-title">{t("cohort.sponsorship.heading")}</h3>
        {cohort.sponsorshipEndedAt ? (
          <p>
            {cohort.sponsorshipEndedByName
              ? t("cohort.sponsorship.endedBy", { date: format.date(cohort.sponsorshipEndedAt, cohort.timeZone), name: cohort.sponsorshipEndedByName })
              : t("cohort.sponsorship.ended", { date: format.date(cohort.sponsorshipEndedAt, cohort.timeZone) })}
          </p>
        ) : (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="end-sponsorship" />
            <p>{t("cohort.sponsorship.explain")}</p>
            <FormError message={mine("end-sponsorship").formError ?? mine("end-sponsorship").fieldErrors.confirm} />
            <label className="checkbox">
              <input type="checkbox" name="confirm" /> {t("cohort.sponsorship.confirm", { name: cohort.name })}
            </label>
            <div>
              <button type="submit">{t("cohort.sponsorship.end")}</button>
            </div>
          </Form>
        )}
      </section>
    </>
  );
}
