// The row-by-row report of a CSV import: each line that was not imported and
// why, in the reader's language (each problem is a message, nested-message.ts).
// Shared by every import page.
import { useTranslation } from "react-i18next";
import { translateNestedMessage } from "~/domain/i18n/nested-message";

export function ImportProblems({ problems, label }: { problems: { line: number; message: string }[]; label?: string }) {
  const { t, i18n } = useTranslation("org");
  if (!problems.length) return null;
  return (
    <div className="table-wrap" role="alert">
      <table aria-label={label ?? t("import.problems.label")}>
        <thead>
          <tr>
            <th scope="col">{t("import.problems.line")}</th>
            <th scope="col">{t("import.problems.problem")}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((e) => (
            <tr key={`${e.line}-${e.message}`}>
              <td>{e.line}</td>
              <td>{translateNestedMessage(i18n, e.message)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
