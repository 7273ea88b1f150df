// The ARC self-assessment: ten statements, written for Roundtable, on the
// three capacities the programme grows (agency, responsiveness,
// connectivity), each answered from 1 (not at all like me) to 5 (very much
// like me). Plain data (the words are in the programme catalogue) so the browser bundle and the seed can use it too.
// Changing a statement's meaning means a new INSTRUMENT, so old answers are
// never averaged with answers to different words.
export const ARC_INSTRUMENT = "arc-2026-1";

export const ARC_DIMENSIONS = ["agency", "responsiveness", "connectivity"] as const;
export type ArcDimension = (typeof ARC_DIMENSIONS)[number];

/** A statement's words are in the catalogues: programme:diagnostics.statements.<id>. */
export type ArcStatement = { id: string; dimension: ArcDimension };

export const ARC_STATEMENTS: readonly ArcStatement[] = [
  { id: "a1", dimension: "agency" },
  { id: "a2", dimension: "agency" },
  { id: "a3", dimension: "agency" },
  { id: "a4", dimension: "agency" },
  { id: "r1", dimension: "responsiveness" },
  { id: "r2", dimension: "responsiveness" },
  { id: "r3", dimension: "responsiveness" },
  { id: "c1", dimension: "connectivity" },
  { id: "c2", dimension: "connectivity" },
  { id: "c3", dimension: "connectivity" },
];

/** The statements the next-step rules read on their own (next-steps.ts). */
export const TOPIC_IN_MIND = "a4";
export const WISH_TO_GROW = "r3";

export type ArcAnswers = Record<string, number>;
export type ArcScores = Record<ArcDimension, number>;

/** The mean of a dimension's statements; all ten must be answered (the form requires them). */
export function arcScores(answers: ArcAnswers): ArcScores {
  const out = {} as ArcScores;
  for (const dimension of ARC_DIMENSIONS) {
    const values = ARC_STATEMENTS.filter((s) => s.dimension === dimension).map((s) => answers[s.id]!);
    out[dimension] = values.reduce((a, b) => a + b, 0) / values.length;
  }
  return out;
}
