// Delivering the outbox to a real SMTP server (smtp-server on port 0),
// retries and give-up, leases, and the outbox page for platform admins.
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { outbox } from "../../db/schema";
import { deliverDueEmails, MAX_DELIVERY_ATTEMPTS, type MailTransport } from "../../app/domain/email/deliver-outbox.server";
import { enqueueEmail } from "../../app/domain/email/enqueue-email.server";
import { smtpTransport } from "../../server/jobs/deliver-outbox-job";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { mainText } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer } from "../support/test-server";

type Received = { mailFrom: string; rcptTo: string[]; raw: string };

const FROM = "Roundtable <no-reply@roundtable.test>";
const received: Received[] = [];
const rcptAttempts: string[] = [];
let smtp: SMTPServer;
let transport: MailTransport;
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      rcptAttempts.push(address.address);
      if (address.address.startsWith("bounce-")) {
        return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once("error", reject);
    smtp.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (smtp.server.address() as AddressInfo).port;
  transport = smtpTransport(`smtp://127.0.0.1:${port}`);
});

afterAll(async () => {
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await t?.drop();
});

const hex = () => crypto.randomBytes(4).toString("hex");
const receivedBy = (address: string) => received.filter((m) => m.rcptTo.includes(address));

async function rowOf(id: string) {
  const [row] = await t.db.select().from(outbox).where(eq(outbox.id, id));
  return row!;
}

/** Headers and body of a received message; undoes quoted-printable soft breaks. */
function parseMessage(raw: string) {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(headers)?.[1]?.trim();
  const body = rest.join("\n\n").replace(/=\r?\n/g, "").replace(/\r\n/g, "\n");
  return { header, body };
}

test("a queued email arrives at the SMTP server with its subject, recipient and text, and is marked sent", async () => {
  const to = `reader-${hex()}@example.test`;
  const id = await enqueueEmail(t.db, {
    kind: "test",
    to,
    subject: "Your monthly Roundtable meeting",
    text: "Hello Reader,\n\nYour group meets on Tuesday.\nSee you there.",
  });
  expect((await rowOf(id)).status).toBe("pending");

  const result = await deliverDueEmails(t.db, transport, FROM);
  expect(result.sent).toBeGreaterThanOrEqual(1);

  const messages = receivedBy(to);
  expect(messages).toHaveLength(1);
  const message = messages[0]!;
  expect(message.mailFrom).toBe("no-reply@roundtable.test");
  const { header, body } = parseMessage(message.raw);
  expect(header("Subject")).toBe("Your monthly Roundtable meeting");
  expect(header("To")).toBe(to);
  expect(header("From")).toBe(FROM);
  expect(body).toContain("Hello Reader,\n\nYour group meets on Tuesday.\nSee you there.");

  const row = await rowOf(id);
  expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null, lockedUntil: null });
  expect(row.sentAt).toBeInstanceOf(Date);

  // A sent message is not sent again.
  await deliverDueEmails(t.db, transport, FROM, new Date(Date.now() + 86400_000));
  expect(receivedBy(to)).toHaveLength(1);
});

test("a rejected email goes back to waiting with the reason and a later retry, and is given up after the last attempt", async () => {
  const to = `bounce-${hex()}@example.test`;
  const id = await enqueueEmail(t.db, { kind: "test", to, subject: "Will bounce", text: "Nobody reads this." });

  let now = new Date();
  await deliverDueEmails(t.db, transport, FROM, now);
  let row = await rowOf(id);
  expect(row.status).toBe("pending");
  expect(row.attempts).toBe(1);
  expect(row.lastError).toMatch(/550/);
  expect(row.lastError).toContain("Mailbox unavailable");
  expect(row.lockedUntil).toBeNull();
  expect(row.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());

  // Not retried before its time.
  await deliverDueEmails(t.db, transport, FROM, new Date(row.nextAttemptAt.getTime() - 1000));
  expect((await rowOf(id)).attempts).toBe(1);

  for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
    const previousNext = row.nextAttemptAt;
    now = new Date(row.nextAttemptAt.getTime() + 1);
    await deliverDueEmails(t.db, transport, FROM, now);
    row = await rowOf(id);
    expect(row.attempts).toBe(attempt);
    expect(row.status).toBe(attempt < MAX_DELIVERY_ATTEMPTS ? "pending" : "failed");
    expect(row.lastError).toContain("Mailbox unavailable");
    if (attempt < MAX_DELIVERY_ATTEMPTS) expect(row.nextAttemptAt.getTime()).toBeGreaterThan(previousNext.getTime());
  }

  // A failed message is left alone.
  await deliverDueEmails(t.db, transport, FROM, new Date(now.getTime() + 30 * 86400_000));
  row = await rowOf(id);
  expect(row).toMatchObject({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS });
  expect(rcptAttempts.filter((a) => a === to)).toHaveLength(MAX_DELIVERY_ATTEMPTS);
  expect(receivedBy(to)).toHaveLength(0);
});

