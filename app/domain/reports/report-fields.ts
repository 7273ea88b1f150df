// Limits of a report and of a moderator's note, shared by the forms in the browser and the server.
export const MAX_REPORT_REASON = 2000;

/** What a moderator can make of a report. */
export const REPORT_OUTCOMES = ["resolved", "hidden", "dismissed"] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];
