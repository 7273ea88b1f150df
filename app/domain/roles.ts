// Human names for roles, shared by forms, lists and the dashboard.
import { ROLES, type Role } from "../../db/roles";

export { ROLES, type Role };

export const ROLE_LABELS: Record<Role, string> = {
  participant: "Participant",
  alumnus: "Alumnus",
  facilitator: "Facilitator",
  thought_leader: "Thought leader",
  moderator: "Moderator",
  org_admin: "Organisation admin",
  platform_admin: "Platform admin",
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
