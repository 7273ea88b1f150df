// The programme steps' one way to take work: one due row at a time, in its
// own transaction, under a row lock other processes skip (SKIP LOCKED), so
// the notice and the "done" mark land together and nothing is sent twice.
import type { Database } from "../../../../db/database";

/** Runs `claim` (select … for update skip locked, then work) until it finds nothing; returns how many it handled. */
export async function eachDue(db: Database, claim: (tx: Database) => Promise<boolean>) {
  let handled = 0;
  for (;;) {
    const found = await db.transaction((tx) => claim(tx));
    if (!found) return handled;
    handled++;
  }
}
