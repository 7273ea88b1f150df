// A populated database for the backup tests: the personal-data world (a row
// in nearly every table: organisations, people, modules with collaboration
// updates, groups, reunions, mentoring, the programme, experiments, the
// audit log), a draft two authors edit live, and values that an encoding
// could easily bend: every byte value, microseconds, a float's last digit,
// numbers past a double's precision inside jsonb, Japanese and emoji,
// quotes, backslashes and line breaks, arrays holding commas and "NULL".
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/database";
import { auditEvents, collabUpdates, notifications, surveyScores, users } from "../../db/schema";
import { rowsOf } from "../../server/backup/table-rows";
import { createCoauthor, createDraftToEdit } from "./factories";
import { plantPersonalData } from "./personal-data-factories";

export const EDGE_DOCUMENT = "module.00000000-0000-4000-8000-00000000edge";
const EDGE_TEXT = 'Zürich 日本語の文 🎉 "quoted" back\\slash\nnew line\ttab';

export async function populateForBackup(db: Database) {
  const world = await plantPersonalData(db);
  const draft = await createDraftToEdit(db);
  const coauthor = await createCoauthor(db, { moduleId: draft.module.id, orgId: draft.org.id });

  const allBytes = new Uint8Array(256).map((_, i) => i);
  await db.insert(collabUpdates).values({ documentName: EDGE_DOCUMENT, update: allBytes });
  await db.update(users).set({ bio: EDGE_TEXT, expertise: ["a,b", 'quote"d', "NULL", "{braces}", "日本"] }).where(eq(users.id, world.colleague.id));
  await db.insert(surveyScores).values([
    { orgId: world.org.id, userId: world.colleague.id, period: "2026-02-01", instrument: "edge-sum", score: 0.1 + 0.2 },
    { orgId: world.org.id, userId: world.colleague.id, period: "2026-02-01", instrument: "edge-tiny", score: 5e-324 },
    { orgId: world.org.id, userId: world.colleague.id, period: "2026-02-01", instrument: "edge-huge", score: 1.7976931348623157e308 },
  ]);
  await db.insert(notifications).values({
    userId: world.colleague.id,
    kind: "edge",
    title: EDGE_TEXT,
    link: "/",
    createdAt: sql`'2026-03-01 12:34:56.789012+09'::timestamptz`,
  });
  // jsonb keeps numbers as numerics, past a double's precision: written as SQL so JavaScript never rounds it.
  await db.insert(auditEvents).values({
    actorId: world.colleague.id,
    actorName: EDGE_TEXT,
    action: "edge.values",
    targetType: "person",
    targetId: world.colleague.id,
    ownerOrgId: world.org.id,
    details: sql`${JSON.stringify({ text: EDGE_TEXT, nested: [null, true, { empty: [] }] })}::jsonb || '{"pi": 3.14159265358979323846264338327950288}'::jsonb`,
  });
  return { world, draft, coauthor };
}

/** The edge values as the database prints them, to compare two databases value by value. */
export async function edgeValues(db: Database): Promise<Record<string, string>> {
  const [row] = await rowsOf<Record<string, string>>(
    db.execute(sql`select
      (select encode("update", 'hex') from collab_updates where document_name = ${EDGE_DOCUMENT}) as bytes,
      (select bio || ' | ' || expertise::text || ' | ' || directory_vector::text from users where bio like 'Zürich%') as person,
      (select string_agg(instrument || '=' || score::text, ' ' order by instrument) from survey_scores where instrument like 'edge-%') as scores,
      (select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || ' ' || title from notifications where kind = 'edge') as stamped,
      (select details::text from audit_events where action = 'edge.values') as details`),
  );
  return row!;
}
