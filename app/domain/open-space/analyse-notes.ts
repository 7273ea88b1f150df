// The proceedings' bird's-eye view, computed from the break-outs' notes:
// recurring themes (words and two-word phrases) weighted by how many
// sessions raised them, the mindsets they touch, and the actions people
// committed to. Pure and deterministic; the method is explained in
// docs/proceedings-analysis.md.
import { MINDSETS, type Mindset } from "../../../db/mindsets";
import { HONORIFIC_PATTERN, JAPANESE_SCRIPT, nameParts } from "../people/japanese-names";

export type SessionNotes = {
  sessionId: string;
  topic: string;
  insights: string[];
  actions: string[];
};

export type Theme = {
  /** The most common way people wrote it, e.g. "psychological safety". */
  term: string;
  /** The stemmed form the analysis counts by, e.g. "psychological safety" or "meet". */
  key: string;
  kind: "phrase" | "word";
  sessionCount: number;
  /** The sessions that raised it, the one that raised it most first. */
  sessionIds: string[];
  score: number;
  mindsets: Mindset[];
};

export type MindsetTouch = { mindset: Mindset; sessionCount: number; sessionIds: string[]; terms: string[] };
export type CommittedAction = { sessionId: string; who: string | null; what: string };

export type NotesAnalysis = { sessionCount: number; themes: Theme[]; mindsets: MindsetTouch[]; actions: CommittedAction[] };

export type AnalysisOptions = {
  /** A term is a theme only when at least this many sessions raised it. */
  minSessions?: number;
  maxThemes?: number;
  /** Words never counted, beyond the parts of the people's names. */
  ignoreWords?: Iterable<string>;
  /** Full names of the people who may have committed to actions, recognised before "Name: …" guessing. */
  people?: readonly string[];
};

// Common English function words, and the filler that notes are full of.
const STOP_WORDS = new Set(
  (
    "a about above after again against all also am an and any are aren't as at be because been before being below between both but by can " +
    "can't cannot could couldn't did didn't do does doesn't doing don't down during each etc even every few for from further get gets getting " +
    "got had hadn't has hasn't have haven't having he her here hers herself him himself his how i if in into is isn't it it's its itself " +
    "just let let's like lot lots many may me might more most much must mustn't my myself need needs no nor not now of off often on once " +
    "one only or other others ought our ours ourselves out over own quite rather really same say said says see seem seems she should " +
    "shouldn't so some something such than that that's the their theirs them themselves then there there's these they they're thing " +
    "things think this those though through to too under until up upon us use used using very via want wants was wasn't way ways we " +
    "we're well were weren't what what's when where which while who whom why will with within without won't would wouldn't yes yet " +
    "you your yours yourself yourselves able across actually already always among another anyone anything around away back bit come " +
    "comes done either else enough ever everyone everything first go goes going gone good great however instead keep kind know last " +
    "less little look made make makes making maybe mean means new next no-one nothing put right since still sure take takes taking tell " +
    "two three four five ten time times today together try tried usually whether whose yeah ok okay e.g i.e vs " +
    // The format's own words, which every set of notes shares.
    "break-out break-outs breakout breakouts session sessions notes note topic nobody somebody someone everybody anybody"
  ).split(" "),
);

