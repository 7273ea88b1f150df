// The self-assessments in aggregate: one table per moment, a row per cohort,
// department or everyone, each dimension's mean with its 95% t interval.
// Row names arrive in the page's language (the loaders name the rows
// insights makes up itself).
import { useTranslation } from "react-i18next";
import { ARC_DIMENSIONS, type ArcDimension } from "~/domain/diagnostics/arc-self-assessment";
import type { DiagnosticMoment } from "~/domain/diagnostics/diagnostic-moments";
import { TableScroll } from "./table-scroll";

type Figure = { mean: number; low: number; high: number };
type Moment = { moment: DiagnosticMoment; rows: { id: string; name: string; respondents: number; dimensions: Record<ArcDimension, Figure> }[] };

const oneDecimal = (v: number) => v.toFixed(1);

export function DiagnosticAggregatesTables({ moments, rowHeading }: { moments: Moment[]; rowHeading: string }) {
  const { t } = useTranslation("insights");
  return (
    <>
      {moments.map((m) => (
        <TableScroll label={t(`diagnostics.moments.${m.moment}`)} key={m.moment}>
          <table>
            <caption>{t("diagnostics.caption", { moment: t(`diagnostics.moments.${m.moment}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeading}</th>
                <th scope="col">{t("diagnostics.respondents")}</th>
                {ARC_DIMENSIONS.map((d) => (
                  <th scope="col" key={d}>
                    {t(`diagnostics.dimensions.${d}`)}
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
