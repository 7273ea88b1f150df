// The five managerial mindsets. Plain data, like roles.ts.
export const MINDSETS = ["reflection", "analysis", "worldliness", "collaboration", "action"] as const;
export type Mindset = (typeof MINDSETS)[number];
