// A generated company with years of programme history, as plain rows: people
// with managers, cohorts split into groups, cycles of meetings, attendance,
// one-minute evaluations, module votes, take-aways, goals, continue votes,
// and groups that carried on as peer groups when sponsorship ended. The demo
// start and the programme benchmark both use it; a seed makes it
// deterministic. Pure: the writer (seed-company.server.ts) stores the rows.
//
// The history follows the programme's own rules (cycle-lifecycle,
// continue-vote, alumni-rule), so what the pages compute from it agrees with
// what the generator meant.
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import { newAlumni } from "../programme/alumni-rule";
import { continueVoteOutcome } from "../programme/continue-vote";
import type { CycleState } from "../programme/cycle-lifecycle";
import { addMonthsToLocalDate, instantToLocal, localToInstant } from "../reunions/zoned-time";

const DAY = 86_400_000;
const MINUTE = 60_000;

export type Site = { name: string; timeZone: string };

/** A person the caller already has (a demo account), placed into the history by key. */
export type FixedPerson = {
  id: string;
  departmentIndex: number;
  siteIndex: number;
  /** Enrolled in this cohort, in this group (index), unless facilitating. */
  cohortKey?: string;
  groupIndex?: number;
  /** Present at every meeting held (so a demo alumna is one by the rule). */
  keen?: boolean;
  /** Facilitates these groups: [cohortKey, groupIndex]. */
  facilitates?: [string, number][];
};

export type CohortPlan = {
  key: string;
  name: string;
  /** People enrolled, including fixed ones placed in it. */
  enrol: number;
  groups: number;
  firstMeetingAt: Date;
  meetingsPerCycle: number;
  intervalMonths: number;
  meetingMinutes: number;
  alumniThreshold: number;
  handoverFromMeeting: number;
  groupSizeMin: number;
  groupSizeMax: number;
  timeZone: string;
  /** Chance that a finished cycle's vote carries, when not fixed by `carries`. */
  continueChance: number;
  /** Fixes a vote: (group index, cycle number) → carries or not. */
  carries?: (groupIndex: number, cycleNumber: number) => boolean | undefined;
  sponsorshipEndsAt?: Date;
  /** With sponsorship ended: which offered groups gather enough consents to carry on. */
  converts?: (groupIndex: number) => boolean;
  /** Chance that a group's facilitator hands meetings over from the handover meeting on. */
  stepBackChance: number;
};

export type CompanySpec = {
  seed: number;
  now: Date;
  /** Everyone in the company, fixed people included. */
  people: number;
  departments: string[];
  sites: Site[];
  emailDomain: string;
  fixed: FixedPerson[];
  /** Extra facilitators generated for groups no fixed person facilitates. */
  facilitators: number;
  cohorts: CohortPlan[];
  /** The organisation's programme subset. */
  modules: { id: string; mindset: string }[];
  continueVote: { rule: "majority_of_votes" | "majority_of_members"; quorumPercent: number; windowDays: number };
};

export type GeneratedPerson = { id: string; name: string; email: string; jobTitle: string; departmentIndex: number; siteIndex: number; managerId: string | null; timeZone: string; facilitator: boolean };

