// Two or three suggested next steps for a person, from their latest ARC
// self-assessment and a few facts about their ties. The rules are documented
// in docs/insights.md ("Suggested next steps"); they are checked in order and
// the first three that apply are shown. When fewer than two apply, the two
// general steps at the end fill in, so everyone sees at least two.
import { arcScores, TOPIC_IN_MIND, WISH_TO_GROW, type ArcAnswers } from "./arc-self-assessment";

/** A score this high on the 1–5 scale reads as "very much like me". */
export const STRONG = 4;
/** A dimension mean at or below this reads as room to grow. */
export const LOW = 3;
/** Fewer colleagues from other departments met in groups or mentoring than this counts as few. */
export const FEW_CROSS_DEPARTMENT_TIES = 3;
export const MAX_NEXT_STEPS = 3;

export type NextStepFacts = {
  answers: ArcAnswers;
  /** Colleagues from another department met in a programme group, peer group or mentoring pair. */
  crossDepartmentTies: number;
  /** Whether the person may propose a module (alumni, facilitators, thought leaders). */
  canPropose: boolean;
  /** Whether the person has a mentor now (asked or active). */
  hasMentor: boolean;
};

export type NextStepId = "propose_module" | "bring_topic" | "peer_group_across" | "find_mentor" | "record_action" | "reunion";
export type NextStep = { id: NextStepId; title: string; why: string; href: string; linkText: string };

const STEPS: Record<NextStepId, Omit<NextStep, "id" | "why">> = {
  propose_module: { title: "Propose a module on your topic", href: "/proposals/new", linkText: "Write a proposal" },
  bring_topic: { title: "Bring your topic to your group or an open space", href: "/reunions", linkText: "See reunions and open spaces" },
  peer_group_across: { title: "Join a peer group with people from other departments", href: "/groups", linkText: "Browse peer groups" },
  find_mentor: { title: "Find a mentor", href: "/mentoring", linkText: "Go to mentoring" },
  record_action: { title: "Note one action at your next meeting and follow it up", href: "/programme", linkText: "Go to your programme" },
  reunion: { title: "Come to the next reunion", href: "/reunions", linkText: "See reunions" },
};

export function nextSteps(facts: NextStepFacts): NextStep[] {
  const scores = arcScores(facts.answers);
  const steps: NextStep[] = [];
  const add = (id: NextStepId, why: string) => {
    if (steps.length < MAX_NEXT_STEPS && !steps.some((s) => s.id === id)) steps.push({ id, why, ...STEPS[id] });
  };
  // 1. Strong agency and a topic in mind: write it up (or, before one may propose, take it to others first).
  if (scores.agency >= STRONG && (facts.answers[TOPIC_IN_MIND] ?? 0) >= STRONG) {
    if (facts.canPropose) add("propose_module", "Your agency is strong and you have a topic others could learn from.");
    else add("bring_topic", "Your agency is strong and you have a topic others could learn from; alumni may propose modules, and a group is a good place to try the idea first.");
  }
  // 2. Few ties across departments, or low connectivity: meet people elsewhere in the company.
  if (facts.crossDepartmentTies < FEW_CROSS_DEPARTMENT_TIES || scores.connectivity <= LOW) {
    add("peer_group_across", facts.crossDepartmentTies < FEW_CROSS_DEPARTMENT_TIES ? "You have met few colleagues from other departments in groups or mentoring so far." : "Your connectivity score leaves room to grow.");
  }
  // 3. A wish to grow and no mentor yet.
  if ((facts.answers[WISH_TO_GROW] ?? 0) >= STRONG && !facts.hasMentor) add("find_mentor", "You said you are looking for people who can help you grow.");
  // 4. Low agency: one small, followed-up action.
  if (scores.agency <= LOW) add("record_action", "Small actions you follow up build agency.");
  // General steps, so there are always at least two.
  if (steps.length < 2) add("reunion", "Reunions keep the connections you made alive.");
  if (steps.length < 2) add("record_action", "Small actions you follow up build agency.");
  return steps;
}
