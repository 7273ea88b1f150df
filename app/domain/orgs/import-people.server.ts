// Imports people from a CSV file as invitations. Invalid rows are reported by
// line; valid rows are imported. Missing departments and sites are created.
// Each problem is a message (i18n/nested-message.ts) with the row's values,
// shown in the reader's language by the import page.
import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../../db/database";
import { users } from "../../../db/schema";
import { emailField, jobTitleField, nameField } from "../accounts/account-fields";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canAdministerOrg, canAssignRole, type Actor } from "../policy";
import { ROLES, type Role } from "../roles";
import { LANGUAGES } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";
import { inviteMember } from "./invitations.server";
import { ensureOrgUnits } from "./org-structure.server";
import { parseCsv, toCsvLine } from "./parse-csv";
import { message } from "../i18n/message";
import { nestedMessage } from "../i18n/nested-message";

export const CSV_COLUMNS = ["email", "name", "job_title", "department", "site", "roles"] as const;
export const MAX_IMPORT_ROWS = 2000;

export type ImportReport = {
  imported: number;
  errors: { line: number; message: string }[];
  /** The header plus every rejected row, so the admin can fix and resend them. */
  rejectedCsv: string;
  createdDepartments: string[];
  createdSites: string[];
};

// A role is written by its code (alumnus) or by its name in either language (Alumnus, 修了生).
const ROLE_BY_NAME = new Map<string, Role>(
  ROLES.flatMap((role) => [role, ...LANGUAGES.map((language) => translatorFor(language)(`roles.${role}`))].map((name) => [roleKey(name), role] as const)),
);
function roleKey(name: string) {
  return name.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

const rowSchema = z.object({
  email: emailField,
  name: nameField,
  job_title: jobTitleField,
  department: z.string().trim().max(120, message("org:import.errors.departmentTooLong", { max: 120 })),
  site: z.string().trim().max(120, message("org:import.errors.siteTooLong", { max: 120 })),
  roles: z.string().trim(),
});

export async function importPeopleCsv(
  db: Database,
  actor: Actor & { name: string },
  publicOrigin: string,
  orgId: string,
  csvText: string,
): Promise<ImportReport> {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const { records, error } = parseCsv(csvText);
  if (error) throw new InputError({ file: error });
  const [header, ...rows] = records;
  if (!header) throw new InputError({ file: "org:import.errors.empty" });
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const missing = ["email", "name"].filter((c) => !columns.includes(c));
  if (missing.length) {
    const columns = CSV_COLUMNS.join(",");
    throw new InputError({
      file: missing.length > 1 ? message("org:import.errors.bothColumnsMissing", { columns }) : message("org:import.errors.columnMissing", { column: missing[0]!, columns }),
    });
  }
  if (rows.length > MAX_IMPORT_ROWS) throw new InputError({ file: message("org:import.errors.tooMany", { max: MAX_IMPORT_ROWS, count: rows.length }) });

  const errors: ImportReport["errors"] = [];
  const valid: { line: number; email: string; name: string; jobTitle: string; department: string; site: string; roles: Role[] }[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const raw = Object.fromEntries(CSV_COLUMNS.map((c) => [c, columns.includes(c) ? (row.fields[columns.indexOf(c)] ?? "") : ""]));
    if (row.fields.length > columns.length) {
      errors.push({ line: row.line, message: message("cohorts:csvRows.tooManyValues", { values: row.fields.length, columns: columns.length }) });
      continue;
    }
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      errors.push({ line: row.line, message: nestedMessage("org:import.rows.field", { field: String(issue.path[0]), problem: issue.message }) });
      continue;
    }
    const written = parsed.data.roles ? parsed.data.roles.split(/[;|]/).map((r) => r.trim()).filter(Boolean) : ["participant"];
    const unknown = written.find((r) => !ROLE_BY_NAME.has(roleKey(r)));
    if (unknown) {
      errors.push({ line: row.line, message: message("org:import.rows.unknownRole", { role: unknown, roles: ROLES.join(", ") }) });
      continue;
    }
    const roles = [...new Set(written.map((r) => ROLE_BY_NAME.get(roleKey(r))!))];
    const notAllowed = roles.find((r) => !canAssignRole(actor, orgId, r));
    if (notAllowed) {
      errors.push({ line: row.line, message: nestedMessage("org:import.rows.cannotGrant", { role: `common:roles.${notAllowed}` }) });
      continue;
    }
    if (seen.has(parsed.data.email)) {
      errors.push({ line: row.line, message: message("org:import.rows.emailRepeated", { email: parsed.data.email }) });
      continue;
    }
    seen.add(parsed.data.email);
    valid.push({ line: row.line, ...parsed.data, jobTitle: parsed.data.job_title, roles });
  }

  const existing = valid.length
    ? new Set((await db.select({ email: users.email }).from(users).where(inArray(users.email, valid.map((v) => v.email)))).map((u) => u.email))
    : new Set<string>();
  const toImport = valid.filter((v) => {
    if (!existing.has(v.email)) return true;
    errors.push({ line: v.line, message: message("org:import.rows.hasAccount", { email: v.email }) });
    return false;
  });

  const report = await db.transaction(async (tx) => {
    const deps = await ensureOrgUnits(tx, orgId, "department", toImport.map((v) => v.department).filter(Boolean));
    const sitesFound = await ensureOrgUnits(tx, orgId, "site", toImport.map((v) => v.site).filter(Boolean));
    for (const v of toImport) {
      await inviteMember(tx, actor, publicOrigin, orgId, {
        email: v.email,
        name: v.name,
        jobTitle: v.jobTitle,
        departmentId: v.department ? deps.ids.get(v.department.toLowerCase()) : null,
        siteId: v.site ? sitesFound.ids.get(v.site.toLowerCase()) : null,
        roles: v.roles,
      });
    }
    return { imported: toImport.length, createdDepartments: deps.created, createdSites: sitesFound.created };
  });
  errors.sort((a, b) => a.line - b.line);
  const rejectedLines = new Set(errors.map((e) => e.line));
  const rejected = rows.filter((r) => rejectedLines.has(r.line)).map((r) => toCsvLine(r.fields));
  return { ...report, errors, rejectedCsv: rejected.length ? [toCsvLine(header.fields), ...rejected].join("\n") : "" };
}
