// Counts the statements a read sends, so a test can show that a page costs
// the same few queries whatever the number of rows behind it.
import type { Database } from "../../db/database";

export function countingQueries(db: Database) {
  let queries = 0;
  const watched = new Set(["select", "selectDistinct", "selectDistinctOn", "execute"]);
  const proxy = new Proxy(db, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof key === "string" && watched.has(key) && typeof value === "function")
        return (...args: unknown[]) => {
          queries++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: proxy as Database, count: () => queries };
}
