// The programme's "work of the day" for the home page, read from the same
// model as /programme: for a member, the next meeting, a module vote to cast,
// evaluations to give, a goal to write, a continue vote open and take-aways
// to follow up; for a facilitator, the next meeting across their groups and
// the groups that need them. Pure, so it can be shown anywhere.
type Meeting = { id: string; number: number; startsAt: Date | string | null };

type MemberGroup = {
  id: string;
  name: string;
  cycle: { number: number; meetingsPlanned: number } | null;
  next: Meeting | null;
  voteToCast: Meeting | null;
  evaluationsToGive: { id: string; number: number }[];
  goalToWrite: boolean;
  continueVoteOpen: boolean;
  takeaways: { followUp: string | null }[];
};

type FacilitatedGroup = {
  id: string;
  name: string;
  cycle: unknown;
  next: (Meeting & { module: { title: string } | null; moduleConfirmed: boolean }) | null;
  risk: { atRisk: boolean };
  stepBack: { suggest: boolean } | null;
  evaluationsWaiting: number;
};

export type WorkItem = { text: string; to: string; when?: Date | string | null; urgent?: boolean };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const time = (d: Date | string | null) => (d === null ? Number.POSITIVE_INFINITY : new Date(d).getTime());

export function participantWork(groups: readonly MemberGroup[]): WorkItem[] {
  const items: WorkItem[] = [];
  for (const g of groups) {
    const of = g.cycle ? ` of ${g.cycle.meetingsPlanned}` : "";
    if (g.next) items.push({ text: `${g.name}: meeting ${g.next.number}${of}`, to: `/programme/meetings/${g.next.id}`, when: g.next.startsAt });
    if (g.voteToCast) items.push({ text: `Vote for the module of meeting ${g.voteToCast.number}`, to: `/programme/meetings/${g.voteToCast.id}` });
    for (const m of g.evaluationsToGive) items.push({ text: `Give your one-minute evaluation of meeting ${m.number}`, to: `/programme/meetings/${m.id}/evaluate`, urgent: true });
    if (g.goalToWrite) items.push({ text: `Write your goal for cycle ${g.cycle?.number ?? 1}`, to: `/groups/${g.id}/cycle#goals` });
    if (g.continueVoteOpen) items.push({ text: "Vote: should your group continue for another cycle?", to: `/groups/${g.id}/cycle#vote`, urgent: true });
    const open = g.takeaways.filter((t) => t.followUp === null).length;
    if (open) items.push({ text: `Did you try it? ${plural(open, "take-away")} from your last meeting`, to: "/programme#takeaways" });
  }
  return items;
}

export function facilitatorWork(groups: readonly FacilitatedGroup[]): WorkItem[] {
  const items: WorkItem[] = [];
  const next = groups.filter((g) => g.next).sort((a, b) => time(a.next!.startsAt) - time(b.next!.startsAt))[0];
  if (next?.next) {
    const module = next.next.module ? ` · ${next.next.module.title}${next.next.moduleConfirmed ? "" : " (to confirm)"}` : " · module to choose";
    items.push({ text: `${next.name}: meeting ${next.next.number}${module}`, to: `/programme/meetings/${next.next.id}`, when: next.next.startsAt });
  }
  const unscheduled = groups.filter((g) => g.cycle === null);
  for (const g of unscheduled) items.push({ text: `Schedule the first cycle of ${g.name}`, to: `/groups/${g.id}/cycle` });
  const atRisk = groups.filter((g) => g.risk.atRisk).length;
  if (atRisk) items.push({ text: `${plural(atRisk, "group")} at risk`, to: "/programme", urgent: true });
  const ready = groups.filter((g) => g.stepBack?.suggest).length;
  if (ready) items.push({ text: `${plural(ready, "group")} ready to run ${ready === 1 ? "itself" : "themselves"}`, to: "/programme" });
  const waiting = groups.reduce((n, g) => n + g.evaluationsWaiting, 0);
  if (waiting) items.push({ text: `${plural(waiting, "evaluation")} still to come in`, to: "/programme" });
  return items;
}
