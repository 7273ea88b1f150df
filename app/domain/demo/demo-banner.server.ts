// Whether a person's organisation holds generated demo data (organisations.demo_data).
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { organisations } from "../../../db/schema";

export async function isDemoOrganisation(db: Database, orgId: string) {
  const [row] = await db.select({ demoData: organisations.demoData }).from(organisations).where(eq(organisations.id, orgId));
  return row?.demoData ?? false;
}
