// What audit events can concern, for the filter in the browser and the query on the server.
export const AUDIT_TARGET_TYPES = ["proposal", "module", "submission", "report", "comment", "review_item", "person", "reunion", "group", "mentorship", "organisation"] as const;
