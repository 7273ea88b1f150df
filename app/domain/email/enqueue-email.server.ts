// The one way to send email: put it in the outbox. Delivery happens later,
// in deliver-outbox.server.ts, so a slow mail server never blocks a request
// and a crash loses nothing.
import type { Database } from "../../../db/database";
import { outbox } from "../../../db/schema";

export type OutgoingEmail = { kind: string; to: string; subject: string; text: string };

export async function enqueueEmail(db: Database, email: OutgoingEmail, now = new Date()) {
  // Due "now" by the same clock the delivery job compares with: the column
  // default (the database's now(), in microseconds) can land a fraction of a
  // millisecond after a JavaScript Date taken later, leaving the email unsent
  // for a whole tick.
  const [row] = await db
    .insert(outbox)
    .values({ ...email, nextAttemptAt: now })
    .returning({ id: outbox.id });
  return row!.id;
}
