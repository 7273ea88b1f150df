// Limits of a report and of a moderator's note, shared by the forms in the browser and the server.
export const MAX_REPORT_REASON = 2000;
