// Planning a reunion: the audience, the format and place, and either
// candidate dates for a poll or a fixed date, optionally repeated as a series.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import {
  reunionAudience,
  reunionSeries,
  reunionSlots,
  reunions,
} from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { canOrganiseReunion, type Actor } from "../policy";
import { auditOccasion } from "./audit-occasion.server";
import { refuseSameStart } from "./refuse-same-start.server";
import { resolveAudience, type AudienceRow } from "./reunion-audience.server";
import { planCreateDates, type PlannedDates } from "./reunion-dates";
import { WHO_MAY_ORGANISE, type CreateReunionInput } from "./reunion-fields";
import { sendInvitation } from "./send-invitation.server";

/** Returns the id of the reunion to show: the only one, or the first of a series. */
export async function createReunion(
  db: Database,
  actor: Actor,
  input: CreateReunionInput,
  now = new Date()
): Promise<string> {
  if (!canOrganiseReunion(actor)) throw new ForbiddenError(WHO_MAY_ORGANISE);
  const dates = planCreateDates(input, now, { kind: "reunion" });
  const audience = await resolveAudience(db, actor, input);
  return insertReunion(db, actor, input, dates, audience, { orgId: actor.orgId });
}

type ReunionDetails = Pick<
  CreateReunionInput,
  | "title"
  | "description"
  | "format"
  | "location"
  | "onlineUrl"
  | "capacity"
  | "timeZone"
  | "repeatEveryMonths"
>;
/** The organisation it belongs to, and what it belongs to inside it (a peer group's meeting and its module, or a mentoring pair's check-in). */
export type ReunionOwner = {
  orgId: string;
  groupId?: string | null;
  moduleId?: string | null;
  mentorshipId?: string | null;
};

/**
 * Stores a planned reunion, or each occurrence of its series, with its
 * audience; records it and sends the invitation. Shared by reunions and
 * peer group meetings: the caller has checked who may plan it, for whom.
 */
export async function insertReunion(
  db: Database,
  actor: { id: string },
  input: ReunionDetails,
  dates: PlannedDates,
  audience: AudienceRow[],
  owner: ReunionOwner
): Promise<string> {
  return db.transaction(async (tx) => {
    const common = {
      ...owner,
      organiserId: actor.id,
      title: input.title,
      description: input.description,
      format: input.format,
      location: input.location,
      onlineUrl: input.onlineUrl,
      capacity: input.capacity,
      timeZone: input.timeZone,
    };
    const ids: string[] = [];
    if (dates.kind === "fixed")
      await refuseSameStart(tx, owner, dates.occurrences, input.timeZone);
    if (dates.kind === "poll") {
      const [row] = await tx
        .insert(reunions)
        .values({ ...common, status: "polling", pollDeadline: dates.deadline })
        .returning({ id: reunions.id });
      ids.push(row!.id);
      await tx
        .insert(reunionSlots)
        .values(dates.slots.map((s) => ({ reunionId: row!.id, ...s })));
    } else {
      const series =
        dates.occurrences.length > 1
          ? (
              await tx
                .insert(reunionSeries)
                .values({
                  organiserId: actor.id,
                  intervalMonths: input.repeatEveryMonths!,
                })
                .returning({ id: reunionSeries.id })
            )[0]!.id
          : null;
      for (const [i, o] of dates.occurrences.entries()) {
        const [row] = await tx
          .insert(reunions)
          .values({
            ...common,
            status: "scheduled",
            startsAt: o.startsAt,
            endsAt: o.endsAt,
            seriesId: series,
            occurrence: series ? i + 1 : null,
          })
          .returning({ id: reunions.id });
        ids.push(row!.id);
      }
    }
    // Each occurrence has its own audience rows, so one can later be changed alone.
    for (const id of ids)
      await tx
        .insert(reunionAudience)
        .values(audience.map((a) => ({ ...a, reunionId: id })));
    const first = ids[0]!;
    await auditOccasion(tx, { ...owner, id: first, title: input.title }, {
      actorId: actor.id,
      action: "reunion.created",
      details: {
        format: input.format,
        schedule: dates.kind,
        occurrences: ids.length,
      },
    });
    const [reunion] = await tx
      .select()
      .from(reunions)
      .where(eq(reunions.id, first));
    await sendInvitation(tx, reunion!, {
      actorId: actor.id,
      occurrences: ids.length,
    });
    return first;
  });
}
