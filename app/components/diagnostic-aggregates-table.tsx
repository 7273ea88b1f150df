// The self-assessments in aggregate: one table per moment, a row per cohort,
// department or everyone, each dimension's mean with its 95% t interval.
import { ARC_DIMENSION_LABELS, ARC_DIMENSIONS, type ArcDimension } from "~/domain/diagnostics/arc-self-assessment";
import { MOMENT_LABELS, type DiagnosticMoment } from "~/domain/diagnostics/diagnostic-moments";
import { TableScroll } from "./table-scroll";

type Figure = { mean: number; low: number; high: number };
type Moment = { moment: DiagnosticMoment; rows: { id: string; name: string; respondents: number; dimensions: Record<ArcDimension, Figure> }[] };

const oneDecimal = (v: number) => v.toFixed(1);

export function DiagnosticAggregatesTables({ moments, rowHeading }: { moments: Moment[]; rowHeading: string }) {
  return (
    <>
      {moments.map((m) => (
        <TableScroll label={MOMENT_LABELS[m.moment]} key={m.moment}>
          <table>
            <caption>{MOMENT_LABELS[m.moment]}: mean score from 1 to 5, with its 95% interval</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeading}</th>
                <th scope="col">People who answered</th>
                {ARC_DIMENSIONS.map((d) => (
                  <th scope="col" key={d}>
                    {ARC_DIMENSION_LABELS[d]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.name}</th>
                  <td>{r.respondents}</td>
                  {ARC_DIMENSIONS.map((d) => (
                    <td key={d}>
                      {oneDecimal(r.dimensions[d].mean)} <span className="muted">({oneDecimal(r.dimensions[d].low)}–{oneDecimal(r.dimensions[d].high)})</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ))}
    </>
  );
}
