// The sentences that say what each insights figure means, in plain words for
// managers and HR leaders, with the numbers an analyst would check. Pure, so
// the verdict rules are tested and written down once (docs/insights.md).
// Each sentence is a whole message of the insights catalogue
// (app/locales/<language>/insights.json), written in the page's language;
// English when no language is given.
import type { Language } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";
import type { Interval } from "./statistics";
import type { KpiAnalysis } from "./kpi-analysis";
import { periodLabel } from "./period";

export type UnitLevel = "department" | "site" | "store";
type Translate = (key: string, values?: Record<string, unknown>) => string;
/** The page's language and its insights translator. */
export type Words = { t: Translate; language: Language };

export function wordsIn(language: Language = "en"): Words {
  return { t: translatorFor(language, "insights") as Translate, language };
}

const LOCALE: Record<Language, string> = { en: "en-GB", ja: "ja-JP" };
const number = (w: Words, v: number, digits = 2) => new Intl.NumberFormat(LOCALE[w.language], { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
const signed = (w: Words, v: number, digits = 2) => new Intl.NumberFormat(LOCALE[w.language], { maximumFractionDigits: digits, signDisplay: "exceptZero" }).format(v);
const interval = (w: Words, ci: Interval, digits = 2) => w.t("words.interval", { low: number(w, ci.low, digits), high: number(w, ci.high, digits) });
/** "p < 0.001" or "p = 0.012": the same notation in both languages. */
export const pValue = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 }).format(p)}`);
/** An interval that holds zero cannot tell a positive effect from a negative one. */
export const includesZero = (ci: Interval) => ci.low <= 0 && ci.high >= 0;

/** A level's unit as a noun: "department" / "departments" in English, 部署 in Japanese. */
const unitNouns = (w: Words, level: UnitLevel) => ({ unit: w.t(`levels.${level}.one`), units: w.t(`levels.${level}.other`) });

export function crossSectionWords(a: KpiAnalysis, level: UnitLevel, w: Words = wordsIn()): string {
  const { t } = w;
  const nouns = unitNouns(w, level);
  const c = a.crossSection;
  if (!c) return t("words.crossSection.notEnough", { ...nouns, metric: a.metric, count: a.scatter.length });
  const lead = includesZero(c.pearson.ci)
    ? t("words.crossSection.noRelation", { ...nouns, n: c.n, metric: a.metric })
    : t(c.pearson.r >= 0 ? "words.crossSection.higher" : "words.crossSection.lower", { ...nouns, n: c.n, metric: a.metric });
  const details = t("words.crossSection.details", {
    r: number(w, c.pearson.r),
    rInterval: interval(w, c.pearson.ci),
    rP: pValue(c.pearson.p),
    rho: number(w, c.spearman.rho),
    rhoInterval: interval(w, c.spearman.ci),
    rhoP: pValue(c.spearman.p),
    slope: signed(w, c.line.slope / 10, 3),
    metric: a.metric,
  });
  return t("words.sentences", { first: lead, second: details });
}

export function fixedEffectsWords(a: KpiAnalysis, level: UnitLevel, w: Words = wordsIn()): string {
  const { t } = w;
  const nouns = unitNouns(w, level);
  const fe = a.fixedEffects;
  if (!fe) return t("words.fixedEffects.notEnough", nouns);
  const per10 = (v: number) => signed(w, v / 10, 3);
  const lead = includesZero(fe.ci)
    ? t("words.fixedEffects.noRelation", nouns)
    : t(fe.estimate > 0 ? "words.fixedEffects.higher" : "words.fixedEffects.lower", { ...nouns, metric: a.metric });
  const details = t("words.fixedEffects.details", {
    ...nouns,
    estimate: per10(fe.estimate),
    metric: a.metric,
    low: per10(fe.ci.low),
    high: per10(fe.ci.high),
    p: pValue(fe.p),
    n: fe.n,
    unitCount: fe.units,
    periods: fe.periods,
    df: fe.df,
    r2: number(w, fe.withinR2),
  });
  return t("words.sentences", { first: lead, second: details });
}

export function itsWords(a: KpiAnalysis, w: Words = wordsIn()): string | null {
  const { t } = w;
  const its = a.its;
  if (!its) return null;
  if (!its.result) return its.problemMessage ? w.t(its.problemMessage.key, its.problemMessage.values) : its.problem;
  const r = its.result;
  const auto = t(r.autocorrelated ? "words.its.autocorrelated" : "words.its.notAutocorrelated", {
    dw: number(w, r.durbinWatson),
    q: number(w, r.ljungBox.q),
    lag: r.ljungBox.lag,
    p: pValue(r.ljungBox.p),
  });
  const main = t("words.its.result", {
    name: its.name,
    start: periodLabel(its.start, w.language),
    before: r.before,
    after: r.after,
    level: signed(w, r.levelChange.estimate, 3),
    levelInterval: interval(w, r.levelChange.ci, 3),
    levelP: pValue(r.levelChange.p),
    slope: signed(w, r.slopeChange.estimate, 3),
    slopeInterval: interval(w, r.slopeChange.ci, 3),
    slopeP: pValue(r.slopeChange.p),
  });
  return t("words.sentences", { first: main, second: auto });
}

/** The caveats the page always shows, in plain words; the first ones depend on how much the figures rest on. */
export function caveats(a: KpiAnalysis | null, level: UnitLevel, w: Words = wordsIn()): string[] {
  const { t } = w;
  const nouns = unitNouns(w, level);
  const out: string[] = [];
  if (a) {
    out.push(
      t("words.caveats.restsOn", {
        ...nouns,
        unitCount: t(`levels.${level}.count`, { count: a.units }),
        monthCount: t("words.months", { count: a.months }),
        observations: a.observations,
      }),
    );
    if (a.units < 5) out.push(t("words.caveats.tooFew", nouns));
    else if (a.units < 10) out.push(t("words.caveats.fewerThanTen", nouns));
  }
  out.push(t("words.caveats.correlation"), t("words.caveats.within", nouns), t("words.caveats.random"));
  return out;
}

type Comparison = { strataUsed: number; strataDropped: number; treated: number; control: number; difference: number; ci: Interval; p: number };

const strata = (w: Words, r: { strataUsed: number; strataDropped: number }) => {
  const groups = w.t("words.matchedGroups", { count: r.strataUsed });
  return r.strataDropped ? w.t("words.strataDropped", { groups, dropped: w.t("words.groups", { count: r.strataDropped }), count: r.strataDropped }) : w.t("words.strata", { groups });
};

/** Participants beside the others of the same department and site (stratifiedDifference). */
export function comparisonWords(r: Comparison, instrument: string, w: Words = wordsIn()): string {
  const { t } = w;
  const lead = includesZero(r.ci)
    ? t("words.comparison.noDifference", { instrument })
    : t(r.difference > 0 ? "words.comparison.higher" : "words.comparison.lower", { instrument });
  const details = t("words.comparison.details", { difference: signed(w, r.difference), interval: interval(w, r.ci), p: pValue(r.p), treated: r.treated, control: r.control, strata: strata(w, r) });
  return t("words.sentences", { first: lead, second: details });
}

/** Retention of those who took part beside comparable others (a difference in proportions). */
export function retentionWords(r: Comparison, w: Words = wordsIn()): string {
  const { t } = w;
  const points = (v: number) => t("words.points", { value: signed(w, v * 100, 1) });
  const lead = includesZero(r.ci) ? t("words.retention.noDifference") : t(r.difference > 0 ? "words.retention.stayed" : "words.retention.left");
  const details = t("words.retention.details", { difference: points(r.difference), low: points(r.ci.low), high: points(r.ci.high), p: pValue(r.p), treated: r.treated, control: r.control, strata: strata(w, r) });
  return t("words.sentences", { first: lead, second: details });
}
