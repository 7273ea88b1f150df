// The Database type the domain code sees. It is the same for PGlite and
// PostgreSQL, so nothing outside db/open-database.ts knows which one runs.
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
