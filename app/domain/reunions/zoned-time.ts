// Wall-clock time in an IANA zone ↔ an instant, without a dependency.
// Offsets come from Intl, so daylight-saving changes follow the zone's rules.
// Not a .server file: the reunion pages show slots in each person's zone.

export type LocalDateTime = { date: string; time: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

export function isKnownTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function isValidLocalDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return (
    d.getUTCFullYear() === +m[1]! &&
    d.getUTCMonth() === +m[2]! - 1 &&
    d.getUTCDate() === +m[3]!
  );
}

export function isValidLocalTime(time: string): boolean {
  const m = TIME.exec(time);
  return !!m && +m[1]! < 24 && +m[2]! < 60;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(zone: string) {
  let f = partFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partFormats.set(zone, f);
  }
  return f;
}

function wallClockMs(instantMs: number, zone: string): number {
  const p = Object.fromEntries(
    partsFormat(zone)
      .formatToParts(new Date(instantMs))
      .map((x) => [x.type, x.value])
  );
  return Date.UTC(
    +p.year!,
    +p.month! - 1,
    +p.day!,
    +p.hour! % 24,
    +p.minute!,
    +p.second!
  );
}

/** The zone's offset from UTC at that instant, in minutes (London in summer: 60). */
export function offsetMinutesAt(instant: Date, zone: string): number {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wallClockMs(ms, zone) - ms) / 60_000);
}

/** The date and time a clock in `zone` shows at `instant`. */
export function instantToLocal(instant: Date, zone: string): LocalDateTime {
  const wall = new Date(wallClockMs(instant.getTime(), zone));
  return {
    date: wall.toISOString().slice(0, 10),
    time: wall.toISOString().slice(11, 16),
  };
}

/**
 * The instant at which a clock in `zone` shows `date` `time`. When the clock
 * goes back and the time happens twice, the earlier one; when it jumps
 * forward over the time, the time as if the clock had not jumped yet
 * (01:30 on a spring-forward night in London is 02:30 summer time), like
 * Temporal's "compatible" rule.
 */
export function localToInstant(
  { date, time }: LocalDateTime,
  zone: string
): Date {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) throw new RangeError(`Not a date and time: ${date} ${time}`);
  const wall = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +t[1]!, +t[2]!);
  // The offsets a day either side cover both sides of any change on that day.
  const before = offsetMinutesAt(new Date(wall - 86_400_000), zone);
  const after = offsetMinutesAt(new Date(wall + 86_400_000), zone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * 60_000)
    .sort((a, b) => a - b);
  const exact = candidates.find((ms) => wallClockMs(ms, zone) === wall);
  return new Date(exact ?? wall - before * 60_000);
}

/** Adds calendar months to a local date, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsToLocalDate(date: string, months: number): string {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`Not a date: ${date}`);
  const monthIndex = +m[2]! - 1 + months;
  const year = +m[1]! + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(+m[3]!, lastDay);
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(
    2,
    "0"
  )}-${String(day).padStart(2, "0")}`;
}
