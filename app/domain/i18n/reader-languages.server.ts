// The language each reader of a notice or an email gets: their own choice,
// else their organisation's default (languages.ts; there is no browser to ask).
import { eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { organisations, users } from "../../../db/schema";
import { chooseLanguage, type Language } from "./languages";

export async function readerLanguages(db: Database, userIds: readonly string[]): Promise<Map<string, Language>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, language: users.language, orgLanguage: organisations.defaultLanguage })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(inArray(users.id, [...userIds]));
  return new Map(rows.map((r) => [r.id, chooseLanguage({ person: r.language, organisation: r.orgLanguage })]));
}
