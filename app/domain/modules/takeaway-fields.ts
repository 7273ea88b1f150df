// Limits of a take-away, shared by the form in the browser and the server.
export const MAX_TAKEAWAY_LENGTH = 2000;
