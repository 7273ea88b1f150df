import { ROLES, ROLE_LABELS, type Role } from "~/domain/roles";

/** Role checkboxes; platform admin only appears for those who may grant it. */
export function roleOptions(canGrantPlatformAdmin: boolean) {
  return ROLES.filter((r) => r !== "platform_admin" || canGrantPlatformAdmin).map((r: Role) => ({ value: r, label: ROLE_LABELS[r] }));
}
