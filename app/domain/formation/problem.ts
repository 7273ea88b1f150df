// The formation problem as plain data: who is placed, into which groups of
// what sizes, how diverse each pair is, and the hard rules. The engine reads
// only this; the product (cohorts, users) and the CLI (MDGPLIB files) each
// build one.

export type GroupBounds = { min: number; max: number };

/** What a person is, for diversity and for the rules. Missing is unknown, never an error. */
export type PersonAttributes = {
  name?: string;
  department?: string | null;
  site?: string | null;
  level?: string | null;
  /** Time zone or availability band: people share a group only if theirs match. */
  band?: string | null;
};

export type DiversityWeights = { department?: number; site?: number; level?: number; notMetBefore?: number };

export type DiversitySource =
  /** n×n row-major, symmetric; for benchmark instances and small cohorts. */
  | { kind: "dense"; values: Float64Array }
  /** Only the non-zero pairs (i ≠ j, each pair once); everything else is 0. */
  | { kind: "sparse"; pairs: ReadonlyArray<readonly [number, number, number]> }
  /** Computed on the fly from the people's attributes: no n×n matrix at any size. */
  | {
      kind: "attributes";
      weights: DiversityWeights;
      metBefore?: ReadonlyArray<readonly [number, number]>;
      /** Soft wishes added to a pair's diversity: + to meet, − for "rather not" (each pair once). */
      adjust?: ReadonlyArray<readonly [number, number, number]>;
    };

export type FormationRules = {
  /** Pairs who must not share a group (a manager and their report; "rather not"). */
  neverTogether?: ReadonlyArray<readonly [number, number]>;
  /** Sets who must share a group. */
  alwaysTogether?: ReadonlyArray<readonly number[]>;
  /** At most this many people of one department in a group. */
  maxPerDepartment?: number;
  /** Person → group index they are locked to. */
  pins?: ReadonlyArray<readonly [number, number]>;
};

export type FormationProblem = {
  n: number;
  groups: readonly GroupBounds[];
  diversity: DiversitySource;
  /** Attributes by person index (department for the cap, band for availability, names for messages). */
  people?: readonly PersonAttributes[];
  rules?: FormationRules;
};

/** Why a problem has no plan: the rule and the people it concerns. */
export type Infeasibility = {
  rule: "people" | "sizes" | "always-together" | "never-together" | "department-cap" | "bands" | "pins" | "placement";
  people: number[];
  message: string;
};

export type FormationProgress = { value: number; elapsedMs: number; iterations: number };

export type SolveOptions = {
  seed?: number;
  /** Wall-clock budget for the search. */
  timeLimitMs?: number;
  onProgress?: (progress: FormationProgress) => void;
  /** Stop early once this value is reached (tests and the exact check). */
  target?: number;
};

export type FormationSolution =
  | { ok: true; assignment: Int32Array; value: number; exact: boolean; iterations: number; elapsedMs: number }
  | { ok: false; problems: Infeasibility[] };

export function personName(problem: FormationProblem, i: number): string {
  return problem.people?.[i]?.name ?? `person ${i}`;
}
