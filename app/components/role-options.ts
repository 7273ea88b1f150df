import { ROLES, type Role } from "~/domain/roles";

/** Role checkboxes, named by `label` (the page's words for a role); platform admin only appears for those who may grant it. */
export function roleOptions(canGrantPlatformAdmin: boolean, label: (role: Role) => string) {
  return ROLES.filter((r) => r !== "platform_admin" || canGrantPlatformAdmin).map((r: Role) => ({ value: r, label: label(r) }));
}
