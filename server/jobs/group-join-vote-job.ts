// Decides requests to join a peer group whose members' vote has closed.
// Safe to run in every process: each request is taken under a row lock.
import { closeExpiredJoinVotes } from "../../app/domain/groups/membership/close-join-votes.server";
import type { Services } from "../services";
import { scheduleJob } from "./schedule-job";

export function startJoinVoteClosing(services: Services, everyMs = 5 * 60_000) {
  return scheduleJob("group-join-votes", everyMs, () => closeExpiredJoinVotes(services.db), services.log);
}
