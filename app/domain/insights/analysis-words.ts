// The sentences that say what each insights figure means, in plain words for
// managers and HR leaders, with the numbers an analyst would check. Pure, so
// the verdict rules are tested and written down once (docs/insights.md).
import type { Interval } from "./statistics";
import type { KpiAnalysis } from "./kpi-analysis";
import { periodLabel } from "./period";

const number = (v: number, digits = 2) => new Intl.NumberFormat("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
const signed = (v: number, digits = 2) => new Intl.NumberFormat("en-GB", { maximumFractionDigits: digits, signDisplay: "exceptZero" }).format(v);
const interval = (ci: Interval, digits = 2) => `95% interval ${number(ci.low, digits)} to ${number(ci.high, digits)}`;
export const pValue = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${number(p, 3)}`);
/** An interval that holds zero cannot tell a positive effect from a negative one. */
export const includesZero = (ci: Interval) => ci.low <= 0 && ci.high >= 0;

export function crossSectionWords(a: KpiAnalysis, unitWord: string): string {
  const c = a.crossSection;
  if (!c) return `Not enough data: this needs at least 5 ${unitWord}s with both a shown active share and a figure for ${a.metric}, and the figures must vary (here ${a.scatter.length}).`;
  const direction = c.pearson.r >= 0 ? "higher" : "lower";
  const lead = includesZero(c.pearson.ci)
    ? `Across ${c.n} ${unitWord}s there is no clear relationship between the active share and ${a.metric}: the interval of r includes zero.`
    : `Across ${c.n} ${unitWord}s, those with a higher active share had ${direction} ${a.metric}.`;
  return `${lead} Pearson r = ${number(c.pearson.r)} (${interval(c.pearson.ci)}, ${pValue(c.pearson.p)}); Spearman ρ = ${number(c.spearman.rho)} (${interval(c.spearman.ci)}, ${pValue(c.spearman.p)}). On the fitted line, 10 points more active share go with ${signed(c.line.slope / 10, 3)} ${a.metric}.`;
}

export function fixedEffectsWords(a: KpiAnalysis, unitWord: string): string {
  const fe = a.fixedEffects;
  if (!fe) return `Not enough data: this needs at least 5 ${unitWord}s and 3 months, with an active share that changes within ${unitWord}s over time.`;
  const per10 = (v: number) => signed(v / 10, 3);
  const lead = includesZero(fe.ci)
    ? `No detectable relationship within ${unitWord}s at this size: the interval includes zero.`
    : `Within ${unitWord}s, months with a higher active share went with ${fe.estimate > 0 ? "higher" : "lower"} ${a.metric}.`;
  return `${lead} Compared with the same ${unitWord}'s other months and with other ${unitWord}s in the same month, 10 points more active share went with ${per10(fe.estimate)} ${a.metric} (95% interval ${per10(fe.ci.low)} to ${per10(fe.ci.high)}, ${pValue(fe.p)}). From ${fe.n} ${unitWord}-months of ${fe.units} ${unitWord}s over ${fe.periods} months; standard errors clustered by ${unitWord}, ${fe.df} degrees of freedom; within R² = ${number(fe.withinR2)}.`;
}

export function itsWords(a: KpiAnalysis): string | null {
  const its = a.its;
  if (!its) return null;
  if (!its.result) return its.problem;
  const r = its.result;
  const change = (what: string, e: { estimate: number; ci: Interval; p: number }) => `${what} ${signed(e.estimate, 3)} (${interval(e.ci, 3)}, ${pValue(e.p)})`;
  const auto = r.autocorrelated
    ? `The residuals show autocorrelation (Durbin–Watson ${number(r.durbinWatson)}, Ljung–Box Q = ${number(r.ljungBox.q)} at lag ${r.ljungBox.lag}, ${pValue(r.ljungBox.p)}); the intervals use Newey–West standard errors, which allow for it, but read them with care.`
    : `No sign of autocorrelation in the residuals (Durbin–Watson ${number(r.durbinWatson)}, Ljung–Box Q = ${number(r.ljungBox.q)} at lag ${r.ljungBox.lag}, ${pValue(r.ljungBox.p)}).`;
  return `In ${its.name}, from ${periodLabel(its.start)} (${r.before} months before, ${r.after} from then on): ${change("the level changed by", r.levelChange)} and ${change("the monthly trend by", r.slopeChange)}. ${auto}`;
}

/** The caveats the page always shows, in plain words; the first ones depend on how much the figures rest on. */
export function caveats(a: KpiAnalysis | null, unitWord: string): string[] {
  const out: string[] = [];
  if (a) {
    out.push(`These figures rest on ${a.units} ${unitWord}${a.units === 1 ? "" : "s"} and ${a.months} month${a.months === 1 ? "" : "s"} (${a.observations} ${unitWord}-months with both an active share and a figure).`);
    if (a.units < 5) out.push(`That is too few ${unitWord}s to say anything: no correlation or effect is shown below 5.`);
    else if (a.units < 10) out.push(`With fewer than 10 ${unitWord}s, intervals are wide and one unusual ${unitWord} can change the picture.`);
  }
  out.push(
    "Correlation is not causation. A unit where more people take part may differ in other ways: managers who were already keen, its size, its market, a reorganisation or a new product in the same months.",
    `The within-${unitWord} view removes what is constant about a ${unitWord} and what every ${unitWord} shared in a month, but not a change that came to one ${unitWord} together with the programme.`,
    "Nobody chose who took part at random; only a cohort experiment with random assignment can show what the programme itself causes.",
  );
  return out;
}

const groupsWord = (n: number) => `${n} matched ${n === 1 ? "group" : "groups"}`;
const strata = (r: { strataUsed: number; strataDropped: number }) =>
  `in ${groupsWord(r.strataUsed)} where both are found${r.strataDropped ? `; ${groupsWord(r.strataDropped).replace(" matched", "")} had only one side, or too few, and ${r.strataDropped === 1 ? "is" : "are"} left out` : ""}`;

/** Participants beside the others of the same department and site (stratifiedDifference). */
export function comparisonWords(r: { strataUsed: number; strataDropped: number; treated: number; control: number; difference: number; ci: Interval; p: number }, instrument: string): string {
  const lead = includesZero(r.ci)
    ? `No detectable difference in ${instrument} between participants and comparable others at this size.`
    : `Participants scored ${r.difference > 0 ? "higher" : "lower"} on ${instrument} than comparable others.`;
  return `${lead} Difference ${signed(r.difference)} (${interval(r.ci)}, ${pValue(r.p)}), from ${r.treated} participants and ${r.control} others ${strata(r)}.`;
}

/** Retention of those who took part beside comparable others (a difference in proportions). */
export function retentionWords(r: { strataUsed: number; strataDropped: number; treated: number; control: number; difference: number; ci: Interval; p: number }): string {
  const points = (v: number) => `${signed(v * 100, 1)} points`;
  const lead = includesZero(r.ci)
    ? "No detectable difference in who stayed between those who took part and comparable others at this size."
    : `Those who took part ${r.difference > 0 ? "stayed more often" : "left more often"} than comparable others.`;
  return `${lead} Difference ${points(r.difference)} (95% interval ${points(r.ci.low)} to ${points(r.ci.high)}, ${pValue(r.p)}), from ${r.treated} who took part and ${r.control} others ${strata(r)}.`;
}