export type GeneratedCompany = {
  people: GeneratedPerson[];
  cohorts: { id: string; key: string; plan: CohortPlan; createdAt: Date; memberIds: string[]; sponsorshipEndedAt: Date | null }[];
  groups: { id: string; cohortId: string; name: string; kind: "programme" | "peer"; facilitatorId: string; memberIds: string[]; convenerId: string | null; createdAt: Date }[];
  cycles: {
    id: string;
    groupId: string;
    number: number;
    state: CycleState;
    meetingsPlanned: number;
    groupGoal: string;
    concerns: string;
    groupGoalRating: number | null;
    startedAt: Date | null;
    voteOpenedAt: Date | null;
    voteClosesAt: Date | null;
    endedAt: Date | null;
    outcome: string;
    createdAt: Date;
  }[];
  series: { id: string; organiserId: string }[];
  meetings: {
    id: string;
    cycleId: string;
    groupId: string;
    seriesId: string;
    number: number;
    title: string;
    startsAt: Date;
    endsAt: Date;
    timeZone: string;
    location: string;
    onlineUrl: string | null;
    cancelled: boolean;
    moduleId: string | null;
    moduleConfirmed: boolean;
    hostId: string;
    held: boolean;
    hostRating: number | null;
    recap: string;
  }[];
  attendance: { meetingId: string; userId: string; status: "present" | "excused" | "absent"; recordedBy: string; recordedAt: Date }[];
  evaluations: { meetingId: string; usefulness: number; safety: number; willTry: boolean; comment: string }[];
  receipts: { meetingId: string; userId: string }[];
  moduleVotes: { meetingId: string; userId: string; moduleId: string; createdAt: Date }[];
  takeaways: { id: string; userId: string; moduleId: string; meetingId: string; text: string; followUp: "tried" | "not_yet" | null; createdAt: Date }[];
  goals: { cycleId: string; userId: string; text: string; shared: boolean; progress: number | null; whatHelped: string; createdAt: Date }[];
  cycleVotes: { cycleId: string; userId: string; vote: "continue" | "stop"; updatedAt: Date }[];
  conversions: { groupId: string; status: "open" | "converted" | "declined"; offeredAt: Date; closesAt: Date; decidedAt: Date | null }[];
  conversionAnswers: { groupId: string; userId: string; consent: boolean; answeredAt: Date }[];
  /** Members who earned the alumnus role by the rule, with the cycle and when. */
  alumni: { userId: string; cycleId: string; at: Date }[];
  /** Enrolled people whose programme is still under way. */
  participants: string[];
};

// Fresh name lists written for Roundtable; combined, they give thousands of people.
const FIRST_NAMES = [
  "Aisha", "Bram", "Camille", "Dario", "Eilidh", "Farid", "Greta", "Hiroshi", "Ines", "Jonas", "Kavya", "Lars", "Marta", "Nadia", "Olu", "Pieter",
  "Quentin", "Rosa", "Sanne", "Tariq", "Ursula", "Vikram", "Wiebke", "Xavier", "Yara", "Zofia", "Amara", "Bastien", "Ciara", "Dmitri", "Elif", "Florian",
  "Gwen", "Hamza", "Ilse", "Joaquín", "Katrien", "Leandro", "Maëlle", "Niamh", "Omar", "Paula", "Rafael", "Selin", "Tobias", "Uma", "Valentina", "Wouter",
  "Yusuf", "Zainab", "Anouk", "Benedikt", "Chiara", "Declan", "Esther", "Fatima", "Gijs", "Hana", "Isaac", "Jelena",
];
const LAST_NAMES = [
  "Achterberg", "Bakker", "Castellano", "Dubois", "Eriksen", "Fontaine", "Gallagher", "Hoekstra", "Ibrahim", "Jansen", "Kowalczyk", "Lefebvre", "Moreno", "Nakamura",
  "O'Brien", "Petrov", "Quist", "Rossi", "Schouten", "Thorne", "Uddin", "Vermeulen", "Whitfield", "Yilmaz", "Zanetti", "Adebayo", "Brennan", "Chevalier", "Draper",
  "Esposito", "Fischer", "Gunawardena", "Haddad", "Iversen", "Jovanović", "Kaur", "Lindgren", "Mahlangu", "Novak", "Okafor", "Pereira", "Renard", "Sandoval",
  "Takahashi", "Ulrich", "Visser", "Wójcik", "Young", "Zimmermann", "Abara", "Bouchard", "Claes", "De Vries", "Ekström", "Ferreira", "Grünewald", "Holm", "Ito",
];
const TITLE_PATTERNS = ["{d} Manager", "Team Lead, {d}", "Senior {d} Lead", "{d} Section Head", "Deputy Manager, {d}", "{d} Coordinator"];

