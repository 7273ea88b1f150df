// A backup is the same file whichever kind of database wrote it: an embedded
// PGlite installation moves to PostgreSQL by restoring its backup there, and
// back again, with every table's rows and every value intact. Needs both
// kinds, so it runs where PostgreSQL is (DATABASE_URL, CI's second run).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/open-database";
import { collabUpdates } from "../../db/schema";
import { restoreBackup } from "../../server/backup/restore-backup";
import { databaseChecksums, readSequences } from "../../server/backup/table-rows";
import { writeBackup } from "../../server/backup/write-backup";
import { edgeValues, populateForBackup } from "../support/backup-factories";
import { postgresAvailable, scratchDatabase, type Kind, type ScratchDatabase } from "../support/backup-databases";
import { storedDocument } from "../support/stored-document";

const moves: [Kind, Kind][] = [
  ["pglite", "postgres"],
  ["postgres", "pglite"],
];

describe.skipIf(!postgresAvailable)("a backup restores into the other kind of database", () => {
  for (const [from, to] of moves) {
    test(`a ${from} backup restored into ${to} holds the same rows, checksums and values`, async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), "rt-backup-file-"));
      const file = path.join(folder, `${from}.tar.gz`);
      const dbs: ScratchDatabase[] = [];
      try {
        const source = await scratchDatabase(from, { migrated: true });
        dbs.push(source);
        const opened = await openDatabase(source.target);
        let expected;
        try {
          const { draft } = await populateForBackup(opened.db);
          const manifest = await writeBackup(opened, fs.createWriteStream(file));
          expected = {
            manifest,
            checksums: await databaseChecksums(opened.db),
            edges: await edgeValues(opened.db),
            draft: await storedDocument(opened.db, draft.documentName),
            documentName: draft.documentName,
          };
        } finally {
          await opened.close();
        }
        expect(expected.manifest.source.kind).toBe(from);
        // Nothing changed between the backup and the checksums read after it.
        expect(expected.checksums).toEqual(expected.manifest.tables.map(({ name, rows, sha256 }) => ({ name, rows, sha256 })));

        const target = await scratchDatabase(to, { migrated: true });
        dbs.push(target);
        const summary = await restoreBackup(file, target.target);
        expect(summary.rows).toBe(expected.manifest.tables.reduce((n, t) => n + t.rows, 0));

        await target.inspect(async ({ db, kind }) => {
          expect(kind).toBe(to);
          expect(await databaseChecksums(db)).toEqual(expected.checksums);
          expect(await edgeValues(db)).toEqual(expected.edges);
          const draft = await storedDocument(db, expected.documentName);
          expect(draft.text).toBe(expected.draft.text);
          expect(draft.updateIds).toEqual(expected.draft.updateIds);
          // Sequences stand where the backup found them, so new rows get new ids.
          expect(await readSequences(db)).toEqual(expected.manifest.sequences);
          const [added] = await db.insert(collabUpdates).values({ documentName: expected.documentName, update: new Uint8Array([0]) }).returning({ id: collabUpdates.id });
          const [max] = await db.select({ id: sql<string>`max(${collabUpdates.id})::text` }).from(collabUpdates).where(sql`${collabUpdates.id} <> ${added!.id}`);
          expect(BigInt(added!.id)).toBeGreaterThan(BigInt(max!.id));
        });
      } finally {
        for (const db of dbs) await db.drop();
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }, 240_000);
  }
});
