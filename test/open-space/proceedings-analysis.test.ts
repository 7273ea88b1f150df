// The proceedings' bird's-eye view, computed from synthetic notes with
// themes planted in a known number of break-outs among everyday noise.
import { analyseNotes, parseAction, stem, type SessionNotes } from "../../app/domain/open-space/analyse-notes";

const NOISE = [
  "The coffee machine on the third floor keeps breaking",
  "Quarterly planning cycle starts in September",
  "Someone mentioned the new parking rules",
  "A story about a supplier in Lisbon",
  "We compared notes on travel expenses",
  "Interesting anecdote about the summer party",
  "A book recommendation on negotiation",
  "Talked about the canteen menu",
];

const SAFETY = [
  "Psychological safety comes before honest feedback",
  "Without psychological safety nobody admits errors",
  "New hires test psychological safety in their first week",
  "Psychological safety is built in small daily moments",
  "Leaders model psychological safety by owning up first",
];
const HYBRID = ["Hybrid meetings leave remote colleagues out", "Our hybrid meeting rituals need a rethink", "Nobody enjoys hybrid meetings with bad audio"];
const TOPICS = ["Speaking up", "Owning mistakes", "Town halls", "Leading at a distance", "Onboarding", "Calendar overload", "Office days", "Broken things"];

/** Eight break-outs: "psychological safety" in five, "hybrid meetings" in three, noise everywhere. */
function plantedSessions(): SessionNotes[] {
  return Array.from({ length: 8 }, (_, i) => {
    const insights = [NOISE[i]!];
    if (i < 5) insights.push(SAFETY[i]!);
    if (i >= 4 && i < 7) insights.push(HYBRID[i - 4]!);
    if (i === 7) insights.push("Kintsugi as a metaphor for repairing teams");
    return { sessionId: `s${i}`, topic: TOPICS[i]!, insights, actions: [] };
  });
}

test("themes planted in five and in three break-outs come out on top with those counts", () => {
  const { themes, sessionCount } = analyseNotes(plantedSessions());
  expect(sessionCount).toBe(8);
  expect(themes[0]).toMatchObject({ term: "psychological safety", kind: "phrase", sessionCount: 5 });
  expect(themes[0]!.sessionIds).toHaveLength(5);
  const hybrid = themes.find((t) => t.term.startsWith("hybrid"));
  expect(hybrid).toMatchObject({ kind: "phrase", sessionCount: 3 });
  expect(["hybrid meetings", "hybrid meeting"]).toContain(hybrid!.term);
  expect(themes.indexOf(hybrid!)).toBe(1);
});

test("a word raised in only one break-out is not a theme", () => {
  const { themes } = analyseNotes(plantedSessions());
  const terms = themes.map((t) => t.term);
  expect(terms.some((t) => t.includes("kintsugi"))).toBe(false);
  expect(terms.some((t) => t.includes("canteen") || t.includes("coffee"))).toBe(false);
  expect(themes.every((t) => t.sessionCount >= 2)).toBe(true);
});

test("the words of a recurring phrase are merged into it when they only come up together", () => {
  const { themes } = analyseNotes(plantedSessions());
  const terms = themes.map((t) => t.term);
  expect(terms).not.toContain("psychological");
  expect(terms).not.toContain("safety");
  expect(terms).not.toContain("hybrid");
});

test("a word also raised on its own stays a theme next to its phrase", () => {
  const sessions = plantedSessions();
  sessions[6]!.insights.push("Safety on the shop floor is non-negotiable");
  sessions[7]!.insights.push("Safety first, then speed");
  const { themes } = analyseNotes(sessions);
  expect(themes.find((t) => t.term === "safety")).toMatchObject({ kind: "word", sessionCount: 7 });
  expect(themes.find((t) => t.term === "psychological safety")).toMatchObject({ sessionCount: 5 });
});

test("stop words, letter case and plurals do not split or make themes", () => {
  const { themes } = analyseNotes([
    { sessionId: "a", topic: "", insights: ["The Teams were not aligned on Priorities"], actions: [] },
    { sessionId: "b", topic: "", insights: ["A team with a clear priority"], actions: [] },
  ]);
  const terms = themes.map((t) => t.term);
  expect(terms).toEqual(expect.arrayContaining(["team", "priority"]));
  expect(terms).not.toContain("the");
  expect(terms).not.toContain("with");
  expect(stem("meetings")).toBe(stem("meeting"));
  expect(stem("priorities")).toBe(stem("priority"));
});

test("the names of the people present are never counted as themes", () => {
  const sessions: SessionNotes[] = ["a", "b", "c"].map((id) => ({ sessionId: id, topic: "", insights: [`Marta Kowalski shared a story on delegation`], actions: [] }));
  const { themes } = analyseNotes(sessions, { ignoreWords: ["marta", "kowalski"] });
  const terms = themes.map((t) => t.term).join(" | ");
  expect(terms).not.toMatch(/marta|kowalski/);
  expect(terms).toMatch(/delegation/);
});

test("themes touch the mindsets whose vocabulary they use, weighted by the sessions that raised them", () => {
  const { mindsets, themes } = analyseNotes(plantedSessions());
  const collaboration = mindsets.find((m) => m.mindset === "collaboration");
  // psychological safety (sessions 0-4), hybrid meetings (4-6), repairing teams (7).
  expect(collaboration?.sessionCount).toBe(8);
  expect(mindsets[0]!.mindset).toBe("collaboration");
  expect(collaboration!.terms).toEqual(expect.arrayContaining(["psychological safety"]));
  expect(themes[0]!.mindsets).toContain("collaboration");
});

