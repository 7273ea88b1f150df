// The register of personal data must keep up with the schema: a new table
// or column that names a person, without saying how it is exported and
// erased, fails here.
import { getTableColumns, getTableName } from "drizzle-orm";
import { integer, pgTable, text, uuid, type PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { PERSONAL_DATA_REGISTER, schemaTables, unregisteredPersonColumns } from "../../db/personal-data-register";
import * as schema from "../../db/schema";

const tables = schemaTables();

describe("the register of personal data", () => {
  it("has an entry for every column of the schema that references a person", () => {
    expect(unregisteredPersonColumns(tables)).toEqual([]);
  });

  it("notices a table with a person column and no entry", () => {
    const newTable = pgTable("kudos", {
      id: integer("id").primaryKey(),
      giverId: uuid("giver_id").references(() => schema.users.id),
      note: text("note"),
    });
    expect(unregisteredPersonColumns([...tables, newTable])).toEqual(["kudos.giver_id"]);
  });

  it("notices a person column of a registered table left out of its entry", () => {
    const withoutComments = PERSONAL_DATA_REGISTER.map((entry) => (entry.table === schema.comments ? { ...entry, people: { authorId: entry.people.authorId! } } : entry));
    expect(unregisteredPersonColumns(tables, withoutComments)).toEqual(["comments.resolved_by"]);
  });

  it("names only real columns, lists each table once, and forgets only columns that can be empty", () => {
    const seen = new Set<PgTable>();
    for (const entry of PERSONAL_DATA_REGISTER) {
      const name = getTableName(entry.table);
      expect(seen.has(entry.table), `${name} is listed twice`).toBe(false);
      seen.add(entry.table);
      const columns = getTableColumns(entry.table);
      for (const key of [...Object.keys(entry.people), ...entry.omit, ...entry.namedIn]) expect(columns[key], `${name}.${key}`).toBeDefined();
      for (const [key, spec] of Object.entries(entry.people)) {
        if (spec.erase.how === "forget") expect(columns[key]!.notNull, `${name}.${key} is forgotten, so it must be nullable`).toBe(false);
      }
      expect(entry.about.length).toBeGreaterThan(10);
    }
  });

  it("never exports a secret", () => {
    for (const entry of PERSONAL_DATA_REGISTER) {
      for (const [key, column] of Object.entries(getTableColumns(entry.table))) {
        if (/password|token/i.test(column.name)) expect(entry.omit, `${getTableName(entry.table)}.${column.name}`).toContain(key);
      }
    }
    expect(PERSONAL_DATA_REGISTER.find((e) => e.table === schema.sessions)?.omit).toContain("id");
  });
});
