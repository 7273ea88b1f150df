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
/** Why a step is suggested; its words are programme:diagnostics.why.<reason>. */
export type NextStepReason = "strongAgencyTopic" | "strongAgencyTopicNotYet" | "fewTies" | "lowConnectivity" | "wishToGrow" | "smallActions" | "reunions";
/** A step's title and link text are programme:diagnostics.steps.<id>. */
export type NextStep = { id: NextStepId; why: NextStepReason; href: string };

const HREFS: Record<NextStepId, string> = {
  propose_module: "/proposals/new",
  bring_topic: "/reunions",
  peer_group_across: "/groups",
  find_mentor: "/mentoring",
  record_action: "/programme",
  reunion: "/reunions",
};

export function nextSteps(facts: NextStepFacts): NextStep[] {
  const scores = arcScores(facts.answers);
  const steps: NextStep[] = [];
  const add = (id: NextStepId, why: NextStepReason) => {
    if (steps.length < MAX_NEXT_STEPS && !steps.some((s) => s.id === id)) steps.push({ id, why, href: HREFS[id] });
  };
  // 1. Strong agency and a topic in mind: write it up (or, before one may propose, take it to others first).
  if (scores.agency >= STRONG && (facts.answers[TOPIC_IN_MIND] ?? 0) >= STRONG) {
    if (facts.canPropose) add("propose_module", "strongAgencyTopic");
    else add("bring_topic", "strongAgencyTopicNotYet");
  }
  // 2. Few ties across departments, or low connectivity: meet people elsewhere in the company.
  if (facts.crossDepartmentTies < FEW_CROSS_DEPARTMENT_TIES || scores.connectivity <= LOW) {
    add("peer_group_across", facts.crossDepartmentTies < FEW_CROSS_DEPARTMENT_TIES ? "fewTies" : "lowConnectivity");
  }
  // 3. A wish to grow and no mentor yet.
  if ((facts.answers[WISH_TO_GROW] ?? 0) >= STRONG && !facts.hasMentor) add("find_mentor", "wishToGrow");
  // 4. Low agency: one small, followed-up action.
  if (scores.agency <= LOW) add("record_action", "smallActions");
  // General steps, so there are always at least two.
  if (steps.length < 2) add("reunion", "reunions");
  if (steps.length < 2) add("record_action", "smallActions");
  return steps;
}
