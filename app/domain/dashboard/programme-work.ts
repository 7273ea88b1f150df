// The programme's "work of the day" for the home page, read from the same
// model as /programme: for a member, the next meeting, a module vote to cast,
// evaluations to give, a goal to write, a continue vote open and take-aways
// to follow up; for a facilitator, the next meeting across their groups and
// the groups that need them. Pure, so it can be shown anywhere. Each item's
// text is a catalogue message (app/locales/<language>/home.json, work).
import { message } from "../i18n/message";

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

const time = (d: Date | string | null) => (d === null ? Number.POSITIVE_INFINITY : new Date(d).getTime());

export function participantWork(groups: readonly MemberGroup[]): WorkItem[] {
  const items: WorkItem[] = [];
  for (const g of groups) {
    if (g.next) {
      const text = g.cycle
        ? message("home:work.nextMeetingOf", { group: g.name, meeting: g.next.number, planned: g.cycle.meetingsPlanned })
        : message("home:work.nextMeeting", { group: g.name, meeting: g.next.number });
      items.push({ text, to: `/programme/meetings/${g.next.id}`, when: g.next.startsAt });
    }
    if (g.voteToCast) items.push({ text: message("home:work.vote", { meeting: g.voteToCast.number }), to: `/programme/meetings/${g.voteToCast.id}` });
    for (const m of g.evaluationsToGive) items.push({ text: message("home:work.evaluate", { meeting: m.number }), to: `/programme/meetings/${m.id}/evaluate`, urgent: true });
    if (g.goalToWrite) items.push({ text: message("home:work.goal", { cycle: g.cycle?.number ?? 1 }), to: `/groups/${g.id}/cycle#goals` });
    if (g.continueVoteOpen) items.push({ text: "home:work.continueVote", to: `/groups/${g.id}/cycle#vote`, urgent: true });
    const open = g.takeaways.filter((t) => t.followUp === null).length;
    if (open) items.push({ text: message("home:work.followUp", { count: open }), to: "/programme#takeaways" });
  }
  return items;
}

export function facilitatorWork(groups: readonly FacilitatedGroup[]): WorkItem[] {
  const items: WorkItem[] = [];
  const next = groups.filter((g) => g.next).sort((a, b) => time(a.next!.startsAt) - time(b.next!.startsAt))[0];
  if (next?.next) {
    const { module, moduleConfirmed, number } = next.next;
    const key = module ? (moduleConfirmed ? "home:work.facilitatedMeeting" : "home:work.facilitatedMeetingToConfirm") : "home:work.facilitatedMeetingNoModule";
    items.push({ text: message(key, { group: next.name, meeting: number, module: module?.title ?? "" }), to: `/programme/meetings/${next.next.id}`, when: next.next.startsAt });
  }
  const unscheduled = groups.filter((g) => g.cycle === null);
  for (const g of unscheduled) items.push({ text: message("home:work.schedule", { group: g.name }), to: `/groups/${g.id}/cycle` });
  const atRisk = groups.filter((g) => g.risk.atRisk).length;
  if (atRisk) items.push({ text: message("home:work.atRisk", { count: atRisk }), to: "/programme", urgent: true });
  const ready = groups.filter((g) => g.stepBack?.suggest).length;
  if (ready) items.push({ text: message("home:work.ready", { count: ready }), to: "/programme" });
  const waiting = groups.reduce((n, g) => n + g.evaluationsWaiting, 0);
  if (waiting) items.push({ text: message("home:work.evaluationsWaiting", { count: waiting }), to: "/programme" });
  return items;
}
