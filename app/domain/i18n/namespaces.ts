// The catalogues' namespaces (app/locales/<language>/<namespace>.json), apart
// from the catalogues themselves so that recognising a key costs no JSON.
export const NAMESPACES = ["common", "validation", "auth", "profile", "notifications", "email", "calendar", "modules", "home", "org", "people", "proposals", "groups", "reunions", "mentoring", "programme", "review", "audit", "cohorts", "insights", "privacy", "operations", "refusals"] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** A whole string that is a catalogue key: "validation:email.missing". */
export const CATALOGUE_KEY = new RegExp(`^(${NAMESPACES.join("|")}):[A-Za-z][\\w.-]*$`);
