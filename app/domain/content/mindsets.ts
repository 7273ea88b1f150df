// The five managerial mindsets every module belongs to.
import { MINDSETS, type Mindset } from "../../../db/mindsets";

export { MINDSETS, type Mindset };

export const MINDSET_LABELS: Record<Mindset, { name: string; focus: string; description: string }> = {
  reflection: {
    name: "Reflection",
    focus: "managing self",
    description:
      "Stepping back from the rush of the day to look at your own habits, energy and choices. These modules ask what you have learned from your experience and what you want to do differently.",
  },
  analysis: {
    name: "Analysis",
    focus: "managing organisations",
    description:
      "Looking under the surface of how your organisation really works: its structures, numbers and decisions. These modules help you question what the figures and charts do not show.",
  },
  worldliness: {
    name: "Worldliness",
    focus: "managing context",
    description:
      "Seeing your work through other people's eyes: customers, other sites, other cultures and other industries. These modules widen the view beyond your own desk.",
  },
  collaboration: {
    name: "Collaboration",
    focus: "managing relationships",
    description:
      "Working with and through other people: trust, difficult conversations, delegation and networks across the silos. These modules are about the relationships that get things done.",
  },
  action: {
    name: "Action",
    focus: "managing change",
    description:
      "Moving from insight to change: starting small, building momentum and leading without waiting for permission. These modules turn reflection into something you try next month.",
  },
};

export const isMindset = (value: string): value is Mindset => (MINDSETS as readonly string[]).includes(value);
