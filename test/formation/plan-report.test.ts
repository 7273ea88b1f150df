// The compare and adjust screens' numbers: ties, repeats, the objective, the
// rules a plan breaks and each group's line, checked against values worked
// out by hand; the two baselines; and the server-drawn comparison chart.
import fc from "fast-check";
import { comparisonChartSvg } from "~/domain/formation/comparison-chart.server";
import { compileDiversity, objective } from "~/domain/formation/diversity";
import { departmentSplit, randomSplit, reportPlan } from "~/domain/formation/plan-report";
import type { FormationProblem, FormationRules, PersonAttributes } from "~/domain/formation/problem";
import { translateNestedMessage } from "~/domain/i18n/nested-message";
import { i18nFor } from "~/domain/i18n/translators";

/** The report's words are catalogue keys with values: this is the English an admin reads. */
const english = (message: string) => translateNestedMessage(i18nFor("en"), message);
function englishReport(...args: Parameters<typeof reportPlan>) {
  const r = reportPlan(...args);
  return {
    ...r,
    violations: r.violations.map((v) => ({ ...v, message: english(v.message) })),
    groups: r.groups.map((g) => ({ ...g, line: english(g.line), violations: g.violations.map(english) })),
  };
}

const PEOPLE: PersonAttributes[] = [
  { name: "Ana Silva", department: "Sales", site: "Leeds" }, // 0
  { name: "Ben Okafor", department: "Finance", site: "York" }, // 1
  { name: "Cara Diaz", department: "Care", site: "Leeds" }, // 2
  { name: "Dev Patel", department: "IT", site: "Hull" }, // 3
  { name: "Eve Moreau", department: "Sales", site: "Leeds" }, // 4
  { name: "Finn Berg", department: "Sales", site: "York" }, // 5
  { name: "Gus Lind", department: "Finance", site: null }, // 6
  { name: "Hana Sato", department: null, site: "York" }, // 7
];

function problem(rules: FormationRules = {}, people: PersonAttributes[] = PEOPLE, groups = [{ min: 4, max: 4 }, { min: 4, max: 4 }]): FormationProblem {
  return {
    n: people.length,
    groups,
    people,
    diversity: { kind: "attributes", weights: { department: 3, site: 1, notMetBefore: 3 }, metBefore: [[0, 2], [4, 5]] },
    rules,
  };
}

// Group 1 = Ana, Ben, Cara, Dev; Group 2 = Eve, Finn, Gus, Hana.
const PLAN = [0, 0, 0, 0, 1, 1, 1, 1];

describe("a plan's numbers", () => {
  // Group 1: Ana–Cara met before; the other five pairs differ in both department and site (weight 3 + 1 + 3 = 7 each),
  // Ana–Cara differ in department only and met (3): 5 × 7 + 3 = 38.
  // Group 2: Eve–Finn met, same department, different site (1); Eve–Gus 3 + 3 (Gus's site unknown) = 6;
  // Eve–Hana 1 + 3 (Hana's department unknown) = 4; Finn–Gus 6; Finn–Hana same site, 3; Gus–Hana nothing known in common or apart, 3.
  // 1 + 6 + 4 + 6 + 3 + 3 = 23. Total 61.
  it("counts new ties and repeats, and its objective is the engine's", () => {
    const report = englishReport(problem(), PLAN, 2);
    expect(report.crossDepartmentTies).toBe(5 + 2);
    expect(report.crossSiteTies).toBe(5 + 1);
    expect(report.repeats).toBe(2);
    expect(report.objective).toBe(61);
    const p = problem();
    expect(report.objective).toBe(objective(compileDiversity(p.n, p.diversity, p.people), PLAN));
    expect(report.groups.map((g) => [g.size, g.departments, g.sites, g.repeats])).toEqual([
      [4, 4, 3, 1],
      [4, 2, 2, 1],
    ]);
  });

  it("treats a missing department or site as neither the same nor different", () => {
    // Gus (no site) and Hana (no department) alone in a group: no tie of either kind, and each unknown counts for nothing.
    const report = englishReport(problem({}, PEOPLE, [{ min: 6, max: 6 }, { min: 2, max: 2 }]), [0, 0, 0, 0, 0, 0, 1, 1], 2);
    expect(report.groups[1]).toMatchObject({ size: 2, departments: 1, sites: 1, repeats: 0 });
    // The group of six: Ana–Cara and Eve–Finn met; of the other 13 pairs, department differs in all but Ana–Eve,
    // Ana–Finn (both Sales): 11; site differs in all but Ana–Eve, Cara–Eve (Leeds), Ben–Finn (York): 10.
    expect(report.crossDepartmentTies).toBe(11);
    expect(report.crossSiteTies).toBe(10);
  });

  it("says in each group's line why it is mixed, in the right singular and plural", () => {
    expect(englishReport(problem(), PLAN, 2).groups.map((g) => g.line)).toEqual([
      "4 departments, 3 sites, 1 pair has met before",
      "2 departments, 2 sites, 1 pair has met before",
    ]);
    // Ana, Cara, Eve, Finn: both earlier pairs together.
    expect(englishReport(problem(), [0, 1, 0, 1, 0, 0, 1, 1], 2).groups.map((g) => g.line)).toEqual([
      "2 departments, 2 sites, 2 pairs have met before",
      "2 departments, 2 sites, nobody has met before",
    ]);
    const pairs = englishReport(problem({}, PEOPLE, [{ min: 1, max: 3 }, { min: 1, max: 3 }, { min: 1, max: 3 }]), [0, 1, 2, 2, 0, 1, 1, 2], 3);
    expect(pairs.groups.map((g) => g.line)).toEqual([
      "1 department, 1 site, nobody has met before", // Ana, Eve
      "2 departments, 1 site, nobody has met before", // Ben, Finn, Gus (no site)
      "2 departments, 3 sites, nobody has met before", // Cara, Dev, Hana (no department)
    ]);
    const alone = englishReport(problem({}, PEOPLE, []), [0, 0, 0, 0, 0, 0, 0, 1], 3).groups;
    expect(alone[1]!.line).toBe("no department known, 1 site, nobody has met before");
    expect(alone[2]!.line).toBe("Nobody is in this group");
  });
});

