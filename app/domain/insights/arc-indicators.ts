// ARC indicators per row of people (a cohort or a department), from facts
// the read model gathers (arc-indicators.server.ts). Each is a share or a
// rate, and each is withheld below the insights floor of the people it is
// computed from. The definitions are in docs/insights.md ("ARC indicators").
// Pure: facts in, floored figures out.
import { floored, INSIGHTS_PRIVACY_FLOOR, type Floored } from "../privacy/privacy-floor";
import type { MergedRow } from "./merge-small-groups";
import { spreadsheetText, toCsvLine } from "../orgs/parse-csv";

export type PersonFacts = {
  departmentId: string | null;
  siteId: string | null;
  alumnus: boolean;
  /** When they were first enrolled in a cohort: the programme begins for them there. Null: never enrolled. */
  programmeStart: Date | null;
  /** Proposed, co-authored (or led) or reviewed a module. */
  shapedModule: boolean;
  /** Hosted a programme meeting as a member of the group (not as its facilitator). */
  hostedMeeting: boolean;
  /** Recorded an action or take-away and, asked "did you try it?", answered that they tried it. */
  followedUpAction: boolean;
  diagnosticsDue: number;
  diagnosticsAnswered: number;
  attendedReunion: boolean;
  attendedOpenSpace: boolean;
  sessionsProposed: number;
};

export type TieFact = { a: string; b: string; since: Date };

export type ArcRow = {
  id: string;
  name: string;
  mergedRows: number;
  people: number;
  agency: Floored<number>;
  diagnosticsCompleted: Floored<number>;
  reunionAttendance: Floored<number>;
  openSpaceAttendance: Floored<number>;
  sessionsProposedPerPerson: Floored<number>;
  newTiesPerPerson: Floored<number>;
  crossDepartmentShare: Floored<number>;
  crossSiteShare: Floored<number>;
};

const F = INSIGHTS_PRIVACY_FLOOR;
const share = (part: number, whole: number) => (whole ? part / whole : 0);

/** Each person's ties, both ways. */
export function tiesByPerson(ties: readonly TieFact[]): Map<string, { other: string; since: Date }[]> {
  const out = new Map<string, { other: string; since: Date }[]>();
  const add = (p: string, other: string, since: Date) => out.set(p, [...(out.get(p) ?? []), { other, since }]);
  for (const t of ties) {
    add(t.a, t.b, t.since);
    add(t.b, t.a, t.since);
  }
  return out;
}

export function arcIndicatorRows(rows: readonly MergedRow[], facts: ReadonlyMap<string, PersonFacts>, ties: readonly TieFact[]): ArcRow[] {
  const tiesOf = tiesByPerson(ties);
  return rows.map((row) => {
    const people = row.memberIds.map((id) => [id, facts.get(id)] as const).filter((p): p is readonly [string, PersonFacts] => !!p[1]);
    const alumni = people.filter(([, f]) => f.alumnus);
    const due = people.filter(([, f]) => f.diagnosticsDue > 0);
    const started = people.filter(([, f]) => f.programmeStart !== null);
    // Ties from a row's people: each end in the row counts once for that person.
    let tieEnds = 0;
    let crossDepartment = 0;
    let crossSite = 0;
    const tiePeople = new Set<string>();
    for (const [id, f] of people) {
      for (const t of tiesOf.get(id) ?? []) {
        const other = facts.get(t.other);
        tieEnds++;
        tiePeople.add(id).add(t.other);
        if (f.departmentId && other?.departmentId && f.departmentId !== other.departmentId) crossDepartment++;
        if (f.siteId && other?.siteId && f.siteId !== other.siteId) crossSite++;
      }
    }
    const newTies = started.reduce((s, [id, f]) => s + (tiesOf.get(id) ?? []).filter((t) => t.since >= f.programmeStart!).length, 0);
    return {
      id: row.id,
      name: row.name,
      mergedRows: row.mergedRows,
      people: people.length,
      agency: floored(alumni.length, () => share(alumni.filter(([, f]) => f.shapedModule || f.hostedMeeting || f.followedUpAction).length, alumni.length), F),
      diagnosticsCompleted: floored(due.length, () => share(due.reduce((s, [, f]) => s + Math.min(f.diagnosticsAnswered, f.diagnosticsDue), 0), due.reduce((s, [, f]) => s + f.diagnosticsDue, 0)), F),
      reunionAttendance: floored(people.length, () => share(people.filter(([, f]) => f.attendedReunion).length, people.length), F),
      openSpaceAttendance: floored(people.length, () => share(people.filter(([, f]) => f.attendedOpenSpace).length, people.length), F),
      sessionsProposedPerPerson: floored(people.length, () => share(people.reduce((s, [, f]) => s + f.sessionsProposed, 0), people.length), F),
      newTiesPerPerson: floored(started.length, () => share(newTies, started.length), F),
      crossDepartmentShare: floored(tiePeople.size, () => share(crossDepartment, tieEnds), F),
      crossSiteShare: floored(tiePeople.size, () => share(crossSite, tieEnds), F),
    };
  });
}

