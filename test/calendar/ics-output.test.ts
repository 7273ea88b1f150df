// The .ics files a calendar app receives: escaped and folded as RFC 5545
// asks, and read back by a real parser (ical.js) at the very instants stored,
// in four zones, across daylight-saving changes.
import { eq } from "drizzle-orm";
import { reunions } from "../../db/schema";
import { buildCalendar, escapeText, foldLine, type IcsEvent } from "../../app/domain/calendar/ics";
import { reunionCalendarFile } from "../../app/domain/calendar/reunion-events.server";
import { nestedMessageIn } from "../../app/domain/i18n/translators";
import { createOrg, createUser } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { expectValidCalendar, parseCalendar } from "./parse-ics";
import { insertReunion, invitePeople } from "./reunion-rows";

const ORIGIN = "https://roundtable.example.com";
const NOW = new Date("2026-01-15T09:00:00Z");

function event(overrides: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: "reunion-1@roundtable.example.com",
    sequence: 0,
    start: new Date("2026-06-01T09:00:00Z"),
    end: new Date("2026-06-01T11:00:00Z"),
    timeZone: "Europe/London",
    summary: "Spring reunion",
    status: "CONFIRMED",
    ...overrides,
  };
}

describe("the text of a calendar file", () => {
  test("commas, semicolons, backslashes and newlines in text are escaped", () => {
    expect(escapeText("Budgets, plans; and C:\\shared\nnext line\r\nlast")).toBe("Budgets\\, plans\\; and C:\\\\shared\\nnext line\\nlast");
  });

  test("a long description survives the trip through a real parser unchanged", () => {
    const description = "Agenda: budgets, hiring; the C:\\plans folder.\nSecond line, with commas; and semicolons.\n" + "Long text ".repeat(30);
    const [parsed] = expectValidCalendar(buildCalendar({ now: NOW, events: [event({ description, summary: "Q&A; retro, part 2" })] }));
    expect(parsed!.description).toBe(description);
    expect(parsed!.summary).toBe("Q&A; retro, part 2");
  });

  test("long lines are folded at 75 octets and unfold to the original", () => {
    const line = "DESCRIPTION:" + "abcdefghij".repeat(20);
    const folded = foldLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(2);
    for (const [i, l] of physical.entries()) {
      expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
      if (i > 0) expect(l.startsWith(" ")).toBe(true);
    }
    expect(physical[0]).toHaveLength(75);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });

  test("folding never splits a multi-byte character", () => {
    // 2-, 3- and 4-byte characters, offset by one so that boundaries fall mid-character.
    const line = "SUMMARY:x" + "é".repeat(40) + "会議".repeat(30) + "🙂".repeat(25);
    const folded = foldLine(line);
    const bytes = Buffer.from(folded, "utf8");
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || (bytes[i] === 0x0d && bytes[i + 1] === 0x0a)) {
        const chunk = bytes.subarray(start, i);
        expect(chunk.length).toBeLessThanOrEqual(75);
        expect(() => decoder.decode(chunk)).not.toThrow();
        start = i + 2;
      }
    }
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    const [parsed] = parseCalendar(buildCalendar({ now: NOW, events: [event({ summary: line.slice(8) })] })).events;
    expect(parsed!.summary).toBe(line.slice(8));
  });

  test("every line ends in CRLF and the calendar is published with a product id and version", () => {
    const text = buildCalendar({ now: NOW, events: [event()] });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
    const lines = text.split("\r\n");
    expect(lines.slice(0, 5)).toEqual(["BEGIN:VCALENDAR", "PRODID:-//Roundtable//Reunions//EN", "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]);
    expect(lines).toContain("DTSTAMP:20260115T090000Z");
  });

  test("a zone without daylight saving has one standard observance", () => {
    const text = buildCalendar({ now: NOW, events: [event({ timeZone: "Asia/Tokyo" })] });
    const zone = parseCalendar(text).root.getFirstSubcomponent("vtimezone")!;
    expect(zone.getAllSubcomponents("daylight")).toHaveLength(0);
    expect(zone.getAllSubcomponents("standard").map((s) => String(s.getFirstPropertyValue("tzoffsetto")))).toEqual(["+09:00"]);
  });

  test("each zone used gets exactly one VTIMEZONE, with the year's real changes", () => {
    const text = buildCalendar({
      now: NOW,
      events: [event(), event({ uid: "b@x", timeZone: "Australia/Sydney" }), event({ uid: "c@x" })],
    });
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(2);
    // London: clocks forward at 01:00 GMT on 29 March 2026, back at 02:00 BST on 25 October.
    expect(text).toContain("BEGIN:DAYLIGHT\r\nDTSTART:20260329T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nEND:DAYLIGHT");
    expect(text).toContain("BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nEND:STANDARD");
    // Sydney, southern hemisphere: summer time ends 5 April and starts 4 October.
    expect(text).toContain("BEGIN:STANDARD\r\nDTSTART:20260405T030000\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000\r\nEND:STANDARD");
    expect(text).toContain("BEGIN:DAYLIGHT\r\nDTSTART:20261004T020000\r\nTZOFFSETFROM:+1000\r\nTZOFFSETTO:+1100\r\nEND:DAYLIGHT");
  });

  test("a time in the hour that happens twice is written in UTC, so no app misreads it", () => {
    // 01:30 on 25 October 2026 happens twice in London; these are the first and the second.
    const text = buildCalendar({
      now: NOW,
      events: [
        event({ uid: "first@x", start: new Date("2026-10-25T00:30:00Z"), end: new Date("2026-10-25T02:30:00Z") }),
        event({ uid: "second@x", start: new Date("2026-10-25T01:30:00Z"), end: new Date("2026-10-25T02:30:00Z") }),
      ],
    });
    expect(text).toContain("DTSTART:20261025T003000Z");
    expect(text).toContain("DTSTART:20261025T013000Z");
    expect(text).toContain("DTEND;TZID=Europe/London:20261025T023000");
    const events = expectValidCalendar(text);
    expect(events.map((e) => e.start.toISOString())).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]);
  });
});

