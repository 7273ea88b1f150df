// What a thought leader has going on, for the home page: the modules they
// lead by state, and the submitted drafts of their modules, marking those
// that wait for their own approval. Two queries, whatever the numbers.
import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moduleAuthors, moduleSubmissions, modules } from "../../../db/schema";
import type { Actor } from "../policy";

const SHOWN = 5;

export async function loadThoughtLeaderOverview(db: Database, actor: Actor) {
  const leads = sql`exists (select 1 from ${moduleAuthors} ma where ma.module_id = ${modules.id} and ma.user_id = ${actor.id} and ma.role = 'lead')`;
  // The module needs this person's approval and the submission lacks it: the same rule as decideSubmission.
  const waitsForMe = sql<boolean>`(${modules.requiredApproverId} = ${actor.id}
    and not exists (select 1 from submission_approvals sa where sa.submission_id = ${moduleSubmissions.id} and sa.capacity = 'author')
    and not (${moduleSubmissions.submittedBy} = ${actor.id} and ${moduleSubmissions.rebasedAt} is null))`;
  const [led, inReview] = await Promise.all([
    db
      .select({ published: sql<number>`(count(*) filter (where ${modules.status} = 'published'))::int`, total: sql<number>`count(*)::int` })
      .from(modules)
      .innerJoin(moduleAuthors, and(eq(moduleAuthors.moduleId, modules.id), eq(moduleAuthors.userId, actor.id), eq(moduleAuthors.role, "lead"))),
    db
      .select({
        id: moduleSubmissions.id,
        title: modules.title,
        waitsForMe,
        total: sql<number>`(count(*) over ())::int`,
        waitingForMe: sql<number>`(count(*) filter (where ${waitsForMe}) over ())::int`,
      })
      .from(moduleSubmissions)
      .innerJoin(modules, eq(modules.id, moduleSubmissions.moduleId))
      .where(and(eq(moduleSubmissions.state, "in_review"), or(eq(modules.requiredApproverId, actor.id), leads)))
      .orderBy(sql`${waitsForMe} desc`, asc(moduleSubmissions.submittedAt))
      .limit(SHOWN),
  ]);
  return {
    modulesLed: led[0]?.total ?? 0,
    modulesPublished: led[0]?.published ?? 0,
    inReview: inReview[0]?.total ?? 0,
    waitingForMe: inReview[0]?.waitingForMe ?? 0,
    submissions: inReview.map((s) => ({ id: s.id, title: s.title, waitsForMe: s.waitsForMe })),
  };
}
