// The rows insights makes up itself, named in the page's language: people
// with no unit of a level ("none"), the merged rows below the privacy floor
// ("other") and everyone together ("everyone"). Their ids are fixed by the
// read models, which name them with messages, never with words; every other
// row keeps its own name.
import { readMessage } from "../i18n/message";
import { CATALOGUE_KEY } from "../i18n/namespaces";
import { INSIGHTS_PRIVACY_FLOOR } from "../privacy/privacy-floor";
import { wordsIn, type Words } from "./analysis-words";

/** What the rows are: units of an insights level, or the cohorts or departments of ARC and self-assessments (whose merged row names them). */
export type RowKind = "department" | "site" | "store" | "cohorts" | "departments";

export function unitRowName(id: string, name: string, kind: RowKind, w: Words = wordsIn()): string {
  if (id === "none") return w.t(kind === "site" ? "rows.noSite" : "rows.noDepartment");
  if (id === "everyone") return w.t("rows.everyone");
  if (id === "other") return w.t(kind === "cohorts" ? "rows.otherCohorts" : kind === "departments" ? "rows.otherDepartments" : "rows.otherUnits", { floor: INSIGHTS_PRIVACY_FLOOR });
  return rowName(name, w);
}

/** A row's name where only the name travels (a list of units): a made-up row's message in the page's language, any other name as it is. */
export function rowName(name: string, w: Words = wordsIn()): string {
  const { key, values } = readMessage(name);
  return CATALOGUE_KEY.test(key) ? w.t(key, values) : name;
}
