// What people are notified about, in the words of the preferences page.
export const NOTIFICATION_KINDS = {
  submission: "A draft is submitted for your review",
  decision: "A decision on a draft you write",
  proposal_decision: "A decision on a proposal you made or supported",
  coauthor_invite: "You are added as a co-author",
  mention: "Someone mentions you with @",
  report_outcome: "The outcome of something you reported",
  // Every occasion on the reunion machinery: reunions, group meetings and mentoring check-ins (occasion-words.ts).
  reunion: "Meetings, check-ins and reunions you are invited to: dates, changes, cancellations and places freeing up",
  group: "Your peer groups: requests to join, invitations, votes, decisions and new discussion",
  mentoring: "Mentoring: requests, answers and endings",
  roles: "An admin changes your roles",
  programme: "Your programme: your group, meetings, module votes, evaluations, goals and the continue vote",
  data: "Your data: an export ready to download, and the deletion of your account",
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_KEYS = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];
export const EMAIL_DELIVERIES = ["immediately", "daily", "off"] as const;
export type EmailDelivery = (typeof EMAIL_DELIVERIES)[number];
export const INVALID_DELIVERY_MESSAGE = "Choose Immediately, Daily digest or Off.";
/** Until a person chooses, email follows straight away. */
export const DEFAULT_EMAIL_DELIVERY: EmailDelivery = "immediately";
