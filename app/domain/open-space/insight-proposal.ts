// The link that turns an insight from the proceedings into a module
// proposal: the proposal form, prefilled, remembering the break-out it came
// from. Plain module: the proceedings page and its tests build it alike.
import { MAX_CHALLENGE_LENGTH, MAX_TITLE_LENGTH } from "../proposals/proposal-fields";

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** `origin` is the line saying where it came from, in the reader's language (reunions:proceedings.proposalOrigin). */
export function insightProposalHref({
  title,
  insights,
  sessionId,
  origin,
}: {
  title: string;
  insights: string[];
  sessionId: string;
  origin: string;
}): string {
  const heading = title.charAt(0).toUpperCase() + title.slice(1);
  const challenge = [...insights.map((line) => `- ${line}`), "", origin].join("\n").trim();
  const query = new URLSearchParams({
    title: clip(heading, MAX_TITLE_LENGTH),
    challenge: clip(challenge, MAX_CHALLENGE_LENGTH),
    originSessionId: sessionId,
  });
  return `/proposals/new?${query.toString()}`;
}
