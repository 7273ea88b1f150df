// Everything the reunion page shows, already scoped: the poll (with the
// answer matrix for the organiser) or the invitation, who is going, the
// waitlist, and the other occurrences of a series. The same page shows a
// group's meeting (with its group and module) and a mentoring check-in.
import { and, asc, count, eq, gt, inArray, ne } from "drizzle-orm";
import type { Database } from "../../../db/database";
import {
  groups,
  organisations,
  reunionAudience,
  reunionRsvps,
  reunionSlots,
  reunions,
  slotVotes,
  users,
} from "../../../db/schema";
import { loadMeetingModule } from "../groups/meetings/list-group-meetings.server";
import { ForbiddenError } from "../http-errors";
import { canRunReunion, canTakePartInReunion, type Actor } from "../policy";
import { bestSlotId, scoreSlots } from "./best-slot";
import { occasionKind } from "./occasion-words";
import { audienceMembers } from "./reunion-audience.server";
import { findVisibleReunion } from "./visible-reunions.server";
import { waitlistPosition } from "./waitlist.server";
import { instantToLocal } from "./zoned-time";

export async function loadReunionPage(
  db: Database,
  actor: Actor,
  reunionId: string,
  now = new Date()
) {
  const reunion = await findVisibleReunion(db, actor, reunionId);
  const mayRun = canRunReunion(actor, reunion);
  const mayTakePart = canTakePartInReunion(actor, reunion);
  const [organiser] = reunion.organiserId
    ? await db
        .select({ name: users.name })
        .from(users)
        .where(eq(users.id, reunion.organiserId))
    : [];

  const slots = await db
    .select()
    .from(reunionSlots)
    .where(eq(reunionSlots.reunionId, reunion.id))
    .orderBy(asc(reunionSlots.startsAt));
  const votes = slots.length
    ? await db
        .select({
          slotId: slotVotes.slotId,
          userId: slotVotes.userId,
          answer: slotVotes.answer,
        })
        .from(slotVotes)
        .where(
          inArray(
            slotVotes.slotId,
            slots.map((s) => s.id)
          )
        )
    : [];
  const myVotes = Object.fromEntries(
    votes.filter((v) => v.userId === actor.id).map((v) => [v.slotId, v.answer])
  );
  const people = mayRun ? await audienceMembers(db, reunion.id) : [];
  // The organiser's matrix: one row per invitee, one column per date.
  const matrix = mayRun
    ? people.map((p) => ({
        name: p.name,
        answers: Object.fromEntries(
          votes
            .filter((v) => v.userId === p.id)
            .map((v) => [v.slotId, v.answer])
        ),
      }))
    : [];

  const rsvps = await db
    .select({
      userId: reunionRsvps.userId,
      name: users.name,
      answer: reunionRsvps.answer,
      waitlistedAt: reunionRsvps.waitlistedAt,
      checkedInAt: reunionRsvps.checkedInAt,
    })
    .from(reunionRsvps)
    .innerJoin(users, eq(users.id, reunionRsvps.userId))
    .where(eq(reunionRsvps.reunionId, reunion.id))
    .orderBy(asc(users.name));
  const going = rsvps
    .filter((r) => r.answer === "going" && !r.waitlistedAt)
    .map((r) => r.name);
  const waitlist = rsvps
    .filter((r) => r.answer === "going" && r.waitlistedAt)
    .sort(
      (a, b) =>
        a.waitlistedAt!.getTime() - b.waitlistedAt!.getTime() ||
        a.userId.localeCompare(b.userId)
    )
    .map((r) => r.name);
  const maybe = rsvps.filter((r) => r.answer === "maybe").map((r) => r.name);
  const mine = rsvps.find((r) => r.userId === actor.id);

  const audience = await db
    .select({
      kind: reunionAudience.kind,
      groupName: groups.name,
      orgName: organisations.name,
      personName: users.name,
    })
    .from(reunionAudience)
    .leftJoin(groups, eq(groups.id, reunionAudience.groupId))
    .leftJoin(organisations, eq(organisations.id, reunionAudience.orgId))
    .leftJoin(users, eq(users.id, reunionAudience.userId))
    .where(eq(reunionAudience.reunionId, reunion.id));

  // What it belongs to: a group's meeting links to the group's page of it and shows its module; a check-in to the pair's space.
  const [group] = reunion.groupId ? await db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.id, reunion.groupId)) : [];
  const module = group ? await loadMeetingModule(db, actor, reunion.moduleId) : null;

  const series = reunion.seriesId
    ? await db
        .select({
          id: reunions.id,
          occurrence: reunions.occurrence,
          startsAt: reunions.startsAt,
          status: reunions.status,
        })
        .from(reunions)
        .where(
          and(
            eq(reunions.seriesId, reunion.seriesId),
            eq(reunions.orgId, reunion.orgId)
          )
        )
        .orderBy(asc(reunions.occurrence))
    : [];

  return {
    reunion: {
      id: reunion.id,
      title: reunion.title,
      description: reunion.description,
      format: reunion.format,
      status: reunion.status,
      location: reunion.location,
      onlineUrl: reunion.onlineUrl,
      capacity: reunion.capacity,
      timeZone: reunion.timeZone,
      pollDeadline: reunion.pollDeadline?.toISOString() ?? null,
      // Answers stop at the deadline (answer-poll.server.ts); the organiser still finalises.
      pollClosed: reunion.pollDeadline !== null && now > reunion.pollDeadline,
      startsAt: reunion.startsAt?.toISOString() ?? null,
      endsAt: reunion.endsAt?.toISOString() ?? null,
      occurrence: reunion.occurrence,
      organiserName: organiser?.name ?? null,
      groupId: reunion.groupId,
      mentorshipId: reunion.mentorshipId,
    },
    group: group ? { id: group.id, name: group.name, meetingHref: `/groups/${group.id}/meetings/${reunion.id}` } : null,
    module: module ? { slug: module.slug, title: module.title, readable: module.readable } : null,
    mentoringHref: reunion.mentorshipId ? `/mentoring/${reunion.mentorshipId}` : null,
    mayRun,
    mayTakePart,
    slots: slots.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      timeZone: s.timeZone,
    })),
    scores: scoreSlots(slots, votes),
    bestSlotId: bestSlotId(slots, votes),
    myVotes,
    matrix,
    going,
    waitlist,
    maybe,
    myAnswer: mine?.answer ?? null,
    myWaitlistPosition: mine
      ? await waitlistPosition(db, reunion.id, actor.id)
      : null,
    // Named on the page, in the reader's language; a person without a name (left) is null.
    audience: audience.map((a) =>
      a.kind === "group"
        ? { kind: "group" as const, name: a.groupName ?? "" }
        : a.kind === "organisation"
        ? { kind: "organisation" as const, name: a.orgName ?? "" }
        : { kind: "person" as const, name: a.personName ?? null }
    ),
    series: series.map((s) => ({
      id: s.id,
      occurrence: s.occurrence,
      startsAt: s.startsAt?.toISOString() ?? null,
      status: s.status,
    })),
  };
}