export type MatrixUnit = { id: string; name: string };
export type TieMatrix = { units: MatrixUnit[]; before: Floored<number>[][]; after: Floored<number>[][] };

/**
 * Ties between departments, before and after the programme, among ties that
 * touch `scope` (a cohort's people). A tie is "before" when it dates from
 * before the programme began for the earliest-starting of its people in
 * scope; "after" is every tie now. A cell counts ties; it is withheld when
 * fewer than the floor of distinct people stand behind it.
 */
export function departmentTieMatrix(units: readonly MatrixUnit[], scope: ReadonlySet<string>, facts: ReadonlyMap<string, PersonFacts>, ties: readonly TieFact[], noUnitId: string): TieMatrix {
  const index = new Map(units.map((u, i) => [u.id, i]));
  const blank = () => units.map(() => units.map(() => ({ ties: 0, people: new Set<string>() })));
  const before = blank();
  const after = blank();
  for (const t of ties) {
    const inScope = [t.a, t.b].filter((p) => scope.has(p));
    if (!inScope.length) continue;
    const i = index.get(facts.get(t.a)?.departmentId ?? noUnitId);
    const j = index.get(facts.get(t.b)?.departmentId ?? noUnitId);
    if (i === undefined || j === undefined) continue;
    const starts = inScope.map((p) => facts.get(p)?.programmeStart).filter((d): d is Date => !!d);
    const start = starts.length ? new Date(Math.min(...starts.map((d) => d.getTime()))) : null;
    const cells = start === null || t.since < start ? [before, after] : [after];
    for (const m of cells) {
      for (const [x, y] of i === j ? [[i, j]] : [[i, j], [j, i]]) {
        m[x!]![y!]!.ties++;
        m[x!]![y!]!.people.add(t.a).add(t.b);
      }
    }
  }
  const floor = (m: ReturnType<typeof blank>) => m.map((r) => r.map((c) => floored(c.people.size, () => c.ties, F)));
  return { units: [...units], before: floor(before), after: floor(after) };
}

/** Exactly what the heat maps show, one line per cell: a withheld cell has an empty count. */
export function tieMatrixCsv(matrix: TieMatrix): string {
  // A name starting like a formula is kept as text by spreadsheets.
  const quote = (raw: string) => toCsvLine([spreadsheetText(raw)]);
  const lines = ["period,department,other_department,ties"];
  for (const [period, cells] of [["before", matrix.before], ["after", matrix.after]] as const) {
    matrix.units.forEach((a, i) =>
      matrix.units.forEach((b, j) => {
        const c = cells[i]![j]!;
        lines.push([period, quote(a.name), quote(b.name), c.shown ? String(c.value) : ""].join(","));
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}
