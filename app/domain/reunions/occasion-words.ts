// What an occasion is called wherever people read about it. A peer group's
// meeting and a mentoring pair's check-in are reunions rows underneath
// (docs/decisions/016-peer-groups.md), but a meeting is a meeting, a check-in
// is a check-in, and a reunion is the alumni event: every page, notice,
// email, calendar entry and audit label names one through occasionWords.
// Plain module: the pages use it in the browser too.

export type OccasionKind = "reunion" | "meeting" | "check-in";

/** What decides the kind: whose it is (a group's, a mentoring pair's, or nobody's in particular). */
export type Owned = { groupId?: string | null; mentorshipId?: string | null };

export function occasionKind(occasion: Owned): OccasionKind {
  if (occasion.mentorshipId) return "check-in";
  if (occasion.groupId) return "meeting";
  return "reunion";
}

const NOUNS: Record<OccasionKind, { one: string; many: string; runBy: string; organisedBy: string }> = {
  reunion: { one: "reunion", many: "reunions", runBy: "the organiser", organisedBy: "Organised by" },
  meeting: { one: "meeting", many: "meetings", runBy: "the member who scheduled it or a convener of the group", organisedBy: "Scheduled by" },
  "check-in": { one: "check-in", many: "check-ins", runBy: "the mentor or the mentee", organisedBy: "Planned by" },
};

export type OccasionWords = {
  kind: OccasionKind;
  /** "meeting" */
  noun: string;
  /** "meetings" */
  plural: string;
  /** "Meeting", to start a sentence */
  Noun: string;
  /** Who changes and cancels it (visible-reunions.server.ts organisesIt), for "Only … can …". */
  runBy: string;
  /** "Scheduled by", before the name of whoever planned it */
  organisedBy: string;
  /** "1 meeting", "6 meetings" */
  count: (n: number) => string;
  /** The title named by its kind, for lists that mix kinds (calendars, the audit log): "Meeting: Guild night"; a title that already says it is kept. */
  titled: (title: string) => string;
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The words for one occasion, from its row (or its kind). */
export function occasionWords(occasion: Owned | OccasionKind): OccasionWords {
  const kind = typeof occasion === "string" ? occasion : occasionKind(occasion);
  const { one, many, runBy, organisedBy } = NOUNS[kind];
  const named = new RegExp(`(^|[^\\p{L}])${escape(one)}($|[^\\p{L}])`, "iu");
  return {
    kind,
    noun: one,
    plural: many,
    Noun: capitalise(one),
    runBy,
    organisedBy,
    count: (n) => `${n} ${n === 1 ? one : many}`,
    titled: (title) => (named.test(title) ? title : `${capitalise(one)}: ${title}`),
  };
}

/** Every kind at once, where a page or message covers them all. */
export const EVERY_OCCASION = "meetings, check-ins and reunions";
/** Any one of them, where the kind is not known (or not to be told, as in a 404). */
export const ANY_OCCASION = "meeting, check-in or reunion";
