// Checking ids from URLs and forms before they reach a query, so a malformed
// one is a plain 404 (or field error) rather than a database error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Any spelling PostgreSQL reads as a uuid (it compares them case-blind). */
export const isUuid = (value: string) => UUID.test(value);

/** Lower case only: for ids inside names compared as text, such as "module.<id>". */
export const isCanonicalUuid = (value: string) => CANONICAL_UUID.test(value);