describe("rule violations", () => {
  it("a plan that keeps every rule has none", () => {
    const withBands = PEOPLE.map((p, i) => (i < 2 ? { ...p, band: "Europe" } : p));
    const report = englishReport(
      problem({ neverTogether: [[0, 4]], alwaysTogether: [[0, 1, 2]], maxPerDepartment: 2, pins: [[7, 1]] }, withBands),
      PLAN,
      2,
    );
    expect(report.violations).toEqual([]);
    expect(report.groups.every((g) => g.violations.length === 0)).toBe(true);
  });

  it("finds two people who must not be together", () => {
    const report = englishReport(problem({ neverTogether: [[4, 6], [0, 1]] }), PLAN, 2);
    expect(report.violations).toEqual([
      { rule: "never-together", group: 0, people: [0, 1], message: "Ana Silva and Ben Okafor must not be together (Group 1)." },
      { rule: "never-together", group: 1, people: [4, 6], message: "Eve Moreau and Gus Lind must not be together (Group 2)." },
    ]);
    expect(report.groups[0]!.violations).toEqual(["Ana Silva and Ben Okafor must not be together (Group 1)."]);
  });

  it("finds a set that must be together split, named by the page's group names", () => {
    const report = englishReport(problem({ alwaysTogether: [[3, 4]] }), PLAN, 2, (g) => ["Birch", "Cedar"][g]!);
    expect(report.violations).toEqual([
      { rule: "always-together", group: 0, people: [3, 4], message: "Dev Patel and Eve Moreau must be together, but are split across Birch and Cedar." },
    ]);
  });

  it("finds too many from one department in a group", () => {
    const report = englishReport(problem({ maxPerDepartment: 2 }), [0, 1, 0, 1, 0, 0, 1, 1], 2);
    expect(report.violations).toEqual([
      {
        rule: "department-cap",
        group: 0,
        people: [0, 4, 5],
        message: "Ana Silva, Eve Moreau and Finn Berg are all from Sales (Group 1); at most 2 from one department may share a group.",
      },
    ]);
  });

  it("finds different meeting times in one group, and ignores people without one", () => {
    const banded = PEOPLE.map((p, i) => ({ ...p, band: i === 0 ? "Europe" : i === 3 ? "Americas" : i >= 4 ? "Europe" : null }));
    const report = englishReport(problem({}, banded), PLAN, 2);
    expect(report.violations).toEqual([
      { rule: "bands", group: 0, people: [0, 3], message: "Group 1 mixes meeting times: Ana Silva (Europe) and Dev Patel (Americas)." },
    ]);
  });

  it("finds a pinned person outside their group", () => {
    const report = englishReport(problem({ pins: [[7, 0], [0, 0]] }), PLAN, 2);
    expect(report.violations).toEqual([{ rule: "pins", group: 1, people: [7], message: "Hana Sato is pinned to Group 1 but is in Group 2." }]);
  });

  it("finds a group outside its size range", () => {
    const report = englishReport(problem({}, PEOPLE, [{ min: 4, max: 4 }, { min: 4, max: 6 }]), [0, 0, 0, 0, 0, 1, 1, 1], 2);
    expect(report.violations).toEqual([
      { rule: "sizes", group: 0, people: [], message: "Group 1 has 5 people; it should have exactly 4." },
      { rule: "sizes", group: 1, people: [], message: "Group 2 has 3 people; it should have 4 to 6." },
    ]);
  });
});

