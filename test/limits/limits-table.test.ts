// docs/limits.md states every limit's value; this keeps it in step with the
// code and the configuration's defaults.
import fs from "node:fs";
import path from "node:path";
import { FREE_ATTEMPTS, throttleDelayMs } from "../../app/domain/accounts/login-throttle.server";
import { DEFAULT_COLLAB_OPTIONS } from "../../server/collab/collab-server";
import { DEFAULT_CONNECTION_LIMITS } from "../../server/collab/connection";
import { MAX_AWARENESS_IDS_PER_CONNECTION } from "../../server/collab/room";
import { parseConfig } from "../../server/config";
import { SLOT_LEASE_MS } from "../../server/limits/connection-slots";
import { MAX_BODY_BYTES } from "../../server/http/request-guards";

const table = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/limits.md"), "utf8");

/** The table row whose first cell is `limit` and second `scope`. */
function row(limit: string, scope: string) {
  const found = table.split("\n").filter((line) => line.startsWith(`| ${limit} | ${scope} |`));
  expect(found, `a row for ${limit}, ${scope}`).toHaveLength(1);
  return found[0]!;
}

const MiB = 1024 * 1024;
const mib = (bytes: number) => (bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`);

test("docs/limits.md gives each limit the value the code has", () => {
  const defaults = parseConfig({});
  expect(row("sign-in, sign-up, password reset and invitation forms", "one client address")).toContain(`${defaults.authRateLimitPerMinute} a minute: ${defaults.authRateLimitPerMinute} at once, one more every ${60 / defaults.authRateLimitPerMinute} s`);
  expect(row("failed sign-ins", "one email address (known or not)")).toContain(
    `after ${FREE_ATTEMPTS} failures a wait of ${throttleDelayMs(FREE_ATTEMPTS) / 1000} s, doubling with each further failure up to ${throttleDelayMs(1000) / 60_000} min`,
  );
  expect(MAX_BODY_BYTES).toBe(MiB);
  expect(row("request body", "one request")).toContain("| 1 MB |");
  expect(row("open sockets", "one person, all tabs, devices and processes")).toContain(`| ${defaults.collabMaxConnectionsPerPerson} |`);
  expect(row("open sockets", "one person, all tabs, devices and processes")).toContain(`leased for ${SLOT_LEASE_MS / 1000} s and renewed every ${SLOT_LEASE_MS / 3000} s`);
  expect(row("open sockets", "one client address, whoever opens them")).toContain(`| ${defaults.collabMaxConnectionsPerAddress} |`);
  const limits = DEFAULT_CONNECTION_LIMITS;
  expect(row("messages", "one socket")).toContain(`${limits.messagesPerSecond} a second, ${limits.messageBurst} at once`);
  expect(row("bytes", "one socket")).toContain(`${mib(limits.bytesPerSecond)} a second, ${mib(limits.byteBurst)} at once`);
  expect(row("whole-document requests (SyncStep1)", "one socket")).toContain(`${limits.syncRequestsPerMinute} a minute, ${limits.syncRequestBurst} at once`);
  expect(row("unsent data to a reader that stopped reading", "one socket")).toContain(`| ${mib(limits.maxBufferedBytes)} |`);
  expect(row("message size", "one message")).toContain(`| ${mib(DEFAULT_COLLAB_OPTIONS.maxMessageBytes)} |`);
  expect(row("document size", "one document, whoever writes it through whichever process")).toContain(`${mib(DEFAULT_COLLAB_OPTIONS.maxDocumentBytes)} stored`);
  expect(row("presence entries", "one socket")).toContain(`| ${MAX_AWARENESS_IDS_PER_CONNECTION} client ids |`);
  expect(row("silence", "one socket")).toContain(`a ping every ${DEFAULT_COLLAB_OPTIONS.pingIntervalMs / 1000} s`);
});
