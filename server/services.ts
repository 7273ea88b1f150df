// What one server process owns and hands to every request: the database,
// the configuration, the logger, the in-memory limiters and the metrics.
import type { Database } from "../db/database";
import { initialCollabState } from "../app/domain/collab/document-kinds.server";
import { FormationRunner } from "../app/domain/programme/forming/formation-runner.server";
import { storeDocumentEditor, type DocumentEditor } from "./collab/document-editor";
import { DocumentStore } from "./collab/document-store";
import { CollabMetrics } from "./collab/metrics";
import type { Config } from "./config";
import type { Logger } from "./log";
import { TokenBucketLimiter } from "./token-bucket";

export type Services = {
  db: Database;
  config: Config;
  log: Logger;
  authLimiter: TokenBucketLimiter;
  /** Written by the collaboration server, read by /metrics. */
  metrics: CollabMetrics;
  /** Edits collaborative documents from the portal; the collaboration server routes them through its rooms. */
  documentEditor: DocumentEditor;
  /** Group formation runs of this process, each in a worker thread. */
  formationRuns: FormationRunner;
};

export function createServices(db: Database, config: Config, log: Logger): Services {
  const perMinute = config.authRateLimitPerMinute;
  return {
    db,
    config,
    log,
    authLimiter: new TokenBucketLimiter(perMinute, perMinute / 60),
    metrics: new CollabMetrics(),
    documentEditor: storeDocumentEditor(new DocumentStore(db, (name) => initialCollabState(db, name))),
    formationRuns: new FormationRunner(db),
  };
}
