// What the layout shows on every signed-in page besides the person: the
// bell's number and whether the organisation holds demo data, read in one
// round trip with a query built once (every page pays for it).
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/database";
import { preparedQuery } from "../../db/prepared-query";
import { organisations } from "../../db/schema";
import { unreadNotificationsSql } from "./notifications/list-notifications.server";
import type { Actor } from "./policy";

const siteHeaderQuery = preparedQuery("site_header", (db) =>
  db
    .select({ unreadNotifications: unreadNotificationsSql(sql.placeholder("userId")), demoData: organisations.demoData })
    .from(organisations)
    .where(eq(organisations.id, sql.placeholder("orgId"))),
);

export async function siteHeaderFacts(db: Database, actor: Actor): Promise<{ unreadNotifications: number; demoData: boolean }> {
  const [row] = await siteHeaderQuery(db, { userId: actor.id, orgId: actor.orgId });
  return { unreadNotifications: row?.unreadNotifications ?? 0, demoData: row?.demoData ?? false };
}