const GOALS = [
  "Stop answering every message within minutes and protect two mornings a week for planning.",
  "Have the overdue conversation with one of my team leads about their workload.",
  "Get to know two colleagues in departments I depend on but rarely talk to.",
  "Delegate the weekly report and resist the urge to rewrite it.",
  "Ask my team for feedback on how I run our Monday meeting, and act on one point.",
  "Understand how Finance decides on budgets before the next planning round.",
  "Spend one hour a week on the improvement I keep postponing.",
  "Be clearer about what I expect when I hand over a task.",
  "Find out what our customers complain about most, first hand.",
  "Say no to one recurring meeting that no longer helps anyone.",
];
const GROUP_GOALS = [
  "Build enough trust that people bring real problems, not polished ones.",
  "Help the group connect across sites that usually only meet on conference calls.",
  "Move from swapping stories to trying things between meetings.",
];
const CONCERNS = [
  "Two members report to each other's peers; watch that they feel free to speak.",
  "Shift patterns make attendance hard for the Maintenance members.",
  "One member tends to fill the silence; give the quieter ones room.",
];
const WHAT_HELPED = [
  "Hearing that others struggle with the same thing.",
  "The question about where my week really goes.",
  "A colleague from another site who offered to help.",
  "Writing the take-away down and checking it a week later.",
  "",
];
const TAKEAWAYS = [
  "Block Thursday morning for thinking work and tell the team why.",
  "Call the planner in Logistics before escalating by email.",
  "Ask 'what would help?' before offering my solution.",
  "Share the budget numbers with my team leads instead of summarising them.",
  "End each one-to-one by asking what I should stop doing.",
  "Walk the floor on Monday instead of reading the dashboard.",
  "Agree with my manager which two priorities can wait.",
  "Invite a colleague from another site to our weekly review.",
  "Write down the decision and who owns it at the end of each meeting.",
  "Try one small experiment with the rota and measure it for a month.",
];
const COMMENTS = [
  "Good to hear how other sites handle this.",
  "The second question hit home.",
  "We ran out of time for the last page.",
  "It felt easier to speak up than last time.",
  "Would like more time for take-aways.",
  "A quiet start, but the discussion on priorities was worth it.",
];
const RECAPS = [
  "Thanks all. We spent most of the time on the second question; several of you will try protecting time for planning. Next month we pick up where we left off.",
  "A lively session. Three of you committed to calling a colleague in another department before escalating. See you next month.",
  "We were fewer today but went deep. Remember to note how your take-away went before the next meeting.",
];

type Rng = RandomGenerator;

