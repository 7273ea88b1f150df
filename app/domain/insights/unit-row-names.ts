// The rows insights makes up itself, named in the page's language: people
// with no unit of a level ("none"), the merged rows below the privacy floor
// ("other") and everyone together ("everyone"). Their ids are fixed by the
// read models; every other row keeps its own name.
import { INSIGHTS_PRIVACY_FLOOR } from "../privacy/privacy-floor";
import { wordsIn, type Words } from "./analysis-words";

/** What the rows are: units of an insights level, or the cohorts or departments of ARC and self-assessments (whose merged row names them). */
export type RowKind = "department" | "site" | "store" | "cohorts" | "departments";

export function unitRowName(id: string, name: string, kind: RowKind, w: Words = wordsIn()): string {
  if (id === "none") return w.t(kind === "site" ? "rows.noSite" : "rows.noDepartment");
  if (id === "everyone") return w.t("rows.everyone");
  if (id === "other") return w.t(kind === "cohorts" ? "rows.otherCohorts" : kind === "departments" ? "rows.otherDepartments" : "rows.otherUnits", { floor: INSIGHTS_PRIVACY_FLOOR });
  return name;
}
