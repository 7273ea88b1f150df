// Reads the proposal list's URL: sort, mindset and status live there so a
// list can be shared. Bad values are dropped with a note (a catalogue key),
// never a 500. The words for sorts and statuses are in proposals.json.
import { MINDSETS, type Mindset } from "../content/mindsets";

export const PROPOSAL_SORTS = ["support", "newest", "mindset"] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];

export const PROPOSAL_STATUS_FILTERS = ["open", "accepted", "declined", "merged", "all"] as const;
export type ProposalStatusFilter = (typeof PROPOSAL_STATUS_FILTERS)[number];

export type ProposalListParams = { sort: ProposalSort; mindset: Mindset | null; status: ProposalStatusFilter };

export function parseProposalListParams(search: URLSearchParams): ProposalListParams & { notes: string[] } {
  const notes: string[] = [];
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T | null, note: string): T | null => {
    const raw = search.get(name) ?? "";
    if (!raw) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    notes.push(note);
    return fallback;
  };
  const sort = pick("sort", PROPOSAL_SORTS, "support", "proposals:list.notes.unknownSort")!;
  const mindset = pick("mindset", MINDSETS, null, "proposals:list.notes.unknownMindset");
  const status = pick("status", PROPOSAL_STATUS_FILTERS, "open", "proposals:list.notes.unknownStatus")!;
  return { sort, mindset, status, notes };
}

export function proposalListHref(params: Partial<ProposalListParams>) {
  const search = new URLSearchParams();
  if (params.sort && params.sort !== "support") search.set("sort", params.sort);
  if (params.mindset) search.set("mindset", params.mindset);
  if (params.status && params.status !== "open") search.set("status", params.status);
  const s = search.toString();
  return s ? `/proposals?${s}` : "/proposals";
}

/** The most proposals one list shows; the page says when there are more. */
export const PROPOSAL_LIST_LIMIT = 200;
