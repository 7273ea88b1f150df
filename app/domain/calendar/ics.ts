// iCalendar (RFC 5545) text, written by hand so the portal needs no runtime
// dependency for it. Pure: no database, no clock (the caller passes `now`).
// Times are written in the event's own zone with a VTIMEZONE built from the
// zone's real offsets (via Intl), so calendars show them right on both sides
// of a daylight-saving change.
import { offsetMinutesAt } from "../reunions/zoned-time";

export type IcsEvent = {
  uid: string;
  /** Bumped by every change attendees must hear about; calendars keep the highest. */
  sequence: number;
  start: Date;
  end: Date;
  /** IANA zone the start and end are written in. */
  timeZone: string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status: "CONFIRMED" | "CANCELLED";
  lastModified?: Date;
};

export type IcsCalendar = {
  events: IcsEvent[];
  /** When this file is made: the DTSTAMP of every event. */
  now: Date;
  /** A name calendar apps show for a subscribed feed. */
  name?: string;
  /** How often a subscribed feed should be fetched again, in minutes. */
  refreshMinutes?: number;
};

export const PRODID = "-//Roundtable//Reunions//EN";

/** TEXT values: backslash, semicolon and comma escaped, newlines as \n, other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

const utf8Length = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/**
 * Folds one content line into lines of at most 75 octets, each continuation
 * starting with a space, without splitting a UTF-8 character.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    // The first line holds 75 octets; continuations 74 after their leading space.
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function basicDateTime(wall: Date) {
  return `${pad(wall.getUTCFullYear(), 4)}${pad(wall.getUTCMonth() + 1)}${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}${pad(wall.getUTCMinutes())}${pad(wall.getUTCSeconds())}`;
}

/** An instant in UTC form: 20261024T233000Z. */
export function formatUtc(instant: Date): string {
  return `${basicDateTime(instant)}Z`;
}

/** What a clock in `zone` shows at `instant`, in iCalendar's basic form (no Z). */
export function formatLocal(instant: Date, zone: string): string {
  return basicDateTime(new Date(instant.getTime() + offsetMinutesAt(instant, zone) * 60_000));
}

const wallClockMs = (ms: number, zone: string) => ms + offsetMinutesAt(new Date(ms), zone) * 60_000;

/** Whether a clock in `zone` shows this local time only once (not in the repeated hour when clocks go back). */
function isUnambiguousLocal(instant: Date, zone: string): boolean {
  const wall = wallClockMs(instant.getTime(), zone);
  // The offsets a day either side cover both sides of any change near it.
  const offsets = new Set([offsetMinutesAt(new Date(wall - 86_400_000), zone), offsetMinutesAt(new Date(wall + 86_400_000), zone)]);
  return [...offsets].filter((offset) => wallClockMs(wall - offset * 60_000, zone) === wall).length === 1;
}

/**
 * A DTSTART/DTEND line in the event's zone. A local time in the hour that
 * happens twice when clocks go back is read differently by different
 * calendar apps (RFC 5545 says the first, some parsers take the second), so
 * such an instant is written in UTC instead and is never misread.
 */