test("a break-out about numbers and dashboards touches analysis; one about experiments touches action", () => {
  const { mindsets } = analyseNotes([
    { sessionId: "a", topic: "Dashboards nobody reads", insights: ["The KPI dashboard hides what the data really says"], actions: [] },
    { sessionId: "b", topic: "Small experiments", insights: ["Run a pilot before asking for permission"], actions: [] },
    { sessionId: "c", topic: "Budgets", insights: ["Cost reports arrive too late for decisions"], actions: [] },
  ]);
  expect(mindsets.find((m) => m.mindset === "analysis")?.sessionCount).toBe(2);
  expect(mindsets.find((m) => m.mindset === "action")?.sessionCount).toBe(1);
  expect(mindsets.find((m) => m.mindset === "worldliness")).toBeUndefined();
});

test("actions keep who committed to them when written as “Name: what”", () => {
  const { actions } = analyseNotes([
    {
      sessionId: "a",
      topic: "",
      insights: [],
      actions: ["Anna Schmidt: run a no-laptop meeting next week", "Tom – share the checklist", "Everyone reads the article", ""],
    },
  ]);
  expect(actions).toEqual([
    { sessionId: "a", who: "Anna Schmidt", what: "run a no-laptop meeting next week" },
    { sessionId: "a", who: "Tom", what: "share the checklist" },
    { sessionId: "a", who: null, what: "Everyone reads the article" },
  ]);
  expect(parseAction("note: this is not a name")).toEqual({ who: null, what: "note: this is not a name" });
});

test("the analysis of forty break-outs with long notes takes well under a second", () => {
  const sessions: SessionNotes[] = Array.from({ length: 40 }, (_, i) => ({
    sessionId: `s${i}`,
    topic: `Topic ${i}`,
    insights: Array.from({ length: 60 }, (_, k) => `${NOISE[(i + k) % NOISE.length]} with psychological safety and item ${k} word${i}`),
    actions: Array.from({ length: 10 }, (_, k) => `Person${k}: follow up on action ${k}`),
  }));
  const started = performance.now();
  const { themes } = analyseNotes(sessions);
  expect(performance.now() - started).toBeLessThan(1000);
  expect(themes[0]!.sessionCount).toBe(40);
});

test("a known person's name before an action is recognised whatever its spelling; names with particles are guessed", () => {
  expect(parseAction("anna de la cruz 7: book the room", ["Anna de la Cruz 7"])).toEqual({ who: "Anna de la Cruz 7", what: "book the room" });
  expect(parseAction("Anna van der Berg: book the room")).toEqual({ who: "Anna van der Berg", what: "book the room" });
});

test("the people's names are left out of the themes even when only passed as the people present", () => {
  const sessions: SessionNotes[] = ["a", "b", "c"].map((id) => ({ sessionId: id, topic: "", insights: [`Marta Kowalski shared a story on delegation`], actions: [] }));
  const terms = analyseNotes(sessions, { people: ["Marta Kowalski"] }).themes.map((t) => t.term).join(" | ");
  expect(terms).not.toMatch(/marta|kowalski/);
  expect(terms).toMatch(/delegation/);
});

// Japanese notes: words come from Intl.Segmenter, compounds are joined again,
// particles split terms, and names (with or without their space, with a title) never become themes.
const JAPANESE_SAFETY = [
  "心理的安全性が低いと、若手が会議で発言しない。",
  "心理的安全性は小さな日々の行動で育つ。",
  "田中さんの部署では心理的安全性を毎月話し合っている。",
];
const JAPANESE_NOISE = ["社員食堂のメニューが変わった。", "出張の精算が遅い。", "駐車場のルールが新しくなった。", "夏のイベントの話。"];

test("Japanese notes: a compound raised in three break-outs is a theme with that count; particles and one-off words are not", () => {
  const sessions: SessionNotes[] = JAPANESE_NOISE.map((noise, i) => ({
    sessionId: `j${i}`,
    topic: "",
    insights: [noise, ...(i < 3 ? [JAPANESE_SAFETY[i]!] : []), ...(i === 3 ? ["田中花子課長と評価面談の進め方を共有した。"] : [])],
    actions: [],
  }));
  const { themes } = analyseNotes(sessions, { people: ["田中 花子"] });
  const top = themes[0]!;
  expect(top.term).toBe("心理的安全性");
  expect(top.sessionCount).toBe(3);
  expect(top.sessionIds.sort()).toEqual(["j0", "j1", "j2"]);
  const terms = themes.map((t) => t.term);
  for (const particle of ["が", "の", "を", "は", "で"]) expect(terms).not.toContain(particle);
  expect(terms.join("|")).not.toMatch(/田中|花子/);
  // Each noise line was raised once.
  expect(terms).not.toContain("社員食堂");
});

test("a Japanese action names who committed: the full name, with or without its space, or one part with an honorific, before a full-width colon", () => {
  const people = ["田中 花子", "Bo Chen"];
  expect(parseAction("田中 花子：資料を共有する", people)).toEqual({ who: "田中 花子", what: "資料を共有する" });
  expect(parseAction("田中花子: 資料を共有する", people)).toEqual({ who: "田中 花子", what: "資料を共有する" });
  expect(parseAction("田中さん：次回の進行を担当", people)).toEqual({ who: "田中 花子", what: "次回の進行を担当" });
  expect(parseAction("来月までに資料を共有する", people)).toEqual({ who: null, what: "来月までに資料を共有する" });
});
