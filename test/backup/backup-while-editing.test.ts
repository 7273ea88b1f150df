// A backup taken while the portal keeps running: two authors type into a
// draft through real y-websocket clients while `npm run backup` runs as its
// own process (on PGlite it asks the running server, which holds the
// database, over its backup channel). `npm run restore` then brings the file
// back into a new, empty database, which must hold every edit the server
// acknowledged before the backup began and match the manifest table by table.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type OpenDatabase } from "../../db/open-database";
import { openBackupChannel, type BackupChannel } from "../../server/backup/local-backup-channel";
import { checkBackup } from "../../server/backup/restore-backup";
import { databaseChecksums } from "../../server/backup/table-rows";
import { silentLog } from "../../server/log";
import { connectClient, eventually, typeInto, type CollabClient } from "../support/collab-client";
import { edgeValues, populateForBackup } from "../support/backup-factories";
import { runKind, scratchDatabase, type ScratchDatabase } from "../support/backup-databases";
import { runNpm } from "../support/backup-files";
import { storedDocument } from "../support/stored-document";
import { startTestServer, type TestServer } from "../support/test-server";

/** One author's client: what it typed, and which of it the server acknowledged. */
class Typist {
  private readonly markers: { text: string; seq: number | null }[] = [];
  private acked = 0;
  acknowledgements = 0;
  constructor(readonly client: CollabClient) {
    client.onAck((_socket, n) => {
      this.acked = n;
      this.acknowledgements++;
    });
  }
  type(text: string) {
    const before = this.client.sent();
    typeInto(this.client, ` ${text}`);
    this.markers.push({ text, seq: this.client.sent() > before ? this.client.sent() : null });
  }
  acknowledged() {
    return this.markers.filter((m) => m.seq !== null && m.seq <= this.acked).map((m) => m.text);
  }
}

test(`a backup taken while two authors type holds every edit acknowledged before it began, and restores into a new empty database (${runKind})`, async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "rt-backup-file-"));
  const file = path.join(folder, "roundtable.tar.gz");
  const source: ScratchDatabase = await scratchDatabase(runKind, { migrated: true });
  let restored: ScratchDatabase | null = null;
  let opened: OpenDatabase | null = null;
  let server: TestServer | null = null;
  let channel: BackupChannel | null = null;
  const typists: Typist[] = [];
  let typing = false;
  try {
    opened = await openDatabase(source.target);
    const { draft, coauthor } = await populateForBackup(opened.db);
    const edgesAtSource = await edgeValues(opened.db);
    server = await startTestServer(opened.db);
    // What server/index.ts does for an embedded database in a directory.
    if (source.dir) channel = await openBackupChannel(opened, source.dir, silentLog);

    for (const cookie of [draft.cookie, coauthor.cookie]) typists.push(new Typist(connectClient(server, draft.documentName, cookie)));
    await eventually(() => expect(typists.every((t) => t.client.provider.synced)).toBe(true), 20_000);

    typing = true;
    let counter = 0;
    const typingDone = (async () => {
      while (typing) {
        const typist = typists[counter % typists.length]!;
        typist.type(`marker${++counter}x`);
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const acknowledged = () => typists.flatMap((t) => t.acknowledged());
    const acknowledgements = () => typists.reduce((n, t) => n + t.acknowledgements, 0);
    await eventually(() => expect(acknowledged().length).toBeGreaterThanOrEqual(10), 20_000);

    const beforeBackup = acknowledged();
    const acknowledgementsBefore = acknowledgements();
    const backup = await runNpm("backup", [file], source.env);
    const acknowledgedDuringBackup = acknowledgements() - acknowledgementsBefore;
    typing = false;
    await typingDone;

    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up \d+ tables \([\d,]+ rows\) of (PostgreSQL|embedded PGlite in .+), at migration \d{4}_\w+, to .+roundtable\.tar\.gz/);
    // The portal kept serving: edits went on being stored and acknowledged while the backup ran.
    expect(acknowledgedDuringBackup).toBeGreaterThan(0);
    // Everyone's edits still converge and are stored: the backup held nothing up for good.
    await eventually(() => {
      for (const t of typists) expect(t.client.acked()).toBe(t.client.sent());
    }, 20_000);

    restored = await scratchDatabase(runKind, { migrated: false });
    const restore = await runNpm("restore", [file], restored.env);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^Restored \d+ tables \([\d,]+ rows\) from .+ into (PostgreSQL|embedded PGlite in .+)/);

    const manifest = await checkBackup(file);
    expect(manifest.source.kind).toBe(runKind);
    const found = await restored.inspect(async (db) => ({
      checksums: await databaseChecksums(db.db),
      text: (await storedDocument(db.db, draft.documentName)).text,
      edges: await edgeValues(db.db),
    }));
    expect(found.checksums).toEqual(manifest.tables.map(({ name, rows, sha256 }) => ({ name, rows, sha256 })));
    expect(manifest.tables.filter((t) => t.rows > 0).length).toBeGreaterThan(60);
    expect(beforeBackup.filter((marker) => !found.text.includes(marker))).toEqual([]);
    expect(found.edges).toEqual(edgesAtSource);
  } finally {
    typing = false;
    for (const t of typists) t.client.destroy();
    await server?.stop();
    await channel?.close();
    await opened?.close();
    await source.drop();
    await restored?.drop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}, 300_000);
