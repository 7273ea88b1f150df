// The roles a person can hold. Plain data, so the browser bundle can use it
// without pulling in the schema.
export const ROLES = [
  "participant",
  "alumnus",
  "facilitator",
  "thought_leader",
  "moderator",
  "org_admin",
  "platform_admin",
] as const;
export type Role = (typeof ROLES)[number];
