// Who approved a published revision, in one line for the history pages.
import type { Approver } from "~/domain/modules/module-history.server";

const CAPACITY: Record<Approver["capacity"], string> = { moderator: "moderator", author: "author" };

/**
 * "Mo Moderator (moderator), Tina Leader (author)". A revision imported from
 * content/ went through no review in Roundtable, and the line says so rather
 * than naming an approver who never saw it.
 */
export function approverList({ approvers, imported }: { approvers: readonly Approver[]; imported: boolean }): string {
  if (imported) return "Nobody: imported from the content folder without a review";
  if (approvers.length === 0) return "Not recorded";
  return approvers.map((a) => `${a.name ?? "A former member"} (${CAPACITY[a.capacity]})`).join(", ");
}
