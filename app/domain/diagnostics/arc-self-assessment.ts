// The ARC self-assessment: ten statements, written for Roundtable, on the
// three capacities the programme grows (agency, responsiveness,
// connectivity), each answered from 1 (not at all like me) to 5 (very much
// like me). Plain data so the browser bundle and the seed can use it too.
// Changing a statement's meaning means a new INSTRUMENT, so old answers are
// never averaged with answers to different words.
export const ARC_INSTRUMENT = "arc-2026-1";

export const ARC_DIMENSIONS = ["agency", "responsiveness", "connectivity"] as const;
export type ArcDimension = (typeof ARC_DIMENSIONS)[number];

export const ARC_DIMENSION_LABELS: Record<ArcDimension, string> = {
  agency: "Agency",
  responsiveness: "Responsiveness",
  connectivity: "Connectivity",
};

export type ArcStatement = { id: string; dimension: ArcDimension; text: string };

export const ARC_STATEMENTS: readonly ArcStatement[] = [
  { id: "a1", dimension: "agency", text: "When something in my work could be better, I start changing it without waiting to be asked." },
  { id: "a2", dimension: "agency", text: "In the last three months I changed at least one thing because I decided it was worth doing." },
  { id: "a3", dimension: "agency", text: "I feel free to try a new way of working, even when it might not work out." },
  { id: "a4", dimension: "agency", text: "I have a topic from my own work that colleagues could learn from, and I would like to develop it." },
  { id: "r1", dimension: "responsiveness", text: "I notice early when customers or colleagues need something different from us." },
  { id: "r2", dimension: "responsiveness", text: "I ask for feedback on my work and act on what I hear." },
  { id: "r3", dimension: "responsiveness", text: "I am looking for ways to grow in my role, and for people who can help me do it." },
  { id: "c1", dimension: "connectivity", text: "I know people in other departments whom I could call for help today." },
  { id: "c2", dimension: "connectivity", text: "I regularly talk with colleagues from other teams or sites about how they work." },
  { id: "c3", dimension: "connectivity", text: "I can bring together the people a problem needs, even when they sit in different teams." },
];

/** The statements the next-step rules read on their own (next-steps.ts). */
export const TOPIC_IN_MIND = "a4";
export const WISH_TO_GROW = "r3";

export const SCALE_LABELS: Record<number, string> = {
  1: "1 · Not at all like me",
  2: "2",
  3: "3",
  4: "4",
  5: "5 · Very much like me",
};

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