export async function loadAttendance(
  db: Database,
  actor: Actor,
  reunionId: string
) {
  const reunion = await findVisibleReunion(db, actor, reunionId);
  if (!canRunReunion(actor, reunion))
    throw new ForbiddenError(`reunions:errors.only.checkIn.${occasionKind(reunion)}`);
  const people = await audienceMembers(db, reunion.id);
  const rsvps = await db
    .select()
    .from(reunionRsvps)
    .where(eq(reunionRsvps.reunionId, reunion.id));
  const byUser = new Map(rsvps.map((r) => [r.userId, r]));
  return {
    reunion: {
      id: reunion.id,
      title: reunion.title,
      status: reunion.status,
      startsAt: reunion.startsAt?.toISOString() ?? null,
      timeZone: reunion.timeZone,
      groupId: reunion.groupId,
      mentorshipId: reunion.mentorshipId,
    },
    people: people.map((p) => {
      const r = byUser.get(p.id);
      return {
        id: p.id,
        name: p.name,
        answer: r?.answer ?? null,
        waitlisted: !!r?.waitlistedAt,
        checkedInAt: r?.checkedInAt?.toISOString() ?? null,
      };
    }),
  };
}

/**
 * The change-or-cancel page: the occasion as its form shows it (dates in its
 * own zone), and how many later occurrences of its series are still on, for
 * "cancel this one and the rest of the series".
 */
export async function loadChangePage(db: Database, actor: Actor, reunionId: string) {
  const reunion = await findVisibleReunion(db, actor, reunionId);
  if (!canRunReunion(actor, reunion))
    throw new ForbiddenError(`reunions:errors.only.changeOrCancel.${occasionKind(reunion)}`);
  const start = reunion.startsAt ? instantToLocal(reunion.startsAt, reunion.timeZone) : null;
  const end = reunion.endsAt ? instantToLocal(reunion.endsAt, reunion.timeZone) : null;
  const [later] =
    reunion.seriesId && reunion.occurrence !== null
      ? await db
          .select({ n: count() })
          .from(reunions)
          .where(
            and(
              eq(reunions.seriesId, reunion.seriesId),
              eq(reunions.orgId, reunion.orgId),
              gt(reunions.occurrence, reunion.occurrence),
              ne(reunions.status, "cancelled"),
            ),
          )
      : [];
  return {
    reunion: {
      id: reunion.id,
      title: reunion.title,
      status: reunion.status,
      timeZone: reunion.timeZone,
      occurrence: reunion.occurrence,
      groupId: reunion.groupId,
      mentorshipId: reunion.mentorshipId,
      startsAt: reunion.startsAt?.toISOString() ?? null,
      endsAt: reunion.endsAt?.toISOString() ?? null,
      location: reunion.location,
      onlineUrl: reunion.onlineUrl ?? "",
      capacity: reunion.capacity === null ? "" : String(reunion.capacity),
      date: start?.date ?? "",
      startTime: start?.time ?? "",
      endTime: end?.time ?? "",
    },
    /** Later occurrences of the series not cancelled yet. */
    restOfSeries: Number(later?.n ?? 0),
  };
}