function makeRandom(seed: number) {
  const rng: Rng = xoroshiro128plus(seed);
  const int = (min: number, max: number) => uniformInt(rng, min, max);
  const chance = (p: number) => int(0, 999_999) < p * 1_000_000;
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = int(0, i);
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };
  const hex = (n: number) => Array.from({ length: n }, () => int(0, 15).toString(16)).join("");
  // A version-4 shaped id from the generator, so the same seed gives the same ids.
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[int(0, 3)]}${hex(3)}-${hex(12)}`;
  return { int, chance, pick, shuffle, uuid };
}

type Random = ReturnType<typeof makeRandom>;

const clampScore = (x: number) => Math.max(1, Math.min(5, Math.round(x)));

export function generateCompany(spec: CompanySpec): GeneratedCompany {
  const r = makeRandom(spec.seed);
  const out: GeneratedCompany = {
    people: [],
    cohorts: [],
    groups: [],
    cycles: [],
    series: [],
    meetings: [],
    attendance: [],
    evaluations: [],
    receipts: [],
    moduleVotes: [],
    takeaways: [],
    goals: [],
    cycleVotes: [],
    conversions: [],
    conversionAnswers: [],
    alumni: [],
    participants: [],
  };

  const people = generatePeople(spec, r);
  out.people = people.filter((p) => !spec.fixed.some((f) => f.id === p.id));
  const byId = new Map(people.map((p) => [p.id, p]));
  const fixedIds = new Set(spec.fixed.map((f) => f.id));

  // Facilitators: fixed ones plus generated ones, taken from the people list.
  const generatedFacilitators = people.filter((p) => p.facilitator && !fixedIds.has(p.id)).map((p) => p.id);
  const busy = new Set<string>([...generatedFacilitators, ...spec.fixed.filter((f) => f.facilitates?.length).map((f) => f.id)]);
  // Everyone else may be enrolled, once.
  const free = r.shuffle(people.filter((p) => !busy.has(p.id) && !fixedIds.has(p.id)).map((p) => p.id));
  const alumniSoFar = new Set<string>();

  let facilitatorTurn = 0;
  for (const plan of spec.cohorts) {
    const cohortId = r.uuid();
    const fixedHere = spec.fixed.filter((f) => f.cohortKey === plan.key && f.groupIndex !== undefined);
    const enrolled = [...fixedHere.map((f) => f.id), ...free.splice(0, Math.max(0, plan.enrol - fixedHere.length))];
    out.cohorts.push({ id: cohortId, key: plan.key, plan, createdAt: new Date(plan.firstMeetingAt.getTime() - 30 * DAY), memberIds: enrolled, sponsorshipEndedAt: plan.sponsorshipEndsAt && plan.sponsorshipEndsAt <= spec.now ? plan.sponsorshipEndsAt : null });

    // Groups mixed across departments and sites: deal people out round-robin after sorting by department.
    const rest = enrolled.filter((id) => !fixedHere.some((f) => f.id === id));
    rest.sort((a, b) => byId.get(a)!.departmentIndex - byId.get(b)!.departmentIndex || byId.get(a)!.siteIndex - byId.get(b)!.siteIndex);
    const memberLists: string[][] = Array.from({ length: plan.groups }, () => []);
    for (const f of fixedHere) memberLists[f.groupIndex!]!.push(f.id);
    let turn = 0;
    for (const id of rest) {
      while (memberLists[turn % plan.groups]!.length >= plan.groupSizeMax) turn++;
      memberLists[turn % plan.groups]!.push(id);
      turn++;
    }

    for (let g = 0; g < plan.groups; g++) {
      const fixedFacilitator = spec.fixed.find((f) => f.facilitates?.some(([key, index]) => key === plan.key && index === g));
      const facilitatorId = fixedFacilitator?.id ?? generatedFacilitators[facilitatorTurn++ % generatedFacilitators.length]!;
      const groupId = r.uuid();
      const memberIds = memberLists[g]!;
      const group = {
        id: groupId,
        cohortId,
        name: `${plan.name.split(",")[0]} · Circle ${g + 1}`,
        kind: "programme" as "programme" | "peer",
        facilitatorId,
        memberIds,
        convenerId: null as string | null,
        createdAt: new Date(plan.firstMeetingAt.getTime() - 21 * DAY),
      };
      out.groups.push(group);
      simulateGroup(spec, plan, g, group, r, out, byId, alumniSoFar);
    }
  }
  const unfinished = new Set(out.cycles.filter((c) => c.state === "planned" || c.state === "running" || c.state === "evaluating").map((c) => c.groupId));
  const stillIn = new Set<string>();
  for (const group of out.groups) if (group.kind === "programme" && unfinished.has(group.id)) for (const id of group.memberIds) stillIn.add(id);
  out.participants = [...stillIn];
  return out;
}

function generatePeople(spec: CompanySpec, r: Random): GeneratedPerson[] {
  const people: GeneratedPerson[] = [];
  const used = new Set<string>();
  const generated = spec.people - spec.fixed.length;
  for (let i = 0; i < generated; i++) {
    const first = r.pick(FIRST_NAMES);
    const last = r.pick(LAST_NAMES);
    const base = `${first}.${last}`
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z.]/g, "")
      .toLowerCase();
    let email = `${base}@${spec.emailDomain}`;
    for (let n = 2; used.has(email); n++) email = `${base}${n}@${spec.emailDomain}`;
    used.add(email);
    const departmentIndex = i % spec.departments.length;
    const siteIndex = r.int(0, spec.sites.length - 1);
    const department = spec.departments[departmentIndex]!;
    people.push({
      id: r.uuid(),
      name: `${first} ${last}`,
      email,
      jobTitle: r.pick(TITLE_PATTERNS).replace("{d}", department),
      departmentIndex,
      siteIndex,
      managerId: null,
      timeZone: spec.sites[siteIndex]!.timeZone,
      facilitator: i < spec.facilitators,
    });
  }
  for (const f of spec.fixed) {
    people.push({ id: f.id, name: "", email: "", jobTitle: "", departmentIndex: f.departmentIndex, siteIndex: f.siteIndex, managerId: null, timeZone: spec.sites[f.siteIndex]!.timeZone, facilitator: Boolean(f.facilitates?.length) });
  }
  // Managers: in each department the first person is its head, about one in six lead a unit, and everyone else reports to a unit lead.
  for (let d = 0; d < spec.departments.length; d++) {
    const inDept = people.filter((p) => p.departmentIndex === d && !spec.fixed.some((f) => f.id === p.id));
    const head = inDept[0];
    if (!head) continue;
    const leads = inDept.slice(1, 1 + Math.max(1, Math.floor(inDept.length / 6)));
    for (const lead of leads) lead.managerId = head.id;
    for (const person of inDept.slice(1 + leads.length)) person.managerId = r.pick(leads).id;
  }
  return people;
}

function monthlyStarts(plan: CohortPlan, first: Date, count: number, offsetMonths: number): Date[] {
  const local = instantToLocal(first, plan.timeZone);
  return Array.from({ length: count }, (_, i) => localToInstant({ date: addMonthsToLocalDate(local.date, offsetMonths + i * plan.intervalMonths), time: local.time }, plan.timeZone));
}

function simulateGroup(
  spec: CompanySpec,
  plan: CohortPlan,
  groupIndex: number,
  group: GeneratedCompany["groups"][number],
  r: Random,
  out: GeneratedCompany,
  byId: Map<string, GeneratedPerson>,
  alumniSoFar: Set<string>,
) {
  const now = spec.now;
  const sponsorEnd = plan.sponsorshipEndsAt;
  // Each member's habit: most come nearly always, a few drift away.
  const propensity = new Map(group.memberIds.map((id) => [id, 0.55 + r.int(0, 43) / 100]));
  const keen = new Set(spec.fixed.filter((f) => f.keen).map((f) => f.id));
  const stepsBack = r.chance(plan.stepBackChance);
  const ranModules = new Set<string>();
  // Groups start within the first week of the cohort, on their own weekday.
  let firstStart = new Date(plan.firstMeetingAt.getTime() + (groupIndex % 4) * DAY);
  const location = `${spec.sites[byId.get(group.memberIds[0] ?? group.facilitatorId)?.siteIndex ?? 0]!.name} office, meeting room ${groupIndex + 1}`;
  const onlineUrl = `https://meet.example.com/circle-${group.id.slice(0, 8)}`;

  for (let cycleNumber = 1; ; cycleNumber++) {
    const cycleId = r.uuid();
    const seriesId = r.uuid();
    out.series.push({ id: seriesId, organiserId: group.facilitatorId });
    const starts = monthlyStarts(plan, firstStart, plan.meetingsPerCycle, 0);
    const cycle: GeneratedCompany["cycles"][number] = {
      id: cycleId,
      groupId: group.id,
      number: cycleNumber,
      state: "planned",
      meetingsPlanned: plan.meetingsPerCycle,
      groupGoal: r.pick(GROUP_GOALS),
      concerns: r.pick(CONCERNS),
      groupGoalRating: null,
      startedAt: null,
      voteOpenedAt: null,
      voteClosesAt: null,
      endedAt: null,
      outcome: "",
      createdAt: new Date(starts[0]!.getTime() - 14 * DAY),
    };
    out.cycles.push(cycle);
    const sponsorStopsCycle = sponsorEnd && sponsorEnd <= now ? sponsorEnd : null;
    const present = new Map(group.memberIds.map((id) => [id, 0]));
    let lastEnd: Date | null = null;

    for (let n = 1; n <= plan.meetingsPerCycle; n++) {
      const startsAt = starts[n - 1]!;
      const endsAt = new Date(startsAt.getTime() + plan.meetingMinutes * MINUTE);
      const cancelled = Boolean(sponsorStopsCycle && startsAt > sponsorStopsCycle);
      const held = !cancelled && endsAt <= now;
      const meetingId = r.uuid();
      const hostId = cycleNumber > 1 || (stepsBack && n >= plan.handoverFromMeeting) ? r.pick(group.memberIds) : group.facilitatorId;
      // The module: one the group has not run yet when there is one; decided by the members' vote before the meeting.
      const fresh = spec.modules.filter((m) => !ranModules.has(m.id));
      const module = r.pick(fresh.length ? fresh : spec.modules);
      const decided = startsAt.getTime() - now.getTime() < 20 * DAY;
      if (decided && !cancelled) {
        ranModules.add(module.id);
        const alternatives = spec.modules.filter((m) => m.id !== module.id);
        for (const voter of group.memberIds) {
          if (!r.chance(0.8)) continue;
          const choice = r.chance(0.65) || alternatives.length === 0 ? module.id : r.pick(alternatives.slice(0, 2)).id;
          out.moduleVotes.push({ meetingId, userId: voter, moduleId: choice, createdAt: new Date(startsAt.getTime() - r.int(3, 20) * DAY) });
        }
      }
      // Scores grow as the group finds its feet: early meetings are polite, later ones open.
      const progress = (n - 1) / Math.max(1, plan.meetingsPerCycle - 1) + (cycleNumber - 1) * 0.3;
      out.meetings.push({
        id: meetingId,
        cycleId,
        groupId: group.id,
        seriesId,
        number: n,
        title: `${group.name} · meeting ${n} of ${plan.meetingsPerCycle}`,
        startsAt,
        endsAt,
        timeZone: plan.timeZone,
        location: n % 3 === 0 ? "" : location,
        onlineUrl: n % 3 === 0 ? onlineUrl : null,
        cancelled,
        moduleId: decided && !cancelled ? module.id : null,
        moduleConfirmed: decided && !cancelled && startsAt.getTime() - now.getTime() < 10 * DAY,
        hostId,
        held,
        hostRating: held ? clampScore(3.4 + progress * 1.2 + r.int(-10, 10) / 10) : null,
        recap: held && r.chance(0.6) ? r.pick(RECAPS) : "",
      });
      if (!held) continue;
      lastEnd = endsAt;
      if (cycle.startedAt === null) cycle.startedAt = startsAt;
      const recordedAt = new Date(endsAt.getTime() + r.int(5, 600) * MINUTE);
      for (const userId of group.memberIds) {
        const p = keen.has(userId) ? 1 : Math.min(0.98, propensity.get(userId)! + progress * 0.05);
        const status = r.chance(p) ? "present" : r.chance(0.6) ? "excused" : "absent";
        out.attendance.push({ meetingId, userId, status, recordedBy: hostId, recordedAt });
        if (status !== "present") continue;
        present.set(userId, present.get(userId)! + 1);
        if (r.chance(0.8)) {
          out.receipts.push({ meetingId, userId });
          out.evaluations.push({
            meetingId,
            usefulness: clampScore(3.1 + progress * 1.3 + r.int(-12, 12) / 10),
            safety: clampScore(2.9 + progress * 1.6 + r.int(-12, 12) / 10),
            willTry: r.chance(0.55 + progress * 0.25),
            comment: r.chance(0.25) ? r.pick(COMMENTS) : "",
          });
        }
        if (r.chance(0.7)) {
          const isLast = n === plan.meetingsPerCycle;
          out.takeaways.push({
            id: r.uuid(),
            userId,
            moduleId: module.id,
            meetingId,
            text: r.pick(TAKEAWAYS),
            followUp: isLast || !r.chance(0.85) ? null : r.chance(0.6 + progress * 0.2) ? "tried" : "not_yet",
            createdAt: new Date(endsAt.getTime() - 5 * MINUTE),
          });
        }
      }
    }

    // Goals: written at the start, rated at the end.
    if (cycle.startedAt) {
      for (const userId of group.memberIds) {
        if (!r.chance(0.85)) continue;
        out.goals.push({ cycleId, userId, text: r.pick(GOALS), shared: r.chance(0.4), progress: null, whatHelped: "", createdAt: new Date(cycle.startedAt.getTime() + r.int(0, 5) * DAY) });
      }
    }

    const allHeld = out.meetings.filter((m) => m.cycleId === cycleId && m.held).length === plan.meetingsPerCycle;
    const voteClosesAt = allHeld && lastEnd ? new Date(lastEnd.getTime() + spec.continueVote.windowDays * DAY) : null;
    // Sponsorship ended before this cycle's vote was decided: the cycle ends then, and the group is offered to carry on.
    if (sponsorStopsCycle && (!voteClosesAt || voteClosesAt > sponsorStopsCycle)) {
      if (voteClosesAt) {
        cycle.voteOpenedAt = lastEnd;
        cycle.voteClosesAt = voteClosesAt;
        rateGoals(out, cycle, r);
      }
      finish(cycle, "ended", sponsorStopsCycle, "groups:cycle.outcomes.sponsorshipEnded");
      earnAlumni(out, plan, cycle, present, alumniSoFar, sponsorStopsCycle);
      offerConversion(spec, plan, groupIndex, group, r, out, sponsorStopsCycle, present);
      return;
    }
    if (cycle.startedAt) cycle.state = "running";
    if (!allHeld || !lastEnd) return; // still running (or planned)

    cycle.state = "evaluating";
    cycle.voteOpenedAt = lastEnd;
    cycle.voteClosesAt = voteClosesAt!;
    rateGoals(out, cycle, r);
    const windowClosed = cycle.voteClosesAt <= now;
    const wanted = plan.carries?.(groupIndex, cycleNumber) ?? r.chance(plan.continueChance);
    const voters = r.shuffle([...group.memberIds]);
    const voting = windowClosed ? voters.length - r.int(0, 1) : Math.floor(voters.length / 2);
    const yes = wanted ? Math.floor(voting / 2) + 1 : Math.max(0, Math.floor((voting - 1) / 2));
    voters.slice(0, voting).forEach((userId, i) => {
      out.cycleVotes.push({ cycleId, userId, vote: i < yes ? "continue" : "stop", updatedAt: new Date(lastEnd!.getTime() + r.int(1, spec.continueVote.windowDays * 24 - 1) * 3_600_000 * (windowClosed ? 1 : 0.3)) });
    });
    if (!windowClosed) return;
    const outcome = continueVoteOutcome({ members: group.memberIds.length, continue: Math.min(yes, voting), stop: voting - Math.min(yes, voting) }, spec.continueVote, { windowClosed: true });
    const carried = outcome.status === "carried";
    finish(cycle, carried ? "continued" : "ended", cycle.voteClosesAt, outcome.status === "open" ? "" : outcome.reason);
    earnAlumni(out, plan, cycle, present, alumniSoFar, cycle.voteClosesAt);
    if (!carried) return;
    // The next cycle: same time of day, one interval after the last meeting.
    firstStart = monthlyStarts(plan, starts.at(-1)!, 1, plan.intervalMonths)[0]!;
  }
}

