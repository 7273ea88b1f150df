// Who approved a published revision, in one line for the history pages.
import type { Approver } from "~/domain/modules/module-history.server";

const CAPACITY: Record<Approver["capacity"], string> = { moderator: "moderator", author: "author" };

/** "Mo Moderator (moderator), Tina Leader (author)"; revisions from before reviews have none. */
export function approverList(approvers: readonly Approver[]): string {
  if (approvers.length === 0) return "Not recorded";
  return approvers.map((a) => `${a.name ?? "A former member"} (${CAPACITY[a.capacity]})`).join(", ");
}
