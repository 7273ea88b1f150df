// The setting the language tests share: one database and one real server for
// the file, a world planted for a Japanese organisation and one for an
// English one, and the list of catalogue keys pages asked for and no
// catalogue had. Registered as the file's beforeAll/afterAll.
import { afterAll, beforeAll } from "vitest";
import { missingTranslationKeys } from "./page-language";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { startTestServer, type TestServer } from "./test-server";

export type Setting = {
  t: TestDatabase;
  server: TestServer;
  /** Keys asked for that no catalogue has, since the build was loaded. */
  missingKeys: () => string[];
};

/**
 * Plants the Japanese world, then the English one, into `worlds` (the file's
 * own object, so its type can come from `plant` without a cycle);
 * `afterPlanting` runs once both exist.
 */
export function worldsInBothLanguages<W>(worlds: Partial<Record<"ja" | "en", W>>, plant: (language: "ja" | "en") => Promise<W>, afterPlanting?: () => Promise<void>): Setting {
  const setting = {} as Setting;
  beforeAll(async () => {
    setting.t = await createTestDatabase();
    setting.server = await startTestServer(setting.t.db);
    setting.missingKeys = await missingTranslationKeys();
    worlds.ja = await plant("ja");
    worlds.en = await plant("en");
    await afterPlanting?.();
  }, 120_000);
  afterAll(async () => {
    await setting.server?.stop();
    await setting.t?.drop();
  });
  return setting;
}