describe("the baselines", () => {
  const sizes = (plan: Int32Array, m: number) => Array.from({ length: m }, (_, g) => plan.filter((x) => x === g).length);

  it("a random split places everyone once in groups that differ by at most one, the same for the same seed", () => {
    const people = Array.from({ length: 23 }, (_, i) => ({ name: `P${i}` }));
    const p = problem({}, people, []);
    const plan = randomSplit(p, 5, 7);
    expect(plan.length).toBe(23);
    expect(plan.every((g) => g >= 0 && g < 5)).toBe(true);
    expect(sizes(plan, 5).sort()).toEqual([4, 4, 5, 5, 5]);
    expect([...randomSplit(p, 5, 7)]).toEqual([...plan]);
    expect([...randomSplit(p, 5, 8)]).not.toEqual([...plan]);
  });

  it("a split by department cuts people in department, site and index order, unknown department last", () => {
    // Care: Cara; Finance: Ben (York), Gus (no site); IT: Dev; Sales: Ana, Eve (Leeds), Finn (York); then Hana.
    // Cut 3, 3, 2: [Cara, Ben, Gus], [Dev, Ana, Eve], [Finn, Hana].
    const plan = departmentSplit(problem(), 3);
    expect([...plan]).toEqual([1, 0, 0, 1, 1, 2, 0, 2]);
    expect([...departmentSplit(problem(), 3)]).toEqual([...plan]);
  });

  it("a split by department keeps each department together when the groups allow it", () => {
    const people = Array.from({ length: 10 }, (_, i) => ({ name: `P${i}`, department: i % 2 ? "Sales" : "Finance" }));
    const plan = departmentSplit(problem({}, people, []), 2);
    expect(sizes(plan, 2)).toEqual([5, 5]);
    expect(new Set(people.flatMap((p, i) => (p.department === "Sales" ? [plan[i]] : []))).size).toBe(1);
    expect(new Set(people.flatMap((p, i) => (p.department === "Finance" ? [plan[i]] : []))).size).toBe(1);
  });
});

describe("against the engine on random plans", () => {
  it("the report's objective is the engine's, and its ties and repeats match a count over every pair", () => {
    const values = [null, "A", "B", "C"];
    const cases = fc
      .record({ n: fc.integer({ min: 2, max: 24 }), m: fc.integer({ min: 1, max: 5 }) })
      .chain(({ n, m }) =>
        fc.record({
          n: fc.constant(n),
          m: fc.constant(m),
          people: fc.array(fc.record({ department: fc.constantFrom(...values), site: fc.constantFrom(...values) }), { minLength: n, maxLength: n }),
          plan: fc.array(fc.integer({ min: 0, max: m - 1 }), { minLength: n, maxLength: n }),
          met: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 20 }),
          adjust: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: -2, max: 2 })), { maxLength: 6 }),
        }),
      );
    fc.assert(
      fc.property(cases, ({ n, m, people, plan, met, adjust }) => {
        const p: FormationProblem = {
          n,
          groups: [],
          people,
          diversity: { kind: "attributes", weights: { department: 3, site: 1, notMetBefore: 2 }, metBefore: met, adjust: adjust.filter(([i, j]) => i < j) },
        };
        const report = englishReport(p, plan, m);
        expect(report.objective).toBeCloseTo(objective(compileDiversity(n, p.diversity, people), plan), 9);
        const metSet = new Set(met.flatMap(([i, j]) => [`${i}:${j}`, `${j}:${i}`]));
        let dept = 0, site = 0, repeats = 0;
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            if (plan[i] !== plan[j]) continue;
            if (metSet.has(`${i}:${j}`)) repeats++;
            else {
              const a = people[i]!, b = people[j]!;
              if (a.department && b.department && a.department !== b.department) dept++;
              if (a.site && b.site && a.site !== b.site) site++;
            }
          }
        }
        expect([report.crossDepartmentTies, report.crossSiteTies, report.repeats]).toEqual([dept, site, repeats]);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the comparison chart", () => {
  const rows = [
    { label: "Proposal", crossDepartmentTies: 41, crossSiteTies: 28, repeats: 0, violations: 0 },
    { label: "Random split", crossDepartmentTies: 35, crossSiteTies: 23, repeats: 4, violations: 6 },
    { label: "By department", crossDepartmentTies: 4, crossSiteTies: 12, repeats: 9, violations: 11 },
  ];

  it("is an SVG with one series per plan and the four measures", () => {
    const svg = comparisonChartSvg(rows);
    expect(svg.startsWith("<svg")).toBe(true);
    for (const text of ["Proposal", "Random split", "By department", "New cross-department ties", "Rule violations"]) expect(svg).toContain(text);
  });

  it("escapes a label, so no script can appear in the SVG", () => {
    const svg = comparisonChartSvg([{ ...rows[0]!, label: "<script>alert(1)</script>" }]);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain("&lt;script");
  });
});
