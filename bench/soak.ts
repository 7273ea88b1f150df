// npm run soak — Roundtable run for a while under faults, then checked.
//
// Two server processes on PostgreSQL and Redis, behind a small TCP balancer
// (as a load balancer would sit in front of them: a new connection goes to a
// process that accepts it). Simulated people sign in, browse, search, co-edit
// drafts and break-out notes through real y-websocket clients, post draft
// comments and answer a reunion's invitation, while a fault schedule restarts PostgreSQL twice,
// restarts Redis twice, kill -9s one server process three times (and starts
// it again) and cuts one process's database connections. At the end every
// document and every acknowledged form write is read back from the database.
//
// Knobs: SOAK_MINUTES=5 (30 for the issue's run)  SOAK_PEOPLE=20
// SOAK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (the server
// whose cluster is restarted)  SOAK_REDIS_URL=redis://127.0.0.1:6379
// PG_CLUSTER="15 main" (for pg_ctlcluster). Needs root for pg_ctlcluster.
// SOAK_FAULTS=process,connections,postgres,redis (which kinds of fault run;
// leave out postgres and redis while anything else uses them).
// Prints Markdown for bench/README.md.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import { and, eq, inArray } from "drizzle-orm";
import postgres from "postgres";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { comments, openSpaceSessions, reunionRsvps, users as usersTable } from "../db/schema";
import { openDatabase } from "../db/open-database";
import { draftDocumentName } from "../app/domain/modules/module-draft.server";
import { MODULE_YJS_FIELD } from "../app/domain/modules/module-schema";
import { NOTES_YJS_FIELD, notesDocumentName } from "../app/domain/open-space/notes-schema";
import { MESSAGE_ACK } from "../server/collab/protocol";
import { createCoauthor, createOrg, createPublishedModule, createUser, TEST_PASSWORD } from "../test/support/factories";
import { storedDocument } from "../test/support/stored-document";
import { insertReunion, invitePeople } from "../test/calendar/reunion-rows";
import { machineLine, percentile } from "./bench-company";
import { seedSyntheticModules } from "./seed-modules";
import { freePort, startServer } from "./server-process";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 5);
const PEOPLE = Number(process.env.SOAK_PEOPLE ?? 20);
const BASE_PG = process.env.SOAK_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.SOAK_REDIS_URL ?? "redis://127.0.0.1:6379";
const PG_CLUSTER = (process.env.PG_CLUSTER ?? `${fs.readdirSync("/etc/postgresql")[0]} main`).split(" ");
const DURATION_MS = MINUTES * 60_000;
const FAULT_KINDS = new Set((process.env.SOAK_FAULTS ?? "process,connections,postgres,redis").split(","));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => console.error(`[soak ${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${msg}`);
let started = Date.now();

// ---------------------------------------------------------------- balancer

type Backend = { port: number; up: boolean };

/** Round-robin TCP balancer: a connection goes to the next process that accepts it. */
function startBalancer(backends: Backend[]): Promise<{ port: number; close: () => void }> {
  let next = 0;
  const server = net.createServer((client) => {
    client.pause();
    const tryBackend = (attempt: number) => {
      if (attempt >= backends.length) return client.destroy();
      const backend = backends[(next + attempt) % backends.length]!;
      const upstream = net.connect(backend.port, "127.0.0.1");
      upstream.once("connect", () => {
        next = (next + attempt + 1) % backends.length;
        client.pipe(upstream).pipe(client);
        client.resume();
        upstream.on("error", () => client.destroy());
        client.on("error", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
        client.on("close", () => upstream.destroy());
      });
      upstream.once("error", () => tryBackend(attempt + 1));
    };
    tryBackend(0);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as net.AddressInfo).port, close: () => server.close() })));
}

// ---------------------------------------------------------------- what is recorded

type Sample = { at: number; kind: string; outcome: string; ms: number };
const samples: Sample[] = [];
const faults: { at: number; what: string; tookMs: number }[] = [];
/** A server process that stopped without being killed by the schedule: when, how, and the last lines it wrote. */
const unexpectedExits: { at: number; slot: number; how: string; lastLines: string[] }[] = [];
/** Faults of the schedule that could not be carried out, with why. */
const faultErrors: { at: number; what: string; error: string }[] = [];
const memory: { at: number; slot: number; rssMb: number }[] = [];

