// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF. Each
// record keeps the line it started on, so errors can point at it. The error
// is a message (message.ts), translated where it is shown.
import { message } from "../i18n/message";
export type CsvRecord = { line: number; fields: string[] };

export function parseCsv(text: string): { records: CsvRecord[]; error: string | null } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  const src = text.replace(/^\uFEFF/, "");

  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]!.trim() === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };

  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') {
      inQuotes = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (inQuotes) return { records, error: message("org:import.csv.unclosedQuote", { line: recordLine }) };
  if (field !== "" || fields.length > 0) endRecord();
  return { records, error: null };
}

/**
 * A text cell a spreadsheet would read as a formula (OWASP's CSV injection:
 * a leading =, +, -, @, tab or carriage return; and their full-width forms,
 * which Japanese spreadsheet software may take as the same) gets a leading
 * quote mark, so it opens as the text it is. Every CSV download writes its
 * text cells through this.
 */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r＝＋－＠]/.test(value) ? `'${value}` : value;
}

/** Writes fields back as one CSV line, quoting where needed. */
export function toCsvLine(fields: string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",");
}
