// The export's format, one for a person and for an organisation: a zip with
// one JSON file per table (an array of rows, the database's column names)
// and a README.txt that says what each file holds. Pure: rows in, bytes out.
import { strToU8, zipSync } from "fflate";

export type ExportFile = { name: string; about: string; rows: Record<string, unknown>[] };

export type ExportHeading = { title: string; preparedFor: string; preparedAt: Date };

/** JSON that keeps what the database holds readable: times as ISO 8601 in UTC, bytes as base64. */
export function toJson(rows: Record<string, unknown>[]) {
  // Bytes are converted before stringify: a Buffer (postgres-js) has a toJSON that would win over a replacer.
  const readable = (value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") : typeof value === "bigint" ? value.toString() : value;
  return JSON.stringify(
    rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, readable(value)]))),
    null,
    2,
  );
}

const rowsLabel = (n: number) => (n === 1 ? "1 row" : `${n} rows`);

export function readme(heading: ExportHeading, files: ExportFile[]) {
  const width = Math.max(...files.map((f) => f.name.length));
  return [
    heading.title,
    "=".repeat(heading.title.length),
    "",
    `Prepared ${heading.preparedAt.toISOString().replace("T", " ").slice(0, 16)} UTC for ${heading.preparedFor}.`,
    "",
    "Each .json file below holds rows of one kind, as a list of objects with the",
    "database's own column names. Times are in UTC (ISO 8601). An empty list means",
    "Roundtable holds nothing of that kind. Passwords and sign-in tokens are never",
    "included; ids are the same across files, so rows can be matched up.",
    "",
    "Files",
    "-----",
    ...files.map((f) => `${f.name.padEnd(width)}  ${rowsLabel(f.rows.length).padStart(10)}  ${f.about}`),
    "",
  ].join("\n");
}

/** The zip's bytes. Fixed file times, so the same data gives the same zip. */
export function zipExport(heading: ExportHeading, files: ExportFile[]): Uint8Array {
  const mtime = heading.preparedAt;
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = { "README.txt": [strToU8(readme(heading, files)), { mtime }] };
  for (const file of files) entries[file.name] = [strToU8(toJson(file.rows)), { mtime }];
  return zipSync(entries, { level: 6 });
}
