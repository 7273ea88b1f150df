// Which mentors to suggest for a request, best first. Pure, so the rules can
// be tested on constructed data (docs/decisions/017-mentoring.md).
import { canBeMatched, type Crossing } from "../policy";
import type { MentoringScope } from "./mentoring-fields";

export type MentorCandidate = {
  userId: string;
  name: string;
  topics: readonly string[];
  capacity: number;
  active: boolean;
  scope: MentoringScope;
  /** Places taken: running pairs plus asks waiting for the mentor's answer. */
  taken: number;
  /** Whether the mentee already has an open ask or a running pair with this mentor. */
  alreadyAsked: boolean;
  crossing: Crossing;
};

export type MentorRequestForRanking = { menteeId: string; topics: readonly string[]; scope: MentoringScope };

export type RankedMentor<C extends MentorCandidate = MentorCandidate> = C & {
  /** The mentor's spelling of the topics they share with the request. */
  sharedTopics: string[];
  /** The share of the request's topics the mentor covers, 0..1. */
  coverage: number;
  freePlaces: number;
};

const key = (topic: string) => topic.trim().toLowerCase();

/**
 * Only active offers from someone other than the mentee, that the two may be
 * matched on, not already asked, and with a free place; ordered by the number
 * of shared topics (case-insensitive), then the share of the request's topics
 * covered, then free places (more first), then name.
 */
export function rankMentors<C extends MentorCandidate>(request: MentorRequestForRanking, candidates: readonly C[]): RankedMentor<C>[] {
  const wanted = new Set(request.topics.map(key));
  return candidates
    .filter((c) => c.active && c.userId !== request.menteeId && !c.alreadyAsked && canBeMatched(c, request, c.crossing))
    .map((c) => {
      const sharedTopics = [...new Map(c.topics.filter((t) => wanted.has(key(t))).map((t) => [key(t), t])).values()];
      return { ...c, sharedTopics, coverage: wanted.size ? sharedTopics.length / wanted.size : 0, freePlaces: c.capacity - c.taken };
    })
    .filter((c) => c.freePlaces > 0)
    .sort(
      (a, b) =>
        b.sharedTopics.length - a.sharedTopics.length ||
        b.coverage - a.coverage ||
        b.freePlaces - a.freePlaces ||
        a.name.localeCompare(b.name, "en") ||
        a.userId.localeCompare(b.userId),
    );
}