type Marker = { documentName: string; text: string; typedAt: number; socket: number; seq: number; ackedAt: number | null };
type FormWrite = { kind: "comment" | "rsvp"; value: string; sentAt: number; outcome: "acked" | "refused" | "unknown"; at: number };

// ---------------------------------------------------------------- people

type Person = {
  index: number;
  email: string;
  cookie: string;
  draftSlug: string;
  /** The module draft this person co-authors, and the notes of the break-out they write with the same partner. */
  documentName: string;
  notesDocumentName: string;
  markers: Marker[];
  writes: FormWrite[];
  unsavedSince: number | null;
  longestUnsaved: { ms: number; endedAt: number }[];
};

/** Where an editor types: the first paragraph of a module's introduction, or the convener line of break-out notes. */
type Target = { documentName: string; field: string; paragraph: (fragment: Y.XmlFragment) => Y.XmlElement | null };
const draftTarget = (p: Person): Target => ({
  documentName: p.documentName,
  field: MODULE_YJS_FIELD,
  paragraph: (f) => {
    const intro = f.get(0);
    return intro instanceof Y.XmlElement && intro.get(0) instanceof Y.XmlElement ? (intro.get(0) as Y.XmlElement) : null;
  },
});
const notesTarget = (p: Person): Target => ({
  documentName: p.notesDocumentName,
  field: NOTES_YJS_FIELD,
  paragraph: (f) => {
    const line = f.get(1);
    return line instanceof Y.XmlElement && line.nodeName === "paragraph" ? line : null;
  },
});

function connectEditor(person: Person, base: string, target: Target) {
  const doc = new Y.Doc();
  let socketNumber = 0;
  let sent = 0;
  let typing: Marker | null = null;
  const pending: Marker[] = [];
  const headers = { Origin: base, Cookie: person.cookie };
  class PortalSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
      socketNumber++;
      sent = 0;
    }
    override send(data: any, ...rest: any[]) {
      const bytes = data as Uint8Array;
      if (bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2)) {
        sent++;
        // A keystroke typed on an open socket goes in its own update; those typed offline ride the next sync reply.
        if (bytes[1] === 2 && typing) {
          typing.socket = socketNumber;
          typing.seq = sent;
          typing = null;
        } else if (bytes[1] === 1) {
          for (const m of pending.splice(0)) {
            m.socket = socketNumber;
            m.seq = sent;
          }
        }
      }
      return (super.send as any)(data, ...rest);
    }
  }
  const provider = new WebsocketProvider(base.replace(/^http/, "ws") + "/collab", target.documentName, doc, {
    WebSocketPolyfill: PortalSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 1000,
  });
  provider.messageHandlers[MESSAGE_ACK] = (_encoder, decoder) => {
    const n = decoding.readVarUint(decoder);
    const now = Date.now();
    for (const m of person.markers) if (m.documentName === target.documentName && m.ackedAt === null && m.socket === socketNumber && m.seq > 0 && m.seq <= n) m.ackedAt = now;
  };
  return {
    type(text: string) {
      // Until the first sync there is nothing to type into; the editor shows nothing to edit yet.
      const paragraph = target.paragraph(doc.getXmlFragment(target.field));
      if (!paragraph) return;
      const marker: Marker = { documentName: target.documentName, text, typedAt: Date.now(), socket: 0, seq: 0, ackedAt: null };
      person.markers.push(marker);
      typing = marker;
      // As the editor types: at the end of the paragraph.
      const textNode = paragraph.get(0);
      if (textNode instanceof Y.XmlText) textNode.insert(textNode.length, text);
      else paragraph.insert(0, [new Y.XmlText(text)]);
      if (typing === marker) {
        typing = null;
        pending.push(marker);
      }
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

async function request(kind: string, url: string, init: RequestInit = {}): Promise<Response | null> {
  const t = Date.now();
  try {
    const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000), ...init });
    await res.arrayBuffer();
    samples.push({ at: t, kind, outcome: String(res.status), ms: Date.now() - t });
    return res;
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    samples.push({ at: t, kind, outcome: e.name === "TimeoutError" ? "timeout" : (e.cause?.code ?? e.name), ms: Date.now() - t });
    return null;
  }
}

