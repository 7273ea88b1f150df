// The few queries every page runs (the session, the layout's facts, the
// reader's module) are built once per database with placeholders instead of
// on every call: drizzle spends about 0.2 ms building a query like the
// session lookup, more than PostgreSQL takes to answer it. On PostgreSQL they
// also run as named prepared statements, so the server skips parsing and
// planning. Behind PgBouncer in transaction mode named statements do not
// survive (before 1.21), so there the query is built on each call, as before.
import type { Database } from "./database";

const withoutNamedStatements = new WeakSet<Database>();

/** For a database reached through a pooler that loses named prepared statements. */
export function disablePreparedStatements(db: Database) {
  withoutNamedStatements.add(db);
}

type Runnable<R> = { execute(values?: Record<string, unknown>): Promise<R> };
type Preparable<R> = Runnable<R> & { prepare(name: string): Runnable<R> };

/**
 * A query built by `build` with sql.placeholder() for its inputs, run as
 * `run(db, values)`. `name` must be unique among prepared queries.
 */
export function preparedQuery<R>(name: string, build: (db: Database) => Preparable<R>) {
  const byDatabase = new WeakMap<Database, Runnable<R>>();
  return (db: Database, values: Record<string, unknown>): Promise<R> => {
    let query = byDatabase.get(db);
    if (!query) {
      const built = build(db);
      query = withoutNamedStatements.has(db) ? built : built.prepare(name);
      byDatabase.set(db, query);
    }
    return query.execute(values);
  };
}
