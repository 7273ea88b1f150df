// Human names for roles, shared by forms, lists and the dashboard.
import { ROLES, type Role } from "../../db/roles";
import englishCommon from "../locales/en/common.json";

export { ROLES, type Role };

// The words live in the catalogues (common.json, roles); these are the English
// ones, for pages and reports not yet written through the catalogues.
export const ROLE_LABELS: Record<Role, string> = englishCommon.roles;

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
