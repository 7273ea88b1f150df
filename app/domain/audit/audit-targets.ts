// What audit events can concern, for the filter in the browser and the query on the server.
export const AUDIT_TARGET_TYPES = ["proposal", "module", "submission", "report", "comment", "review_item", "person", "reunion", "group", "mentorship", "organisation", "cohort", "cycle", "experiment"] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export const AUDIT_TARGET_LABELS: Record<AuditTargetType, string> = {
  proposal: "A proposal",
  module: "A module",
  submission: "A submitted draft",
  report: "A report",
  comment: "A comment",
  review_item: "An item in the review queue",
  person: "A person",
  reunion: "A reunion",
  group: "A group",
  mentorship: "A mentorship",
  organisation: "An organisation",
  cohort: "A cohort",
  cycle: "A group's cycle",
  experiment: "A cohort experiment",
};