test("a message another worker has claimed is not sent twice", async () => {
  const to = `claimed-${hex()}@example.test`;
  const id = await enqueueEmail(t.db, { kind: "test", to, subject: "Claimed elsewhere", text: "Only once, please." });
  const leaseEnd = new Date("2100-01-01T00:00:00Z");
  await t.db.update(outbox).set({ status: "sending", attempts: 1, lockedUntil: leaseEnd }).where(eq(outbox.id, id));

  await deliverDueEmails(t.db, transport, FROM);
  expect(receivedBy(to)).toHaveLength(0);
  expect(await rowOf(id)).toMatchObject({ status: "sending", attempts: 1 });

  // If that worker died, the message is sent once its lease runs out.
  await deliverDueEmails(t.db, transport, FROM, new Date(leaseEnd.getTime() + 1000));
  expect(receivedBy(to)).toHaveLength(1);
  expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 2 });
});

test("two workers delivering at the same moment send a message once", async () => {
  const to = `race-${hex()}@example.test`;
  const id = await enqueueEmail(t.db, { kind: "test", to, subject: "Raced", text: "Exactly once." });
  await Promise.all([deliverDueEmails(t.db, transport, FROM), deliverDueEmails(t.db, transport, FROM), deliverDueEmails(t.db, transport, FROM)]);
  expect(receivedBy(to)).toHaveLength(1);
  expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 1 });
});

test("platform admins can read the outbox, including each message's text", async () => {
  const server = await startTestServer(t.db);
  try {
    const org = await createOrg(t.db);
    const admin = await createUser(t.db, { orgId: org.id, roles: ["platform_admin"] });
    const orgAdmin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
    const to = `outbox-reader-${hex()}@example.test`;
    await enqueueEmail(t.db, { kind: "test", to, subject: "Welcome to your group", text: "Your facilitator is Luc.\nFirst meeting: Monday." });
    const failedId = await enqueueEmail(t.db, { kind: "test", to: `gone-${hex()}@example.test`, subject: "Never arrived", text: "Lost." });
    await t.db.update(outbox).set({ status: "failed", attempts: 5, lastError: "550 No such user here" }).where(eq(outbox.id, failedId));

    const res = await server.request("/admin/outbox", { headers: { Cookie: await sessionCookieFor(t.db, admin.id) } });
    expect(res.status).toBe(200);
    const text = mainText(await res.text());
    expect(text).toContain("Welcome to your group");
    expect(text).toContain(`to ${to}`);
    expect(text).toContain("Your facilitator is Luc. First meeting: Monday.");
    // An earlier failure shows its reason.
    expect(text).toContain("Never arrived");
    expect(text).toContain("Last failure: 550 No such user here");

    const refused = await server.request("/admin/outbox", { headers: { Cookie: await sessionCookieFor(t.db, orgAdmin.id) } });
    expect(refused.status).toBe(403);
    expect(mainText(await refused.text())).not.toContain("Welcome to your group");
    const anonymous = await server.request("/admin/outbox");
    expect(anonymous.status).toBe(302);
  } finally {
    await server.stop();
  }
});