/**
 * A light suffix stripper (a small subset of Porter's first step): plurals,
 * -ing, -ed, -ly and a final e, undoubling a final consonant, so that
 * "meetings" and "meeting" or "teams" and "team" count as one term. Short words are left
 * alone, which keeps "news", "bus" and "is" intact.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("s") && !/(ss|us|is|os)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ["ing", "ed"]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3 && /[aeiouy]/.test(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      if (/([^aeioulsz])\1$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  if (w.endsWith("ly") && w.length > 5) w = w.slice(0, -2);
  // "change", "changed" and "changing" all end as "chang".
  if (w.endsWith("e") && !w.endsWith("ee") && w.length > 4) w = w.slice(0, -1);
  return w;
}

type Token = { stem: string; surface: string };

// Japanese is written without spaces: its words come from Intl.Segmenter's
// dictionary. Words in kanji or katakana are the content words; a run of
// hiragana is a particle or an ending, and like a stop word it splits phrases.
const JAPANESE_CONTENT = /^[\p{Script=Han}\p{Script=Katakana}ー々]+$/u;
// The format's own words in Japanese, which every set of notes shares.
const JAPANESE_STOP_WORDS = new Set(["セッション", "ブレイクアウト", "ノート", "メモ", "テーマ", "今回", "次回", "全員", "自分", "以上"]);
const japaneseWords = new Intl.Segmenter("ja", { granularity: "word" });

/** An English word as the analysis counts it, or null when it is not counted. */
function englishWord(raw: string, ignore: ReadonlySet<string>): string | null {
  const word = raw.replace(/^['-]+|['-]+$/g, "").replace(/'s$/, "");
  return !word || STOP_WORDS.has(word) || ignore.has(word) || word.length < 3 || /^\d+$/.test(word) ? null : word;
}

const latinWords = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’‘]/g, "'")
    .split(/[^a-z0-9'-]+/);

/** A line's words in order, null where a phrase is split (a stop word, a particle, punctuation). */
function wordsOf(line: string, ignore: ReadonlySet<string>): (Token | null)[] {
  if (!JAPANESE_SCRIPT.test(line)) return latinWords(line).map((raw) => englishWord(raw, ignore)).map((w) => (w ? { stem: stem(w), surface: w } : null));
  const words: (Token | null)[] = [];
  // The segmenter splits compounds ("心理|的|安全|性"); neighbouring kanji and
  // katakana words are one term again ("心理的安全性"), as a reader sees it.
  let compound = "";
  const flush = () => {
    if (!compound) return;
    const counted = [...compound].length >= 2 && !JAPANESE_STOP_WORDS.has(compound) && !namesIn(compound, ignore);
    words.push(counted ? { stem: compound, surface: compound } : null);
    compound = "";
  };
  for (const { segment, isWordLike } of japaneseWords.segment(line.normalize("NFKC"))) {
    if (isWordLike && JAPANESE_CONTENT.test(segment)) {
      compound += segment;
      continue;
    }
    flush();
    if (!isWordLike) {
      // Spaces between words keep a phrase together; punctuation splits it.
      if (!/^\s+$/u.test(segment)) words.push(null);
    } else if (JAPANESE_SCRIPT.test(segment)) {
      // Hiragana: a particle or an ending.
      words.push(null);
    } else {
      for (const raw of latinWords(segment)) {
        const w = englishWord(raw, ignore);
        words.push(w ? { stem: stem(w), surface: w } : null);
      }
    }
  }
  flush();
  return words;
}

/** Whether a Japanese compound is, or holds, a person's name ("田中花子", "田中課長"). */
function namesIn(compound: string, ignore: ReadonlySet<string>): boolean {
  if (ignore.has(compound)) return true;
  for (const word of ignore) if ([...word].length >= 2 && JAPANESE_SCRIPT.test(word) && compound.includes(word)) return true;
  return false;
}

/** The parts of people's names as words: each part of a Japanese name (and the name without its space), and each English part longer than two letters. */
export function nameWords(names: Iterable<string>): string[] {
  return [...names].flatMap((n) => {
    const parts = nameParts(n.toLowerCase());
    // Japanese names are also written without the space.
    const joined = JAPANESE_SCRIPT.test(n) && parts.length > 1 ? [parts.join("")] : [];
    return [...parts, ...joined].filter((w) => w.length > 2 || JAPANESE_SCRIPT.test(w));
  });
}

/** Lower-cased words, stop words removed; a stop word or a line break splits phrases. */
export function tokenise(text: string, ignore: ReadonlySet<string> = new Set()): Token[][] {
  const runs: Token[][] = [];
  for (const line of text.split(/[\n.!?;:()[\]"“”。、！？；：（）「」『』]+/)) {
    let run: Token[] = [];
    for (const token of wordsOf(line, ignore)) {
      if (token) {
        run.push(token);
        continue;
      }
      if (run.length) runs.push(run);
      run = [];
    }
    if (run.length) runs.push(run);
  }
  return runs;
}

type TermStats = { kind: "phrase" | "word"; perSession: Map<string, number>; surfaces: Map<string, number> };

/** Terms of one text: every word, and every pair of neighbouring words. */
function termsOf(runs: Token[][]): { key: string; kind: "phrase" | "word"; surface: string }[] {
  const terms: { key: string; kind: "phrase" | "word"; surface: string }[] = [];
  for (const run of runs) {
    run.forEach((token, i) => {
      terms.push({ key: token.stem, kind: "word", surface: token.surface });
      const next = run[i + 1];
      if (next && next.stem !== token.stem) terms.push({ key: `${token.stem} ${next.stem}`, kind: "phrase", surface: `${token.surface} ${next.surface}` });
    });
  }
  return terms;
}

/** The term keys (stemmed words and phrases) a line of text contains, to find the lines behind a theme. */
export function termKeysOf(text: string): Set<string> {
  return new Set(termsOf(tokenise(text)).map((t) => t.key));
}

/**
 * Each mindset's own vocabulary, drawn from how the portal describes it
 * (app/domain/content/mindsets.ts) and from what managers say about it.
 * Entries are stemmed like the notes, so "meetings" finds "meeting".
 */
export const MINDSET_LEXICON: Record<Mindset, string[]> = {
  reflection: [
    "reflection", "reflect", "habit", "energy", "burnout", "stress", "wellbeing", "self", "self-awareness", "awareness", "values", "purpose",
    "identity", "confidence", "resilience", "emotion", "balance", "rest", "pause", "journal", "learning", "mindfulness", "overwhelm", "boundaries",
  ],
  analysis: [
    "analysis", "data", "metric", "kpi", "number", "figure", "chart", "dashboard", "structure", "process", "decision", "budget", "cost",
    "measure", "report", "evidence", "performance", "target", "forecast", "organisation", "organization", "bureaucracy", "governance",
  ],
  worldliness: [
    "customer", "client", "culture", "market", "competitor", "industry", "site", "country", "global", "context", "stakeholder", "supplier",
    "community", "diversity", "perspective", "sustainability", "regulation", "society", "international", "user", "outside",
  ],
  collaboration: [
    "trust", "team", "conversation", "conflict", "delegation", "delegate", "network", "silo", "meeting", "relationship", "colleague",
    "psychological safety", "feedback", "listen", "listening", "collaboration", "cooperation", "coaching", "mentor", "hybrid", "remote",
    "communication", "difficult conversation", "peer", "onboarding", "inclusion",
  ],
  action: [
    "change", "experiment", "pilot", "prototype", "start", "momentum", "initiative", "implement", "plan", "commit", "deadline", "priority",
    "transformation", "quick win", "next step", "launch", "act", "permission", "first step", "roll out", "rollout", "action",
  ],
};

const lexiconKeys = (): Map<string, Mindset[]> => {
  const map = new Map<string, Mindset[]>();
  for (const mindset of MINDSETS) {
    for (const entry of MINDSET_LEXICON[mindset]) {
      const key = entry
        .toLowerCase()
        .split(/\s+/)
        .map(stem)
        .join(" ");
      map.set(key, [...(map.get(key) ?? []), mindset]);
    }
  }
  return map;
};

// "Name: what they will do", "Name – …"; a name is one to four capitalised
// words, with the usual lower-case particles ("Anna van der Berg").
const ACTION_WITH_NAME = /^\s*(\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:van|von|der|den|de|la|le|da|di|du|del)\s+)*\p{Lu}[\p{L}'’.-]*){0,3})\s*(?::|：|\s[–—-])\s*(.+)$/u;
// After a known name, in Japanese often with an honorific: "田中さん：資料を共有する".
const AFTER_NAME = new RegExp(`^${HONORIFIC_PATTERN}?\\s*(?::|：|[–—-])\\s*(.+)$`, "u");

/** One committed action, with who committed when it was written "Name: …" (a known person's name, or one that looks like a name). */
export function parseAction(line: string, knownNames: readonly string[] = []): { who: string | null; what: string } {
  const lower = line.trim().toLowerCase();
  for (const name of knownNames) {
    // A Japanese name is also written without its space, or by one part before an honorific.
    const parts = JAPANESE_SCRIPT.test(name) ? nameParts(name) : [];
    const spellings = [name, ...(parts.length > 1 ? [parts.join(""), ...parts] : [])];
    for (const spelling of spellings) {
      const rest = lower.startsWith(spelling.toLowerCase()) ? line.trim().slice(spelling.length) : null;
      const what = rest !== null ? AFTER_NAME.exec(rest.trimStart())?.[1] : undefined;
      if (what) return { who: name, what: what.trim() };
    }
  }
  const match = ACTION_WITH_NAME.exec(line);
  if (match) return { who: match[1]!.trim(), what: match[2]!.trim() };
  return { who: null, what: line.trim() };
}

export function analyseNotes(sessions: SessionNotes[], options: AnalysisOptions = {}): NotesAnalysis {
  const minSessions = options.minSessions ?? 2;
  const maxThemes = options.maxThemes ?? 20;
  // Names never become themes: the people's names, part by part, are not counted as words.
  const ignore = new Set([...(options.ignoreWords ?? []), ...nameWords(options.people ?? [])].map((w) => w.toLowerCase()));
  const lexicon = lexiconKeys();
  // Longest first, so "Ann Lee-Smith" wins over "Ann Lee".
  const people = [...(options.people ?? [])].sort((a, b) => b.length - a.length);

  const actions: CommittedAction[] = [];
  const stats = new Map<string, TermStats>();
  for (const session of sessions) {
    const parsedActions = session.actions.map((line) => parseAction(line, people)).filter((a) => a.what.length > 0);
    for (const a of parsedActions) actions.push({ sessionId: session.sessionId, ...a });
    // Names before an action's colon are who, not what: they are left out of the text.
    const text = [session.topic, ...session.insights, ...parsedActions.map((a) => a.what)].join("\n");
    for (const term of termsOf(tokenise(text, ignore))) {
      let entry = stats.get(term.key);
      if (!entry) stats.set(term.key, (entry = { kind: term.kind, perSession: new Map(), surfaces: new Map() }));
      entry.perSession.set(session.sessionId, (entry.perSession.get(session.sessionId) ?? 0) + 1);
      entry.surfaces.set(term.surface, (entry.surfaces.get(term.surface) ?? 0) + 1);
    }
  }

  const n = Math.max(sessions.length, 1);
  // TF-IDF-like: damped frequency in each session that raised it, times how rare it is across sessions.
  const scoreOf = (entry: TermStats) => {
    const idf = Math.log(1 + n / entry.perSession.size);
    let sum = 0;
    for (const tf of entry.perSession.values()) sum += 1 + Math.log(tf);
    return sum * idf;
  };
  const sessionsOf = (entry: TermStats) => [...entry.perSession].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  const surfaceOf = (entry: TermStats) => [...entry.surfaces].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))[0]![0];
  const mindsetsOf = (key: string) => {
    const found = new Set<Mindset>(lexicon.get(key) ?? []);
    for (const part of key.split(" ")) for (const m of lexicon.get(part) ?? []) found.add(m);
    return MINDSETS.filter((m) => found.has(m));
  };

  const recurring = [...stats].filter(([, entry]) => entry.perSession.size >= minSessions);
  const phrases = recurring.filter(([, e]) => e.kind === "phrase");
  const sameSessions = (a: TermStats, b: TermStats) => a.perSession.size === b.perSession.size && [...a.perSession.keys()].every((id) => b.perSession.has(id));
  // A word that only ever came up inside one of its recurring phrases is that phrase, not a theme of its own.
  const kept = recurring.filter(
    ([key, entry]) => entry.kind === "phrase" || !phrases.some(([phrase, p]) => phrase.split(" ").includes(key) && sameSessions(entry, p)),
  );
  const themes: Theme[] = kept
    .map(([key, entry]) => ({
      term: surfaceOf(entry),
      key,
      kind: entry.kind,
      sessionCount: entry.perSession.size,
      sessionIds: sessionsOf(entry),
      score: Math.round(scoreOf(entry) * 1000) / 1000,
      mindsets: mindsetsOf(key),
    }))
    .sort((a, b) => b.sessionCount - a.sessionCount || b.score - a.score || (a.kind === b.kind ? 0 : a.kind === "phrase" ? -1 : 1) || a.term.localeCompare(b.term))
    .slice(0, maxThemes);

  // Mindsets: every term in a session that is in a mindset's vocabulary marks that session as touching it.
  const touches = new Map<Mindset, { sessions: Set<string>; terms: Map<string, Set<string>> }>();
  for (const [key, entry] of stats) {
    const direct = lexicon.get(key);
    if (!direct) continue;
    for (const mindset of direct) {
      let touch = touches.get(mindset);
      if (!touch) touches.set(mindset, (touch = { sessions: new Set(), terms: new Map() }));
      const surface = surfaceOf(entry);
      const seen = touch.terms.get(surface) ?? new Set<string>();
      for (const id of entry.perSession.keys()) {
        touch.sessions.add(id);
        seen.add(id);
      }
      touch.terms.set(surface, seen);
    }
  }
  const mindsets: MindsetTouch[] = [...touches]
    .map(([mindset, touch]) => ({
      mindset,
      sessionCount: touch.sessions.size,
      sessionIds: [...touch.sessions].sort(),
      terms: [...touch.terms]
        .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
        .slice(0, 6)
        .map(([term]) => term),
    }))
    .sort((a, b) => b.sessionCount - a.sessionCount || MINDSETS.indexOf(a.mindset) - MINDSETS.indexOf(b.mindset));

  return { sessionCount: sessions.length, themes, mindsets, actions };
}
