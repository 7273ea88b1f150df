// The process entry: read the configuration, open and migrate the database,
// create demo data outside production (and on PGlite gather the planner's
// statistics), serve, and shut down gracefully.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/open-database";
import { DEMO_PASSWORD, describeDemoAccount, seedDemo } from "../app/domain/demo/seed-demo.server";
import { openBackupChannel } from "./backup/local-backup-channel";
import { ConfigError, parseConfig } from "./config";
import { BUILD_PATH, ROOT_DIR } from "./http-app";
import { startOutboxDelivery } from "./jobs/deliver-outbox-job";
import { startReviewReminders } from "./jobs/review-reminder-job";
import { startReunionReminders } from "./jobs/reunion-reminder-job";
import { startJoinVoteClosing } from "./jobs/group-join-vote-job";
import { startNotificationEmails } from "./jobs/notification-email-job";
import { startProgrammeJobs } from "./jobs/programme-job";
import { startPersonalDataJobs } from "./jobs/personal-data-job";
import { errorFields, log } from "./log";
import { createServices, stopServices } from "./services";
import { startServer } from "./start-server";

async function importBuild(): Promise<ServerBuild> {
  if (!fs.existsSync(BUILD_PATH)) {
    throw new Error(`No build at ${BUILD_PATH}. Run "npm run build" (npm start does this for you).`);
  }
  // The query string makes Node load a fresh copy after a rebuild in dev.
  return import(`${pathToFileURL(BUILD_PATH).href}?t=${fs.statSync(BUILD_PATH).mtimeMs}`);
}

/** In `npm run dev` the build is re-imported whenever remix dev rewrites it. */
async function buildSource(): Promise<ServerBuild | (() => Promise<ServerBuild>)> {
  let build = await importBuild();
  if (!process.env.REMIX_DEV_ORIGIN) return build;
  await broadcastDevReady(build);
  fs.watch(path.dirname(BUILD_PATH), { persistent: false }, async (_event, file) => {
    if (file !== path.basename(BUILD_PATH)) return;
    try {
      build = await importBuild();
      await broadcastDevReady(build);
    } catch (error) {
      log.error("reloading the build failed", errorFields(error));
    }
  });
  return async () => build;
}

async function main() {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const database = await openDatabase(
    config.databaseUrl
      ? {
          databaseUrl: config.databaseUrl,
          maxConnections: config.databasePoolSize,
          pooler: config.databasePooler,
          migrationUrl: config.databaseMigrationUrl ?? undefined,
        }
      : { pgliteDir: config.pgliteDir },
  );
  for (const warning of database.warnings) log.warn(warning);
  const services = createServices(database.db, config, log);
  const seed = await seedDemo(database.db, { isProduction: config.isProduction, contentDir: path.join(ROOT_DIR, "content") });
  // Embedded PGlite runs no autovacuum, so nothing else gathers the planner's
  // statistics; without them it may read a whole organisation through the
  // wrong index (decision 032). About 5 s for 100,000 people, once per start.
  if (database.kind === "pglite") await database.db.execute(sql`analyze`);
  // The embedded database cannot be opened by `npm run backup` while this process holds it: it asks us instead.
  const backupChannel = config.databaseUrl ? null : await openBackupChannel(database, config.pgliteDir, log);

  const running = await startServer(services, await buildSource());
  const outboxJob = startOutboxDelivery(services);
  const notificationEmailJob = startNotificationEmails(services);
  const reviewReminderJob = startReviewReminders(services);
  const reunionReminderJob = startReunionReminders(services);
  const joinVoteJob = startJoinVoteClosing(services);
  const programmeJob = startProgrammeJobs(services);
  const personalDataJob = startPersonalDataJobs(services);

  const where = config.databaseUrl ? "PostgreSQL" : `embedded PGlite in ${config.pgliteDir}`;
  const lines = [
    "",
    `  Roundtable is running at ${config.port === running.port ? config.publicOrigin : running.url}`,
    `  Database: ${where}${seed.seeded ? " (demo data created)" : ""}`,
    ...(seed.imported
      ? [`  Modules from content/: ${seed.imported.created.length} new, ${seed.imported.updated.length} updated, ${seed.imported.unchanged.length} unchanged${seed.imported.skipped.length ? `, ${seed.imported.skipped.length} skipped (${seed.imported.skipped.map((s) => `${s.slug}: ${s.reason}`).join("; ")})` : ""}`]
      : []),
    `  Email: ${config.smtpUrl ? "delivered through SMTP_URL" : "kept in the outbox, readable at /admin/outbox"}`,
  ];
  if (seed.accounts.length) {
    lines.push("", `  Demo sign-ins (password: ${DEMO_PASSWORD}):`);
    for (const a of seed.accounts) lines.push(`    ${a.email.padEnd(24)} ${describeDemoAccount(a)}`);
  }
  console.log(lines.join("\n") + "\n");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    try {
      await running.stop();
      await outboxJob?.stop();
      await notificationEmailJob.stop();
      await reviewReminderJob.stop();
      await reunionReminderJob.stop();
      await joinVoteJob.stop();
      await programmeJob.stop();
      await personalDataJob.stop();
      await backupChannel?.close();
      await stopServices(services);
      await database.close();
      log.info("stopped cleanly");
      process.exit(0);
    } catch (error) {
      log.error("shutdown failed", errorFields(error));
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  const message = error instanceof Error || (error && typeof error === "object" && "message" in error) ? (error as Error).message : String(error);
  console.error(`Roundtable failed to start: ${message}`);
  if (error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
});
