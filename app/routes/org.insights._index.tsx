import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SelectField, TextField } from "~/components/form-fields";
import { densityChartSvg } from "~/domain/insights/density-chart.server";
import { loadDensityReport } from "~/domain/insights/density.server";
import { UNIT_LEVELS } from "~/domain/insights/import-kinds";
import { DEFAULT_ACTIVE_WINDOW_MONTHS, MAX_ACTIVE_WINDOW_MONTHS } from "~/domain/insights/participation-density";
import { addMonths, parsePeriod, periodLabel, periodOf } from "~/domain/insights/period";
import { INSIGHTS_PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { readSearchParams } from "~/forms/read-search-params.server";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Insights · Roundtable" }];

const MAX_MONTHS = 36;
const month = z
  .string()
  .optional()
  .transform((v) => (v ? parsePeriod(v) : null));
// The page's filters; anything unreadable falls back to the default rather than failing the page.
const filtersSchema = z.object({
  level: z.enum(UNIT_LEVELS).catch("department"),
  from: month.catch(null),
  to: month.catch(null),
  window: z.coerce.number().int().min(1).max(MAX_ACTIVE_WINDOW_MONTHS).catch(DEFAULT_ACTIVE_WINDOW_MONTHS),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const params = readSearchParams(request);
  const f = filtersSchema.parse({ level: params.get("level") ?? undefined, from: params.get("from") ?? undefined, to: params.get("to") ?? undefined, window: params.get("window") ?? undefined });
  const thisMonth = periodOf(new Date());
  const to = f.to && f.to <= thisMonth ? f.to : thisMonth;
  let from = f.from && f.from <= to ? f.from : addMonths(to, -11);
  if (from < addMonths(to, -(MAX_MONTHS - 1))) from = addMonths(to, -(MAX_MONTHS - 1));
  const report = await loadDensityReport(context.services.db, user, user.orgId, { level: f.level, from, to, windowMonths: f.window });
  const labels = report.months.map(periodLabel);
  const chart = (pick: "activeShare" | "completedShare") =>
    densityChartSvg(
      labels,
      report.rows.map((r) => ({ name: r.name, values: report.months.map((m) => r.cells.find((c) => c.month === m)?.figure.value?.[pick] ?? null) })),
    );
  return json({
    filters: { level: f.level, from: from.slice(0, 7), to: to.slice(0, 7), window: f.window },
    report,
    labels,
    charts: report.rows.length ? { active: Buffer.from(chart("activeShare")).toString("base64"), completed: Buffer.from(chart("completedShare")).toString("base64") } : null,
  });
}

const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;
const LEVEL_WORDS = { department: "department", site: "site", store: "store" } as const;

export default function Insights() {
  const { filters, report, labels, charts } = useLoaderData<typeof loader>();
  return (
    <>
      <h2>Participation density</h2>
      <p>
        For each {LEVEL_WORDS[filters.level]} and month: the share of its headcount <strong>active</strong> in the programme (present at a programme meeting in the last{" "}
        {filters.window} {filters.window === 1 ? "month" : "months"}, that month included) and the share who had <strong>completed</strong> a cycle by then. How it is
        worked out is in the insights documentation; figures come in on <a href="/org/insights/data">Insights data</a>.
      </p>
      <Form method="get" className="stack">
        <SelectField
          label="Unit level"
          name="level"
          defaultValue={filters.level}
          options={[
            { value: "department", label: "Departments" },
            { value: "site", label: "Sites" },
            { value: "store", label: "Stores" },
          ]}
        />
        <TextField label="From month" name="from" type="month" defaultValue={filters.from} />
        <TextField label="To month" name="to" type="month" defaultValue={filters.to} />
        <TextField label="Active means present in the last … months" name="window" type="number" min={1} max={12} defaultValue={String(filters.window)} />
        <div>
          <button type="submit">Show</button>
        </div>
      </Form>
      <p>
        No figure is shown from fewer than {INSIGHTS_PRIVACY_FLOOR} people. A unit below that is merged into “Other units” for that month (with the smallest other units
        when the small ones together are still fewer than {INSIGHTS_PRIVACY_FLOOR}, so no one can be worked out by comparing views); when a whole level has fewer than{" "}
        {INSIGHTS_PRIVACY_FLOOR} people, its month is not shown.
      </p>
      {report.usesRoundtableHeadcount ? (
        <p>
          Where no headcount was imported, the headcount is the people in Roundtable placed in the unit today, and everyone is counted in the unit they are in today:
          Roundtable keeps no history of who was in which unit.
        </p>
      ) : null}
      {filters.level === "store" ? <p>Roundtable does not know who works in which store, so participation per store cannot be counted; stores hold imported figures.</p> : null}
      {report.hiddenMonths.length ? <p>Not shown, fewer than {INSIGHTS_PRIVACY_FLOOR} people in all: {report.hiddenMonths.map(periodLabel).join(", ")}.</p> : null}
      {report.rows.length && charts ? (
        <>
          <figure>
            <img
              src={`data:image/svg+xml;base64,${charts.active}`}
              alt={`Line chart of the active share per ${LEVEL_WORDS[filters.level]} from ${labels[0]} to ${labels.at(-1)}; the numbers are in the table below.`}
              width={720}
              height={320}
            />
            <figcaption>Active share over time</figcaption>
          </figure>
          <figure>
            <img
              src={`data:image/svg+xml;base64,${charts.completed}`}
              alt={`Line chart of the completed share per ${LEVEL_WORDS[filters.level]} from ${labels[0]} to ${labels.at(-1)}; the numbers are in the table below.`}
              width={720}
              height={320}
            />
            <figcaption>Completed share over time</figcaption>
          </figure>
          <div className="table-wrap">
            <table aria-label="Participation density">
              <thead>
                <tr>
                  <th scope="col">Unit</th>
                  {labels.map((l) => (
                    <th scope="col" key={l}>
                      {l}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.unitId}>
                    <th scope="row">{r.name}</th>
                    {report.months.map((m) => {
                      const cell = r.cells.find((c) => c.month === m);
                      return (
                        <td key={m}>
                          {cell?.figure.shown ? `active ${percent(cell.figure.value.activeShare)} · completed ${percent(cell.figure.value.completedShare)} · of ${cell.figure.value.headcount}` : "–"}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>There is nothing to show for these filters yet.</p>
      )}
    </>
  );
}
