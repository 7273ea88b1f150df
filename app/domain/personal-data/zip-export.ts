// The export's format, one for a person and for an organisation: a zip with
// one JSON file per table (an array of rows, the database's column names)
// and a README.txt that says what each file holds, in the language of the
// one who asked (app/locales/<language>/privacy.json). Pure: rows in, bytes out.
import { strToU8, zipSync } from "fflate";
import type { Language } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";

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

/** Columns a line takes in a monospaced font: Japanese characters take two. */
const columns = (text: string) => [...text].reduce((n, c) => n + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);

export function readme(heading: ExportHeading, files: ExportFile[], language: Language = "en") {
  const t = translatorFor(language, "privacy");
  const width = Math.max(...files.map((f) => f.name.length));
  const filesHeading = t("export.readme.files");
  const rows = (n: number) => t("export.readme.rows", { count: n });
  const rowsWidth = Math.max(10, ...files.map((f) => columns(rows(f.rows.length))));
  return [
    heading.title,
    "=".repeat(columns(heading.title)),
    "",
    t("export.readme.prepared", { at: heading.preparedAt.toISOString().replace("T", " ").slice(0, 16), recipient: heading.preparedFor }),
    "",
    t("export.readme.howToRead"),
    "",
    filesHeading,
    "-".repeat(columns(filesHeading)),
    ...files.map((f) => `${f.name.padEnd(width)}  ${" ".repeat(rowsWidth - columns(rows(f.rows.length)))}${rows(f.rows.length)}  ${f.about}`),
    "",
  ].join("\n");
}

/** The zip's bytes. Fixed file times, so the same data gives the same zip. */
export function zipExport(heading: ExportHeading, files: ExportFile[], language: Language = "en"): Uint8Array {
  const mtime = heading.preparedAt;
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = { "README.txt": [strToU8(readme(heading, files, language)), { mtime }] };
  for (const file of files) entries[file.name] = [strToU8(toJson(file.rows)), { mtime }];
  return zipSync(entries, { level: 6 });
}
