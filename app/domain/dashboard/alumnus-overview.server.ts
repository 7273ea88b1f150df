// What an alumnus has going on, for the home page: reunions and meetings
// coming up, proposals they made or support, their peer groups and their
// mentoring. One query per family, whatever the numbers.
import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { groupMembers, groups, mentorOffers, mentorships, proposals } from "../../../db/schema";
import type { Actor } from "../policy";
import { listUpcomingReunions } from "../reunions/list-reunions.server";

const SHOWN = 3;

async function myOpenProposals(db: Database, actor: Actor) {
  const supportedByMe = sql<boolean>`exists (select 1 from proposal_supports ps where ps.proposal_id = ${proposals.id} and ps.user_id = ${actor.id})`;
  const mine = eq(proposals.proposerId, actor.id);
  const rows = await db
    .select({
      id: proposals.id,
      title: proposals.title,
      authored: sql<boolean>`${mine}`,
      total: sql<number>`(count(*) over ())::int`,
      authoredTotal: sql<number>`(count(*) filter (where ${mine}) over ())::int`,
    })
    .from(proposals)
    .where(and(eq(proposals.status, "open"), or(mine, supportedByMe)))
    .orderBy(desc(proposals.createdAt))
    .limit(SHOWN);
  const total = rows[0]?.total ?? 0;
  const authored = rows[0]?.authoredTotal ?? 0;
  return { total, authored, supported: total - authored, shown: rows.map((r) => ({ id: r.id, title: r.title, authored: r.authored })) };
}

async function myPeerGroups(db: Database, actor: Actor) {
  const rows = await db
    .select({ id: groups.id, name: groups.name, role: groupMembers.role, total: sql<number>`(count(*) over ())::int` })
    .from(groupMembers)
    .innerJoin(groups, and(eq(groups.id, groupMembers.groupId), eq(groups.kind, "peer")))
    .where(eq(groupMembers.userId, actor.id))
    .orderBy(asc(groups.name))
    .limit(SHOWN);
  return { total: rows[0]?.total ?? 0, shown: rows.map(({ total: _total, ...g }) => g) };
}

async function myMentoring(db: Database, actor: Actor) {
  const asMentor = eq(mentorships.mentorId, actor.id);
  const [row] = await db
    .select({
      activePairs: sql<number>`(count(*) filter (where ${mentorships.status} = 'active'))::int`,
      asksForMe: sql<number>`(count(*) filter (where ${mentorships.status} = 'asked' and ${asMentor}))::int`,
      myAsksWaiting: sql<number>`(count(*) filter (where ${mentorships.status} = 'asked' and not ${asMentor}))::int`,
      offers: sql<boolean>`exists (select 1 from ${mentorOffers} o where o.user_id = ${actor.id} and o.active)`,
    })
    .from(mentorships)
    .where(or(asMentor, eq(mentorships.menteeId, actor.id)));
  return { activePairs: row?.activePairs ?? 0, asksForMe: row?.asksForMe ?? 0, myAsksWaiting: row?.myAsksWaiting ?? 0, offers: row?.offers ?? false };
}

export async function loadAlumnusOverview(db: Database, actor: Actor, now: Date) {
  const [upcoming, proposalsOf, peerGroups, mentoring] = await Promise.all([
    listUpcomingReunions(db, actor, { now, limit: SHOWN }),
    myOpenProposals(db, actor),
    myPeerGroups(db, actor),
    myMentoring(db, actor),
  ]);
  return { upcoming, proposals: proposalsOf, peerGroups, mentoring };
}
