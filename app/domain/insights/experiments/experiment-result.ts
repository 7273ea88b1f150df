// The result of an assigned experiment, from plain data: each unit's mean
// outcome in the baseline and outcome windows (the mean of its monthly KPI, or
// of its people's diagnostic scores answered in the window), the privacy floor, the
// difference in differences (statistics/difference-in-differences.ts), the
// raw monthly trend of each arm, and a verdict in plain words. The rules are
// in docs/insights.md, "Cohort experiments".
import type { ExperimentAssignment } from "../../../../db/schema";
import { message, readMessage } from "../../i18n/message";
import { translatorFor } from "../../i18n/translators";
import { INSIGHTS_PRIVACY_FLOOR, reachesFloor } from "../../privacy/privacy-floor";
import { periodLabel, periodsBetween } from "../period";
import { differenceInDifferences } from "../statistics";

import { MIN_UNITS_PER_ARM, type Arm } from "./experiment-fields";

export type { Arm };
const ARMS: readonly Arm[] = ["treatment", "control"];

type Window = { from: string; to: string };
/**
 * One figure of the outcome: a unit's KPI for a month (no person), or one
 * person's diagnostic score answered in a month (with the person, so the
 * floor can count the people behind a mean).
 */
export type Observation = { unitId: string; month: string; value: number; person?: string };
export type ResultInput = {
  assignment: ExperimentAssignment;
  windows: { baseline: Window; outcome: Window };
  observations: Observation[];
  seed: number;
  /** The month today is in: before the outcome window's end the result is interim. */
  thisMonth: string;
};

export type UnitStatus = "analysed" | "below the floor" | "no figures" | "too few answers";
export type UnitRow = { unitId: string; arm: Arm; stratum: number; size: number; status: UnitStatus; before: number | null; after: number | null };
export type TrendRow = { month: string; window: "baseline" | "outcome"; treatment: number | null; control: number | null };
export type Verdict = "increase" | "decrease" | "no detectable effect" | "inconclusive";
/** words: in English (logs, tests); wordsMessage: the same as a message of the insights catalogue, for the page to write in its language. */
export type Estimate = { estimate: number; low: number; high: number; p: number; treatedUnits: number; controlUnits: number; permutations: number; verdict: Verdict; words: string; wordsMessage: string };

export type ExperimentResult = {
  interim: boolean;
  units: UnitRow[];
  arms: Record<Arm, { units: number; people: number; shown: boolean }>;
  trends: TrendRow[];
  outcome: { kind: "estimate"; estimate: Estimate } | { kind: "no result"; reason: string };
  /** Why there is no estimate, as a message of the insights catalogue for the page (outcome.reason is the same in English). */
  noResultMessage?: string;
};

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const round = (x: number) => String(Math.round(x * 100) / 100);
const ALPHA = 0.05;

/** A catalogue message in English, as the domain's own words (logs, tests). */
const inEnglish = (text: string) => {
  const { key, values } = readMessage(text);
  return translatorFor("en")(key, values);
};

/** The words for an estimate: both the test and the interval have to agree before anything is called an effect. */
export function verdictOf(e: { estimate: number; low: number; high: number; p: number }, outcome: string): { verdict: Verdict; words: string; wordsMessage: string } {
  const numbers = { low: round(e.low), high: round(e.high), p: e.p < 0.001 ? "p < 0.001" : `p = ${e.p.toFixed(3)}` };
  const excludesZero = e.low > 0 || e.high < 0;
  const said = (verdict: Verdict, wordsMessage: string) => ({ verdict, wordsMessage, words: inEnglish(wordsMessage) });
  if (e.p < ALPHA && excludesZero) {
    const up = e.estimate > 0;
    return said(up ? "increase" : "decrease", message(up ? "insights:experiments.verdict.increase" : "insights:experiments.verdict.decrease", { outcome, estimate: round(e.estimate), ...numbers }));
  }
  if (e.p >= ALPHA && !excludesZero) return said("no detectable effect", message("insights:experiments.verdict.none", numbers));
  return said("inconclusive", message("insights:experiments.verdict.inconclusive", numbers));
}