function finish(cycle: GeneratedCompany["cycles"][number], state: CycleState, at: Date, outcome: string) {
  cycle.state = state;
  cycle.endedAt = at;
  cycle.outcome = outcome;
}

function rateGoals(out: GeneratedCompany, cycle: GeneratedCompany["cycles"][number], r: Random) {
  cycle.groupGoalRating = r.int(3, 5);
  for (const goal of out.goals) {
    if (goal.cycleId !== cycle.id || !r.chance(0.8)) continue;
    goal.progress = r.int(2, 5);
    goal.whatHelped = r.pick(WHAT_HELPED);
  }
}

function earnAlumni(out: GeneratedCompany, plan: CohortPlan, cycle: GeneratedCompany["cycles"][number], present: Map<string, number>, alumniSoFar: Set<string>, at: Date) {
  const members = [...present].map(([userId, n]) => ({ userId, present: n }));
  for (const userId of newAlumni(members, plan.alumniThreshold, alumniSoFar)) {
    alumniSoFar.add(userId);
    out.alumni.push({ userId, cycleId: cycle.id, at });
  }
}

function offerConversion(
  spec: CompanySpec,
  plan: CohortPlan,
  groupIndex: number,
  group: GeneratedCompany["groups"][number],
  r: Random,
  out: GeneratedCompany,
  at: Date,
  present: Map<string, number>,
) {
  const closesAt = new Date(at.getTime() + 14 * DAY);
  const decided = closesAt <= spec.now;
  const converts = plan.converts?.(groupIndex) ?? false;
  const members = r.shuffle([...group.memberIds]);
  const consenting = converts ? members.slice(0, Math.max(3, Math.ceil(members.length * 0.7))) : members.slice(0, r.int(0, 2));
  members.forEach((userId) => {
    if (!decided && !r.chance(0.6)) return;
    out.conversionAnswers.push({ groupId: group.id, userId, consent: consenting.includes(userId), answeredAt: new Date(at.getTime() + r.int(1, 13) * DAY) });
  });
  const status = !decided ? "open" : converts ? "converted" : "declined";
  out.conversions.push({ groupId: group.id, status, offeredAt: at, closesAt, decidedAt: decided ? closesAt : null });
  if (status !== "converted") return;
  group.kind = "peer";
  group.memberIds = consenting;
  // The most active consenting member convenes.
  group.convenerId = [...consenting].sort((a, b) => (present.get(b) ?? 0) - (present.get(a) ?? 0))[0]!;
  group.name = `${group.name} (carrying on)`;
}
