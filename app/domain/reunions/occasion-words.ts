// What an occasion is called wherever people read about it. A peer group's
// meeting and a mentoring pair's check-in are reunions rows underneath
// (docs/decisions/016-peer-groups.md), but a meeting is a meeting, a check-in
// is a check-in, and a reunion is the alumni event: every page, notice,
// email, calendar entry and audit label picks its catalogue key by the kind
// (reunions:errors.gone.meeting, calendar:kind.check-in…), so the words exist
// only in the catalogues, in each reader's language.
// Plain module: the pages use it in the browser too.

export type OccasionKind = "reunion" | "meeting" | "check-in";

/** What decides the kind: whose it is (a group's, a mentoring pair's, or nobody's in particular). */
export type Owned = { groupId?: string | null; mentorshipId?: string | null };

export function occasionKind(occasion: Owned): OccasionKind {
  if (occasion.mentorshipId) return "check-in";
  if (occasion.groupId) return "meeting";
  return "reunion";
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether a title already says what kind of occasion it is, given the kind's
 * word in the reader's language (calendar:kind): as a whole word where words
 * are spaced ("Guild monthly meeting", but not "Meetings that end on time"),
 * anywhere in Japanese, which has no spaces between words.
 */
export function titleNamesKind(title: string, kindWord: string, language: string): boolean {
  if (language === "ja") return title.includes(kindWord);
  return new RegExp(`(^|[^\\p{L}])${escape(kindWord)}($|[^\\p{L}])`, "iu").test(title);
}
