// The row-by-row report of a CSV import: each line that was not imported and
// why, in words. Shared by every import page.
export function ImportProblems({ problems, label = "Rows that were not imported" }: { problems: { line: number; message: string }[]; label?: string }) {
  if (!problems.length) return null;
  return (
    <div className="table-wrap" role="alert">
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((e) => (
            <tr key={`${e.line}-${e.message}`}>
              <td>{e.line}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