async function signIn(base: string, email: string): Promise<string | null> {
  const res = await request("sign in", `${base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password: TEST_PASSWORD, redirectTo: "/" }),
  });
  const cookie = res?.headers.getSetCookie().find((c) => /rt_session=/.test(c));
  return cookie ? cookie.split(";")[0]! : null;
}

const ok = (res: Response | null) => res !== null && (res.status === 200 || res.status === 302 || res.status === 303);

async function formWrite(person: Person, base: string, kind: FormWrite["kind"], path: string, fields: Record<string, string>, value: string) {
  const write: FormWrite = { kind, value, sentAt: Date.now(), outcome: "unknown", at: 0 };
  person.writes.push(write);
  const res = await request(kind, `${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: person.cookie },
    body: new URLSearchParams(fields),
  });
  write.at = Date.now();
  // A refusal that is an answer (4xx) changed nothing; no answer at all might have.
  write.outcome = ok(res) ? "acked" : res && res.status < 500 ? "refused" : "unknown";
  // How long this person could not save: from the first failed write to the next one that was saved.
  if (write.outcome === "acked") {
    if (person.unsavedSince !== null) person.longestUnsaved.push({ ms: write.at - person.unsavedSince, endedAt: write.at });
    person.unsavedSince = null;
  } else person.unsavedSince ??= write.sentAt;
}

// ---------------------------------------------------------------- faults

function sh(command: string, args: string[]) {
  execFileSync(command, args, { stdio: "ignore", timeout: 120_000 });
}

async function untilUp(check: () => Promise<boolean>, limitMs = 60_000) {
  const t = Date.now();
  while (Date.now() - t < limitMs) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error("did not come back");
}

const pgUp = async () => {
  const c = postgres(BASE_PG, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await c`select 1`;
    return true;
  } finally {
    await c.end({ timeout: 1 }).catch(() => {});
  }
};
const redisUp = async () => {
  try {
    execFileSync("redis-cli", ["-u", REDIS_URL, "ping"], { stdio: "pipe", timeout: 2000 });
    return true;
  } catch {
    return false;
  }
};

// ---------------------------------------------------------------- main

