// Erasing a person, driven by the register (db/personal-data-register.ts):
// their own rows are deleted, shared work is kept under their account's row,
// which is emptied to read "Former member", and the audit log keeps the fact
// without the person. Their sessions are among the rows deleted, so the
// collaboration server closes their sockets as after a sign-out everywhere:
// at once when the job announces the erasure, else at its next poll of the
// access_changes sequence (server/collab/access-watch.ts). Co-authored
// documents are not touched.
import { and, eq, not, or, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { columnOf, FORMER_MEMBER, matchPerson, PERSONAL_DATA_REGISTER, type ErasedPerson, type RegisterEntry } from "../../../db/personal-data-register";
import { users } from "../../../db/schema";

type Step = { entry: RegisterEntry; key: string };

// The person's own row is rewritten last, once every other step has found them by their email.
const steps = (): Step[] => {
  const all = PERSONAL_DATA_REGISTER.flatMap((entry) => Object.keys(entry.people).map((key) => ({ entry, key })));
  return [...all.filter((s) => s.entry.table !== users), ...all.filter((s) => s.entry.table === users)];
};

async function eraseColumn(tx: Database, { entry, key }: Step, person: ErasedPerson) {
  const erase = entry.people[key]!.erase;
  const table = entry.table as typeof users;
  const where = matchPerson(entry, key, person);
  switch (erase.how) {
    case "keep":
      return;
    case "delete":
      await tx.delete(table).where(where);
      return;
    case "delete-unless-shared":
      await tx.delete(table).where(and(where, not(erase.shared)));
      return;
    case "forget":
      // The key is the column's property name (the register test checks it is a nullable column).
      await tx.update(table).set({ [key]: null } as never).where(where);
      return;
    case "anonymise":
      await erase.run(tx, person);
      return;
  }
}

/** Someone else's notice or email that names the person keeps its sense with "Former member" in their place. */
async function unname(tx: Database, entry: RegisterEntry, person: ErasedPerson) {
  for (const key of entry.namedIn) {
    const column = columnOf(entry, key);
    const needles = [person.name, person.email].filter((text) => text.length > 0);
    const named = or(...needles.map((text) => sql`strpos(${column}, ${text}) > 0`));
    if (!named) continue;
    await tx
      .update(entry.table as typeof users)
      .set({ [key]: sql`replace(replace(${column}, ${person.name}, ${FORMER_MEMBER}), ${person.email}, ${FORMER_MEMBER})` } as never)
      .where(named);
  }
}

/** Erases the person inside the caller's transaction; false if there was no one left to erase. */
export async function erasePerson(tx: Database, userId: string): Promise<boolean> {
  const [person] = await tx
    .select({ id: users.id, name: users.name, email: users.email, erasedAt: users.erasedAt })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!person || person.erasedAt) return false;
  for (const step of steps()) await eraseColumn(tx, step, person);
  for (const entry of PERSONAL_DATA_REGISTER) await unname(tx, entry, person);
  return true;
}