describe("a reunion's calendar entry, read back by a real parser", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function reunionFor(values: { timeZone: string; startsAt: Date; endsAt: Date; sequence?: number; status?: "scheduled" | "cancelled" }) {
    const org = await createOrg(t.db);
    const organiser = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
    const invitee = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
    const reunion = await insertReunion(t.db, {
      orgId: org.id,
      organiserId: organiser.id,
      title: "Night of the clock change",
      location: "Room 4, Leeds office",
      onlineUrl: "https://meet.example.com/room-4",
      description: "Bring your notes; we compare, then plan.",
      ...values,
    });
    await invitePeople(t.db, reunion.id, [invitee.id]);
    return { reunion, invitee };
  }

  async function readBack(reunionId: string, invitee: Awaited<ReturnType<typeof createUser>>) {
    const [stored] = await t.db.select().from(reunions).where(eq(reunions.id, reunionId));
    const file = await reunionCalendarFile(t.db, invitee, reunionId, { origin: ORIGIN, now: NOW });
    const events = expectValidCalendar(file.body);
    expect(events).toHaveLength(1);
    return { stored: stored!, parsed: events[0]!, text: file.body };
  }

  const cases = [
    // 00:30 BST to 03:30 GMT on the night London's clocks go back: five hours, not three.
    { zone: "Europe/London", start: "2026-10-24T23:30:00Z", end: "2026-10-25T03:30:00Z", localStart: "20261025T003000", localEnd: "20261025T033000" },
    // 01:00 EST to 04:00 EDT on the night New York's clocks go forward: two hours.
    { zone: "America/New_York", start: "2026-03-08T06:00:00Z", end: "2026-03-08T08:00:00Z", localStart: "20260308T010000", localEnd: "20260308T040000" },
    { zone: "Asia/Tokyo", start: "2026-06-15T10:00:00Z", end: "2026-06-15T12:00:00Z", localStart: "20260615T190000", localEnd: "20260615T210000" },
    // 01:00 AEDT to 04:00 AEST on the night Sydney's summer time ends.
    { zone: "Australia/Sydney", start: "2026-04-04T14:00:00Z", end: "2026-04-04T18:00:00Z", localStart: "20260405T010000", localEnd: "20260405T040000" },
  ];

  test.each(cases)("in $zone the start and end are the stored instants, written in the zone", async ({ zone, start, end, localStart, localEnd }) => {
    const { reunion, invitee } = await reunionFor({ timeZone: zone, startsAt: new Date(start), endsAt: new Date(end), sequence: 2 });
    const { stored, parsed, text } = await readBack(reunion.id, invitee);
    expect(text).toContain(`DTSTART;TZID=${zone}:${localStart}\r\n`);
    expect(text).toContain(`DTEND;TZID=${zone}:${localEnd}\r\n`);
    expect(parsed.startZone).toBe(zone);
    expect(parsed.start.getTime()).toBe(stored.startsAt!.getTime());
    expect(parsed.end.getTime()).toBe(stored.endsAt!.getTime());
    expect(parsed.uid).toBe(`reunion-${reunion.id}@roundtable.example.com`);
    expect(parsed.sequence).toBe(2);
    expect(parsed.status).toBe("CONFIRMED");
    // Named by its kind, since a calendar mixes reunions, meetings and check-ins.
    expect(parsed.summary).toBe("Reunion: Night of the clock change");
    expect(parsed.location).toBe("Room 4, Leeds office · https://meet.example.com/room-4");
    expect(parsed.url).toBe(`${ORIGIN}/reunions/${reunion.id}`);
    expect(parsed.description).toContain("Bring your notes; we compare, then plan.");
    expect(parsed.description).toContain("Join online: https://meet.example.com/room-4");
  });

  test("a cancelled reunion keeps its UID with a higher SEQUENCE and STATUS:CANCELLED, still published", async () => {
    const { reunion, invitee } = await reunionFor({ timeZone: "Europe/London", startsAt: new Date("2026-05-01T17:00:00Z"), endsAt: new Date("2026-05-01T19:00:00Z"), sequence: 1 });
    const before = await readBack(reunion.id, invitee);
    await t.db.update(reunions).set({ status: "cancelled", sequence: 2 }).where(eq(reunions.id, reunion.id));
    const after = await readBack(reunion.id, invitee);
    expect(after.parsed.uid).toBe(before.parsed.uid);
    expect(after.parsed.sequence).toBeGreaterThan(before.parsed.sequence);
    expect(after.parsed.status).toBe("CANCELLED");
    expect(parseCalendar(after.text).method).toBe("PUBLISH");
  });

  test("a reunion whose date is still being polled has no calendar entry", async () => {
    const { reunion, invitee } = await reunionFor({ timeZone: "Europe/London", startsAt: new Date("2026-05-01T17:00:00Z"), endsAt: new Date("2026-05-01T19:00:00Z") });
    await t.db.update(reunions).set({ status: "polling", startsAt: null, endsAt: null }).where(eq(reunions.id, reunion.id));
    const refused = await reunionCalendarFile(t.db, invitee, reunion.id, { origin: ORIGIN, now: NOW }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(404);
    expect(nestedMessageIn("en", await (refused as Response).text())).toBe("This reunion has no date yet. Its calendar entry appears once the organiser picks the date.");
  });
});
