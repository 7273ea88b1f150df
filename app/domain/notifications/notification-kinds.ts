// What people are notified about; each kind's words for the preferences page
// are in the catalogues (app/locales/<language>/notifications.json, kinds).
// `reunion` is every occasion on the reunion machinery: reunions, group
// meetings and mentoring check-ins (occasion-words.ts).
export const NOTIFICATION_KINDS = {
  submission: "notifications:kinds.submission",
  decision: "notifications:kinds.decision",
  proposal_decision: "notifications:kinds.proposal_decision",
  coauthor_invite: "notifications:kinds.coauthor_invite",
  mention: "notifications:kinds.mention",
  report_outcome: "notifications:kinds.report_outcome",
  reunion: "notifications:kinds.reunion",
  group: "notifications:kinds.group",
  mentoring: "notifications:kinds.mentoring",
  roles: "notifications:kinds.roles",
  programme: "notifications:kinds.programme",
  data: "notifications:kinds.data",
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_KEYS = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];
export const EMAIL_DELIVERIES = ["immediately", "daily", "off"] as const;
export type EmailDelivery = (typeof EMAIL_DELIVERIES)[number];
export const INVALID_DELIVERY_MESSAGE = "validation:delivery.unknown";
/** Until a person chooses, email follows straight away. */
export const DEFAULT_EMAIL_DELIVERY: EmailDelivery = "immediately";