export function experimentResult(input: ResultInput, outcomeName: string): ExperimentResult {
  const { baseline, outcome } = input.windows;
  const months = periodsBetween(baseline.from, outcome.to);
  const byUnit = new Map<string, Observation[]>();
  for (const o of input.observations) byUnit.set(o.unitId, [...(byUnit.get(o.unitId) ?? []), o]);
  // A mean of people's answers needs as many distinct people behind it as the floor; a unit's KPI has its headcount behind it.
  const enoughPeople = (xs: Observation[]) => xs.every((o) => o.person === undefined) || reachesFloor(new Set(xs.map((o) => o.person)).size, INSIGHTS_PRIVACY_FLOOR);
  const units: UnitRow[] = input.assignment.map((a) => {
    const row = { unitId: a.unitId, arm: a.arm, stratum: a.stratum, size: a.size };
    // Figures of a unit below the floor are never read, so nothing about its few people reaches the page.
    if (!reachesFloor(a.size, INSIGHTS_PRIVACY_FLOOR)) return { ...row, status: "below the floor", before: null, after: null };
    const mine = byUnit.get(a.unitId) ?? [];
    const before = mine.filter((o) => o.month >= baseline.from && o.month <= baseline.to);
    const after = mine.filter((o) => o.month >= outcome.from && o.month <= outcome.to);
    if (!before.length || !after.length) return { ...row, status: "no figures", before: null, after: null };
    if (!enoughPeople(before) || !enoughPeople(after)) return { ...row, status: "too few answers", before: null, after: null };
    return { ...row, status: "analysed", before: mean(before.map((o) => o.value)), after: mean(after.map((o) => o.value)) };
  });
  const analysed = units.filter((u) => u.status === "analysed");
  const arms = Object.fromEntries(
    ARMS.map((arm) => {
      const mine = analysed.filter((u) => u.arm === arm);
      const people = mine.reduce((s, u) => s + u.size, 0);
      return [arm, { units: mine.length, people, shown: reachesFloor(people, INSIGHTS_PRIVACY_FLOOR) }];
    }),
  ) as ExperimentResult["arms"];

  const trends: TrendRow[] = months.map((month) => {
    const armMean = (arm: Arm) => {
      if (!arms[arm].shown) return null;
      const xs = analysed.filter((u) => u.arm === arm).flatMap((u) => (byUnit.get(u.unitId) ?? []).filter((o) => o.month === month));
      return xs.length && enoughPeople(xs) ? mean(xs.map((o) => o.value)) : null;
    };
    return { month, window: month < outcome.from ? "baseline" : "outcome", treatment: armMean("treatment"), control: armMean("control") };
  });

  const interim = input.thisMonth <= outcome.to;
  const base = { interim, units, arms, trends };
  const below = ARMS.find((arm) => !arms[arm].shown);
  const noResult = (text: string) => ({ outcome: { kind: "no result" as const, reason: inEnglish(text) }, noResultMessage: text });
  if (below) return { ...base, ...noResult(message(`insights:experiments.noResult.belowFloor.${below}`, { floor: INSIGHTS_PRIVACY_FLOOR })) };
  const notEnough = noResult(message("insights:experiments.noResult.notEnough", { treated: arms.treatment.units, control: arms.control.units, min: MIN_UNITS_PER_ARM }));
  if (arms.treatment.units < MIN_UNITS_PER_ARM || arms.control.units < MIN_UNITS_PER_ARM) return { ...base, ...notEnough };
  const did = differenceInDifferences(
    analysed.map((u) => ({ unit: u.unitId, stratum: String(u.stratum), treated: u.arm === "treatment", before: u.before!, after: u.after! })),
    { seed: input.seed },
  );
  if (!did) return { ...base, ...notEnough };
  const e = { estimate: did.estimate, low: did.ci.low, high: did.ci.high, p: did.p };
  const { verdict, words, wordsMessage } = verdictOf(e, outcomeName);
  return {
    ...base,
    outcome: {
      kind: "estimate",
      estimate: { ...e, treatedUnits: did.treatedUnits, controlUnits: did.controlUnits, permutations: did.permutations, verdict, wordsMessage, words: interim ? `Interim, the outcome window runs until ${periodLabel(outcome.to)}. ${words}` : words },
    },
  };
}
