// Limits of a reviewer's decision, shared by the review page in the browser and the server.
export const MAX_REASON_LENGTH = 2000;