function zonedProperty(name: string, instant: Date, zone: string): string {
  return isUnambiguousLocal(instant, zone) ? `${name};TZID=${zone}:${formatLocal(instant, zone)}` : `${name}:${formatUtc(instant)}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

export type ZoneTransition = { at: Date; from: number; to: number };

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Every change of the zone's UTC offset between two instants, found by
 * stepping a day at a time and then narrowing each change to the minute.
 */
export function zoneTransitions(zone: string, from: Date, to: Date): ZoneTransition[] {
  const transitions: ZoneTransition[] = [];
  let previousMs = from.getTime();
  let previousOffset = offsetMinutesAt(from, zone);
  for (let ms = previousMs + DAY_MS; ms <= to.getTime() + DAY_MS; ms += DAY_MS) {
    const offset = offsetMinutesAt(new Date(ms), zone);
    if (offset !== previousOffset) {
      // The first minute at which the new offset holds.
      let low = Math.floor(previousMs / MINUTE_MS);
      let high = Math.floor(ms / MINUTE_MS);
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (offsetMinutesAt(new Date(mid * MINUTE_MS), zone) === previousOffset) low = mid;
        else high = mid;
      }
      const at = new Date(high * MINUTE_MS);
      if (at.getTime() > from.getTime() && at.getTime() <= to.getTime()) transitions.push({ at, from: previousOffset, to: offset });
    }
    previousMs = ms;
    previousOffset = offset;
  }
  return transitions;
}

/**
 * A VTIMEZONE for the years the events span: the offset in force at the
 * start of the first year, then one STANDARD or DAYLIGHT observance per real
 * change (DAYLIGHT when the clocks go forward). Each observance's DTSTART is
 * the local time just before the change, as RFC 5545 asks.
 */
export function vtimezoneLines(zone: string, firstYear: number, lastYear: number): string[] {
  // A day's margin either side covers local times near New Year in every zone.
  const from = new Date(Date.UTC(firstYear, 0, 1) - DAY_MS);
  const to = new Date(Date.UTC(lastYear + 1, 0, 1) + DAY_MS);
  const transitions = zoneTransitions(zone, from, to);
  const startOffset = offsetMinutesAt(from, zone);
  const offsets = [startOffset, ...transitions.map((t) => t.to)];
  const inDaylightAtStart = transitions.length > 0 && startOffset === Math.max(...offsets) && startOffset !== Math.min(...offsets);
  const observance = (kind: "STANDARD" | "DAYLIGHT", localStart: string, fromOffset: number, toOffset: number) => [
    `BEGIN:${kind}`,
    `DTSTART:${localStart}`,
    `TZOFFSETFROM:${formatOffset(fromOffset)}`,
    `TZOFFSETTO:${formatOffset(toOffset)}`,
    `END:${kind}`,
  ];
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${zone}`,
    ...observance(inDaylightAtStart ? "DAYLIGHT" : "STANDARD", basicDateTime(new Date(from.getTime() + startOffset * MINUTE_MS)), startOffset, startOffset),
    ...transitions.flatMap((t) =>
      observance(t.to > t.from ? "DAYLIGHT" : "STANDARD", basicDateTime(new Date(t.at.getTime() + t.from * MINUTE_MS)), t.from, t.to),
    ),
    "END:VTIMEZONE",
  ];
}

function eventLines(event: IcsEvent, now: Date): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${formatUtc(now)}`,
    zonedProperty("DTSTART", event.start, event.timeZone),
    zonedProperty("DTEND", event.end, event.timeZone),
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  // A URI value is not TEXT: it is written as it is, minus anything that would break the line.
  if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, "")}`);
  if (event.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(event.lastModified)}`);
  lines.push(`STATUS:${event.status}`, "TRANSP:OPAQUE", "END:VEVENT");
  return lines;
}

/** A whole calendar file: CRLF line endings, folded lines, one VTIMEZONE per zone used. */
export function buildCalendar({ events, now, name, refreshMinutes }: IcsCalendar): string {
  const years = new Map<string, { first: number; last: number }>();
  for (const e of events) {
    const span = years.get(e.timeZone) ?? { first: e.start.getUTCFullYear(), last: e.end.getUTCFullYear() };
    span.first = Math.min(span.first, e.start.getUTCFullYear());
    span.last = Math.max(span.last, e.end.getUTCFullYear());
    years.set(e.timeZone, span);
  }
  const lines = ["BEGIN:VCALENDAR", `PRODID:${PRODID}`, "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  if (name) lines.push(`X-WR-CALNAME:${escapeText(name)}`);
  if (refreshMinutes) lines.push(`REFRESH-INTERVAL;VALUE=DURATION:PT${refreshMinutes}M`, `X-PUBLISHED-TTL:PT${refreshMinutes}M`);
  for (const [zone, span] of [...years].sort(([a], [b]) => a.localeCompare(b))) lines.push(...vtimezoneLines(zone, span.first, span.last));
  for (const e of events) lines.push(...eventLines(e, now));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
