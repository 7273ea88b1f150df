// People's data, moved along with time by one job (server/jobs/personal-data-job.ts)
// in every process: exports are built, expired links dropped, accounts past
// their cooling-off erased, and rows past their organisation's retention
// removed. Each step takes its rows under locks other processes skip, or
// changes only what is due, so running it twice does nothing twice.
import type { Database } from "../../../db/database";
import { eraseDueAccounts } from "./account-deletions.server";
import { expireExports, prepareExports } from "./data-exports.server";
import { applyRetention } from "./retention.server";

/** `erased` hears of each person erased, once it has committed (their open sockets are closed at once). */
export async function runPersonalDataJobs(db: Database, { now = new Date(), erased: onErased }: { now?: Date; erased?: (userId: string) => void } = {}) {
  const exported = await prepareExports(db, { now });
  const expired = await expireExports(db, { now });
  const erased = await eraseDueAccounts(db, { now, erased: onErased });
  const retention = await applyRetention(db, { now });
  return { exported, expired, erased, ...retention };
}
