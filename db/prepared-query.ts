// The few queries every page runs (the session, the layout's facts, the
// reader's module) are built once per database with placeholders instead of
// on every call: drizzle spends about 0.2 ms building a query like the
// session lookup, more than PostgreSQL takes to answer it. On a direct
// PostgreSQL connection they also run as named prepared statements, so the
// server skips parsing and planning; behind PgBouncer in transaction mode the
// client has prepared statements off (db/open-database.ts), which postgres.js
// honours over a query's own wish, so there only the building is saved.
import type { Database } from "./database";

type Runnable<R> = { execute(values?: Record<string, unknown>): Promise<R> };
type Preparable<R> = { prepare(name: string): Runnable<R> };

/**
 * A query built by `build` with sql.placeholder() for its inputs, run as
 * `run(db, values)`. `name` must be unique among prepared queries.
 */
export function preparedQuery<R>(name: string, build: (db: Database) => Preparable<R>) {
  const byDatabase = new WeakMap<Database, Runnable<R>>();
  return (db: Database, values: Record<string, unknown>): Promise<R> => {
    let query = byDatabase.get(db);
    if (!query) {
      query = build(db).prepare(name);
      byDatabase.set(db, query);
    }
    return query.execute(values);
  };
}
