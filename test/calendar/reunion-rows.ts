// Reunions written straight into the tables, for calendar tests that do not
// go through the create flow: a reunion, its audience and people's answers.
import type { Database } from "../../db/database";
import { reunionAudience, reunionRsvps, reunions } from "../../db/schema";

export type ReunionOverrides = Partial<Omit<typeof reunions.$inferInsert, "orgId" | "organiserId">>;
type ReunionValues = ReunionOverrides & { orgId: string; organiserId: string };

export async function insertReunion(db: Database, values: ReunionValues) {
  // On the hour, as people plan them: iCalendar times have no fractions of a second.
  const startsAt = values.startsAt ?? new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 7 * 86_400_000);
  const [reunion] = await db
    .insert(reunions)
    .values({
      title: "Spring reunion",
      timeZone: "Europe/London",
      status: "scheduled",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      ...values,
    })
    .returning();
  return reunion!;
}

export async function invitePeople(db: Database, reunionId: string, userIds: string[]) {
  await db.insert(reunionAudience).values(userIds.map((userId) => ({ reunionId, kind: "person" as const, userId })));
}

export async function answer(db: Database, reunionId: string, userId: string, answer: "going" | "maybe" | "not_going", waitlistedAt: Date | null = null) {
  await db.insert(reunionRsvps).values({ reunionId, userId, answer, waitlistedAt });
}
