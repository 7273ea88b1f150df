// What one server process owns and hands to every request: the database,
// the configuration, the logger, the limits, the access revocations and the
// metrics.
import type { Database } from "../db/database";
import { initialCollabState } from "../app/domain/collab/document-kinds.server";
import { FormationRunner } from "../app/domain/programme/forming/formation-runner.server";
import { AccessRevocations } from "./access-revocations";
import { storeDocumentEditor, type DocumentEditor } from "./collab/document-editor";
import { DocumentStore } from "./collab/document-store";
import { CollabMetrics } from "./collab/metrics";
import type { Config } from "./config";
import { createLimits, type Limits } from "./limits/limits";
import type { Logger } from "./log";

export type Services = {
  db: Database;
  config: Config;
  log: Logger;
  /** Every per-address and per-person budget, shared through Redis when there is one (server/limits/limits.ts). */
  limits: Limits;
  /** Announce, after committing, whose access may have ended: every process re-checks their sockets at once. */
  accessRevocations: AccessRevocations;
  /** Written by the collaboration server, read by /metrics. */
  metrics: CollabMetrics;
  /** Edits collaborative documents from the portal; the collaboration server routes them through its rooms. */
  documentEditor: DocumentEditor;
  /** Group formation runs of this process, each in a worker thread. */
  formationRuns: FormationRunner;
};

export function createServices(db: Database, config: Config, log: Logger): Services {
  return {
    db,
    config,
    log,
    limits: createLimits(config, log),
    accessRevocations: new AccessRevocations(config.redisUrl, log),
    metrics: new CollabMetrics(),
    documentEditor: storeDocumentEditor(new DocumentStore(db, (name) => initialCollabState(db, name))),
    formationRuns: new FormationRunner(db),
  };
}

/** Stops what the services run beside requests, once the HTTP server has stopped; the database is the caller's. */
export async function stopServices(services: Services) {
  await services.formationRuns.stop();
  await services.limits.close();
  await services.accessRevocations.close();
}