async function main() {
  started = Date.now();
  // y-websocket adds a process 'exit' listener per provider: two per person.
  process.setMaxListeners(2 * PEOPLE + 20);
  const dbName = `rt_soak_${process.pid}`;
  const admin = postgres(BASE_PG, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(BASE_PG);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const opened = await openDatabase({ databaseUrl });
  const db = opened.db;
  let servers: (ChildProcess | null)[] = [null, null];
  let stopping = false;
  let balancer: { port: number; close: () => void } | null = null;
  const editors: ReturnType<typeof connectEditor>[] = [];
  const noteTakers: ReturnType<typeof connectEditor>[] = [];
  try {
    // The company: published modules to browse and search, drafts co-authored in pairs, one reunion everyone is invited to.
    const org = await createOrg(db);
    const author = await createUser(db, { orgId: org.id, roles: ["thought_leader"] });
    await seedSyntheticModules(db, author.id, 0, 300);
    const people: Person[] = [];
    for (let i = 0; i < PEOPLE; i += 2) {
      const lead = await createUser(db, { orgId: org.id, roles: ["thought_leader", "alumnus"], email: `soak-${i}@example.com` });
      const module = await createPublishedModule(db, { authorId: lead.id, title: `Soak draft ${i / 2}` });
      const co = await createCoauthor(db, { moduleId: module.id, orgId: org.id });
      for (const [index, email] of [
        [i, lead.email],
        [i + 1, co.user.email],
      ] as const) {
        people.push({ index, email, cookie: "", draftSlug: module.slug, documentName: draftDocumentName(module.id), notesDocumentName: "", markers: [], writes: [], unsavedSince: null, longestUnsaved: [] });
      }
    }
    const users = await db.select({ id: usersTable.id, email: usersTable.email }).from(usersTable);
    const idOf = new Map(users.map((u) => [u.email, u.id]));
    const reunion = await insertReunion(db, { orgId: org.id, organiserId: author.id, title: "Soak reunion" });
    await invitePeople(db, reunion.id, people.map((p) => idOf.get(p.email)!));
    // An open-space day that has happened: each pair writes the notes of one break-out together.
    const openSpace = await insertReunion(db, { orgId: org.id, organiserId: author.id, title: "Soak open space", format: "open_space", startsAt: new Date(Date.now() - 86_400_000) });
    await invitePeople(db, openSpace.id, people.map((p) => idOf.get(p.email)!));
    for (let i = 0; i < people.length; i += 2) {
      const [session] = await db.insert(openSpaceSessions).values({ reunionId: openSpace.id, topic: `Soak break-out ${i / 2}`, convenerId: idOf.get(people[i]!.email)! }).returning();
      for (const p of people.slice(i, i + 2)) p.notesDocumentName = notesDocumentName(session!.id);
    }

    // Two processes behind the balancer, sharing PostgreSQL and Redis.
    const ports = [await freePort(), await freePort()];
    const backends: Backend[] = ports.map((port) => ({ port, up: true }));
    balancer = await startBalancer(backends);
    const base = `http://127.0.0.1:${balancer.port}`;
    const env = { REDIS_URL, PUBLIC_ORIGIN: base, AUTH_RATE_LIMIT_PER_MINUTE: "100000" };
    // Each process's output is kept (the last 200 lines), so a process that dies on its own says why.
    const outputs: string[][] = [[], []];
    const killedOnPurpose = new Set<ChildProcess>();
    const start = async (slot: number): Promise<ChildProcess> => {
      const lines: string[] = (outputs[slot] = []);
      const child = await startServer({ databaseUrl }, ports[slot]!, {
        pinToCore: null,
        env,
        onOutput: (chunk) => {
          lines.push(...chunk.split("\n").filter(Boolean));
          if (lines.length > 200) lines.splice(0, lines.length - 200);
        },
      });
      // A process that exits when the schedule did not kill it is a finding: recorded, and started again as a supervisor would.
      child.once("exit", (code, signal) => {
        if (killedOnPurpose.has(child) || stopping) return;
        const at = Date.now() - started;
        unexpectedExits.push({ at, slot, how: signal ? `signal ${signal}` : `exit code ${code}`, lastLines: lines.slice(-15) });
        log(`process ${slot + 1} stopped on its own (${signal ?? code}); starting it again`);
        void start(slot).then(
          (again) => (servers[slot] = again),
          (error) => log(`process ${slot + 1} could not be started again: ${(error as Error).message.slice(0, 500)}`),
        );
      });
      return child;
    };
    servers = [await start(0), await start(1)];
    log(`two processes up (${servers.map((s) => s!.pid).join(", ")}), balancer on ${balancer.port}; ${people.length} people`);

    for (const p of people) {
      p.cookie = (await signIn(base, p.email)) ?? "";
      if (!p.cookie) throw new Error(`${p.email} could not sign in`);
    }
    for (const p of people) {
      editors[p.index] = connectEditor(p, base, draftTarget(p));
      noteTakers[p.index] = connectEditor(p, base, notesTarget(p));
    }
    // The clock of the run starts now, with everyone signed in: faults and the end are counted from here.
    started = Date.now();

    const memoryTimer = setInterval(() => {
      servers.forEach((s, slot) => {
        if (!s?.pid || s.exitCode !== null) return;
        try {
          const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${s.pid}/status`, "utf8"))?.[1];
          if (rss) memory.push({ at: Date.now() - started, slot, rssMb: Number(rss) / 1024 });
        } catch {
          /* the process just died */
        }
      });
    }, 10_000);

    // The fault schedule, spread over the run.
    const at = (fraction: number) => started + fraction * DURATION_MS;
    const schedule = [
      { kind: "process", at: at(0.12), what: "kill -9 process 1, start it again", run: () => crashAndRestart(0) },
      { kind: "postgres", at: at(0.22), what: "restart PostgreSQL", run: restartPostgres },
      { kind: "redis", at: at(0.32), what: "restart Redis", run: restartRedis },
      { kind: "process", at: at(0.42), what: "kill -9 process 2, start it again", run: () => crashAndRestart(1) },
      { kind: "connections", at: at(0.52), what: "pg_terminate_backend on process 1's connections", run: () => cutConnections(0) },
      { kind: "postgres", at: at(0.62), what: "restart PostgreSQL", run: restartPostgres },
      { kind: "redis", at: at(0.72), what: "restart Redis", run: restartRedis },
      { kind: "process", at: at(0.82), what: "kill -9 process 1, start it again", run: () => crashAndRestart(0) },
    ].filter((f) => FAULT_KINDS.has(f.kind));
    async function crashAndRestart(slot: number) {
      const victim = servers[slot]!;
      killedOnPurpose.add(victim);
      if (victim.exitCode === null && victim.signalCode === null) {
        const exited = new Promise((r) => victim.once("exit", r));
        victim.kill("SIGKILL");
        await exited;
      }
      servers[slot] = await start(slot);
    }
    async function restartPostgres() {
      sh("pg_ctlcluster", ["--skip-systemctl-redirect", ...PG_CLUSTER, "restart"]);
      await untilUp(pgUp);
    }
    async function restartRedis() {
      try {
        execFileSync("redis-cli", ["-u", REDIS_URL, "shutdown", "nosave"], { stdio: "ignore", timeout: 5000 });
      } catch {
        /* shutdown closes the connection it came on */
      }
      const { port } = new URL(REDIS_URL);
      sh("redis-server", ["--daemonize", "yes", "--bind", "127.0.0.1", "--port", port || "6379", "--save", "", "--appendonly", "no"]);
      await untilUp(redisUp);
    }
    async function cutConnections(slot: number) {
      // The process's sockets to PostgreSQL, by their local ports (ss), matched to its backends (client_port).
      const pid = servers[slot]!.pid;
      const lines = execFileSync("ss", ["-tnpH", "state", "established", "dport", "= :5432"], { encoding: "utf8" }).split("\n");
      const ports = lines.filter((l) => l.includes(`pid=${pid},`)).map((l) => Number(/127\.0\.0\.1:(\d+)\s/.exec(l)?.[1])).filter(Boolean);
      const c = postgres(BASE_PG, { max: 1, onnotice: () => {} });
      const cut = await c`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = ${dbName} and client_port = any(${ports})`;
      await c.end();
      log(`cut ${cut[0]!.n} connections of process ${slot + 1}`);
    }

    const faultRunner = (async () => {
      for (const fault of schedule) {
        await sleep(Math.max(0, fault.at - Date.now()));
        const t = Date.now();
        log(`fault: ${fault.what}`);
        try {
          await fault.run();
        } catch (error) {
          // The run goes on and the report says so: a fault that could not be carried out is itself a finding.
          faultErrors.push({ at: t - started, what: fault.what, error: (error as Error).message.slice(0, 2000) });
          log(`  failed: ${(error as Error).message.slice(0, 500)}`);
        }
        faults.push({ at: t - started, what: fault.what, tookMs: Date.now() - t });
        log(`  done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
    })();

    // People at work until the end.
    const end = started + DURATION_MS;
    const words = ["team", "trust", "feedback", "stewardship", "delegation", "meeting decision"];
    let n = 0;
    const work = people.map(async (p) => {
      let i = 0;
      while (Date.now() < end) {
        i++;
        editors[p.index]!.type(` [p${p.index}e${i}]`);
        if (i % 2 === 0) noteTakers[p.index]!.type(` [p${p.index}n${i}]`);
        const roll = Math.random();
        if (roll < 0.3) await request("browse", `${base}/modules`, { headers: { Cookie: p.cookie } });
        else if (roll < 0.45) await request("read", `${base}/modules/bench-module-${(n++ * 7) % 300}`, { headers: { Cookie: p.cookie } });
        else if (roll < 0.65) await request("search", `${base}/modules?q=${encodeURIComponent(words[n++ % words.length]!)}`, { headers: { Cookie: p.cookie } });
        else if (roll < 0.85) {
          const body = `Soak comment p${p.index}c${i}`;
          await formWrite(p, base, "comment", `/modules/${p.draftSlug}/comments`, { intent: "comment", pageId: "p1", body }, body);
        } else {
          const answer = ["going", "maybe", "not_going"][i % 3]!;
          await formWrite(p, base, "rsvp", `/reunions/${reunion.id}?index`, { intent: "rsvp", answer }, answer);
        }
        await sleep(400 + Math.random() * 800);
      }
    });
    await Promise.all(work);
    await faultRunner;
    stopping = true;
    clearInterval(memoryTimer);
    log("work done; waiting for every editor to be acknowledged");

    // Every editor gets the chance to send what it typed offline.
    const settleBy = Date.now() + 60_000;
    while (Date.now() < settleBy && people.some((p) => p.markers.some((m) => m.ackedAt === null && m.socket > 0))) await sleep(250);
    for (const e of [...editors, ...noteTakers]) e.destroy();

    // The checker: the database, read directly.
    const report = await check(db, people, reunion.id, idOf);
    printReport(report, people);
  } finally {
    for (const e of [...editors, ...noteTakers]) {
      try {
        e?.destroy();
      } catch {
        /* already destroyed after the run */
      }
    }
    stopping = true;
    for (const s of servers) if (s && s.exitCode === null) s.kill("SIGTERM");
    balancer?.close();
    await opened.close().catch(() => {});
    await sleep(1000);
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
  }
}

async function check(db: Awaited<ReturnType<typeof openDatabase>>["db"], people: Person[], reunionId: string, idOf: Map<string, string>) {
  let ackedEdits = 0;
  let ackedEditsLost = 0;
  let typed = 0;
  let typedKept = 0;
  let notesAcked = 0;
  let notesLost = 0;
  const texts = new Map<string, string>();
  for (const name of new Set(people.flatMap((p) => [p.documentName, p.notesDocumentName]))) texts.set(name, (await storedDocument(db, name)).text);
  for (const p of people) {
    for (const m of p.markers) {
      typed++;
      const present = texts.get(m.documentName)!.includes(m.text);
      if (present) typedKept++;
      if (m.ackedAt !== null) {
        ackedEdits++;
        if (!present) ackedEditsLost++;
        if (m.documentName.startsWith("notes.")) {
          notesAcked++;
          if (!present) notesLost++;
        }
      }
    }
  }
  const stored = new Set((await db.select({ body: comments.body }).from(comments)).map((c) => c.body));
  const commentWrites = people.flatMap((p) => p.writes.filter((w) => w.kind === "comment"));
  const ackedComments = commentWrites.filter((w) => w.outcome === "acked");
  const commentsLost = ackedComments.filter((w) => !stored.has(w.value)).length;
  const refusedStored = commentWrites.filter((w) => w.outcome === "refused" && stored.has(w.value)).length;
  const unknownStored = commentWrites.filter((w) => w.outcome === "unknown" && stored.has(w.value)).length;
  // An answer is the last one acknowledged, unless a later one had no reply (then either may have won).
  const answers = new Map(
    (await db.select({ userId: reunionRsvps.userId, answer: reunionRsvps.answer }).from(reunionRsvps).where(and(eq(reunionRsvps.reunionId, reunionId), inArray(reunionRsvps.userId, [...idOf.values()])))).map((r) => [r.userId, r.answer]),
  );
  let rsvpAcked = 0;
  let rsvpLost = 0;
  for (const p of people) {
    const writes = p.writes.filter((w) => w.kind === "rsvp");
    const lastAcked = [...writes].reverse().find((w) => w.outcome === "acked");
    if (!lastAcked) continue;
    rsvpAcked++;
    const later = writes.slice(writes.indexOf(lastAcked) + 1).filter((w) => w.outcome === "unknown").map((w) => w.value);
    const stored = answers.get(idOf.get(p.email)!);
    if (stored !== lastAcked.value && !later.includes(stored ?? "")) rsvpLost++;
  }
  return { ackedEdits, ackedEditsLost, notesAcked, notesLost, typed, typedKept, ackedComments: ackedComments.length, commentsLost, refusedStored, unknownStored, rsvpAcked, rsvpLost };
}

function printReport(r: Awaited<ReturnType<typeof check>>, people: Person[]) {
  const out: string[] = [];
  out.push(`Run ${machineLine()}; ${MINUTES} min, ${people.length} people, two server processes on PostgreSQL and Redis behind a TCP balancer; load average ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} at the end.\n`);
  const byKind = new Map<string, Sample[]>();
  for (const s of samples) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
  out.push("| requests | served | 2xx/3xx | 4xx | 5xx | no answer | p50 ms | p95 ms | max ms |");
  out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const [kind, list] of byKind) {
    const ms = list.map((s) => s.ms).sort((a, b) => a - b);
    const cls = (re: RegExp) => list.filter((s) => re.test(s.outcome)).length;
    out.push(`| ${kind} | ${list.length} | ${cls(/^[23]\d\d$/)} | ${cls(/^4\d\d$/)} | ${cls(/^5\d\d$/)} | ${cls(/^\D/)} | ${percentile(ms, 50).toFixed(0)} | ${percentile(ms, 95).toFixed(0)} | ${(ms.at(-1) ?? 0).toFixed(0)} |`);
  }
  out.push("\n| fault | at s | took s | errors in the 30 s after (by kind) | longest a person could not save a form, s | longest an edit waited for its acknowledgement, s |");
  out.push("|---|---:|---:|---|---:|---:|");
  for (const [i, f] of faults.entries()) {
    const from = f.at;
    const to = i + 1 < faults.length ? faults[i + 1]!.at : Infinity;
    const errors = samples.filter((s) => s.at - started >= from && s.at - started < from + 30_000 && !/^[234]\d\d$/.test(s.outcome));
    const kinds = new Map<string, number>();
    for (const e of errors) kinds.set(`${e.kind} ${e.outcome}`, (kinds.get(`${e.kind} ${e.outcome}`) ?? 0) + 1);
    const unsaved = people.flatMap((p) => p.longestUnsaved).filter((u) => u.endedAt - started >= from && u.endedAt - started < to).map((u) => u.ms);
    const waits = people.flatMap((p) => p.markers).filter((m) => m.ackedAt !== null && m.typedAt - started >= from - 10_000 && m.typedAt - started < to).map((m) => m.ackedAt! - m.typedAt);
    out.push(`| ${f.what} | ${(f.at / 1000).toFixed(0)} | ${(f.tookMs / 1000).toFixed(1)} | ${[...kinds].map(([k, n]) => `${k}: ${n}`).join(", ") || "none"} | ${(Math.max(0, ...unsaved) / 1000).toFixed(1)} | ${(Math.max(0, ...waits) / 1000).toFixed(1)} |`);
  }
  if (unexpectedExits.length || faultErrors.length) {
    out.push("\n| unplanned | at s | what |");
    out.push("|---|---:|---|");
    for (const e of unexpectedExits) out.push(`| process ${e.slot + 1} stopped on its own (${e.how}) | ${(e.at / 1000).toFixed(0)} | ${e.lastLines.map((l) => l.replace(/\|/g, "\\|").slice(0, 200)).join("<br>")} |`);
    for (const e of faultErrors) out.push(`| fault not carried out: ${e.what} | ${(e.at / 1000).toFixed(0)} | ${e.error.split("\n").slice(-15).join("<br>").replace(/\|/g, "\\|")} |`);
  } else out.push("\nNo process stopped on its own, and every fault was carried out.");
  out.push("\n| checked at the end | count |");
  out.push("|---|---:|");
  out.push(`| edits typed / found in the stored documents | ${r.typed} / ${r.typedKept} |`);
  out.push(`| **acknowledged edits lost** (target 0) | **${r.ackedEditsLost}** of ${r.ackedEdits} |`);
  out.push(`| of which in break-out notes | ${r.notesLost} of ${r.notesAcked} |`);
  out.push(`| **acknowledged comments lost** (target 0) | **${r.commentsLost}** of ${r.ackedComments} |`);
  out.push(`| **acknowledged reunion answers lost** (target 0) | **${r.rsvpLost}** of ${r.rsvpAcked} people |`);
  out.push(`| comments refused with a 4xx yet stored | ${r.refusedStored} |`);
  out.push(`| comments with no answer that were stored anyway | ${r.unknownStored} |`);
  out.push("\n| process | RSS MB, first 10 s → last (min–max) |");
  out.push("|---|---|");
  for (const slot of [0, 1]) {
    const m = memory.filter((x) => x.slot === slot);
    if (!m.length) continue;
    const rss = m.map((x) => x.rssMb);
    out.push(`| ${slot + 1} | ${rss[0]!.toFixed(0)} → ${rss.at(-1)!.toFixed(0)} (${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)}); samples every 10 s: ${rss.map((x) => x.toFixed(0)).join(" ")} |`);
  }
  console.log(out.join("\n"));
  const lost = r.ackedEditsLost + r.commentsLost + r.rsvpLost;
  if (lost || unexpectedExits.length || faultErrors.length) process.exitCode = 1;
}

await main();
