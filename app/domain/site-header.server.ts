// What the layout shows on every signed-in page besides the person: the
// bell's number, whether the organisation holds demo data, and when the
// person's own account is to be erased if a deletion is waiting (the banner
// that lets them cancel it), read in one round trip with a query built once
// (every page pays for it).
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/database";
import { preparedQuery } from "../../db/prepared-query";
import { accountDeletions, organisations } from "../../db/schema";
import { unreadNotificationsSql } from "./notifications/list-notifications.server";
import type { Actor } from "./policy";

// Milliseconds since the epoch: the same number from PGlite and postgres-js, which return timestamps differently.
const deletionDueSql = sql<number | null>`(select extract(epoch from ${accountDeletions.erasesAt}) * 1000 from ${accountDeletions} where ${and(
  eq(accountDeletions.userId, sql.placeholder("userId")),
  isNull(accountDeletions.cancelledAt),
  isNull(accountDeletions.erasedAt),
)})`.mapWith((v) => (v === null ? null : Number(v)));

const siteHeaderQuery = preparedQuery("site_header", (db) =>
  db
    .select({ unreadNotifications: unreadNotificationsSql(sql.placeholder("userId")), demoData: organisations.demoData, deletionDue: deletionDueSql })
    .from(organisations)
    .where(eq(organisations.id, sql.placeholder("orgId"))),
);

export type SiteHeaderFacts = { unreadNotifications: number; demoData: boolean; deletionDue: Date | null };

export async function siteHeaderFacts(db: Database, actor: Actor): Promise<SiteHeaderFacts> {
  const [row] = await siteHeaderQuery(db, { userId: actor.id, orgId: actor.orgId });
  const due = row?.deletionDue;
  return { unreadNotifications: row?.unreadNotifications ?? 0, demoData: row?.demoData ?? false, deletionDue: due === null || due === undefined ? null : new Date(due) };
}
