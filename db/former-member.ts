// The name an erased account's row keeps (db/personal-data-register.ts), so
// shared work still points at someone. Stored as written, in English; pages
// show it in the reader's language (app/domain/people/person-name.ts).
export const FORMER_MEMBER = "Former member";
