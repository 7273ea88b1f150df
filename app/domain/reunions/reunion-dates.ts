// Turns the dates typed in a reunion form (wall-clock times in named zones)
// into instants, with a message next to the field for each thing wrong.
import { InputError } from "../input-error";
import { message } from "../i18n/message";
import type { OccasionKind } from "./occasion-words";
import type { CreateReunionInput } from "./reunion-fields";
import { MAX_SLOTS } from "./reunion-fields";
import {
  addMonthsToLocalDate,
  isKnownTimeZone,
  isValidLocalDate,
  isValidLocalTime,
  localToInstant,
} from "./zoned-time";

export type PlannedSlot = { startsAt: Date; endsAt: Date; timeZone: string };
export type PlannedDates =
  | { kind: "poll"; slots: PlannedSlot[]; deadline: Date | null }
  | { kind: "fixed"; occurrences: { startsAt: Date; endsAt: Date }[] };

const UNKNOWN_ZONE = "reunions:errors.timeZoneUnknown";

/** One start and end on a day, or the message for `field`. */
function interval(
  date: string,
  start: string,
  end: string,
  zone: string,
  now: Date,
  what: What
): { startsAt: Date; endsAt: Date } | string {
  // Each message names what is wrong (option 2, the meeting): a key per thing named, so no sentence is built from pieces.
  const say = (problem: string) => message(`reunions:errors.dates.${problem}.${what.kind}`, what.kind === "option" ? { number: what.number } : undefined);
  if (!isValidLocalDate(date)) return say("noDate");
  if (!isValidLocalTime(start) || !isValidLocalTime(end)) return say("noTimes");
  const startsAt = localToInstant({ date, time: start }, zone);
  const endsAt = localToInstant({ date, time: end }, zone);
  if (endsAt.getTime() <= startsAt.getTime())
    return say("endsBeforeStart");
  if (startsAt.getTime() < now.getTime()) return say("inPast");
  return { startsAt, endsAt };
}

type What = { kind: OccasionKind } | { kind: "option"; number: number };

/** `occasion` names it in the messages: "The meeting is in the past", not "the reunion". */
export function planCreateDates(
  input: CreateReunionInput,
  now: Date,
  occasion: { kind: OccasionKind }
): PlannedDates {
  const errors: Record<string, string> = {};
  if (input.schedule === "fixed") {
    const first = interval(
      input.date,
      input.startTime,
      input.endTime,
      input.timeZone,
      now,
      { kind: occasion.kind }
    );
    if (typeof first === "string") throw new InputError({ date: first });
    const count = input.repeatCount ?? 1;
    const every = input.repeatEveryMonths ?? 0;
    // Each occurrence keeps the same wall-clock time in the organiser's zone, whatever the season.
    const occurrences = Array.from({ length: count }, (_, k) => {
      const date = addMonthsToLocalDate(input.date, k * every);
      return {
        startsAt: localToInstant(
          { date, time: input.startTime },
          input.timeZone
        ),
        endsAt: localToInstant({ date, time: input.endTime }, input.timeZone),
      };
    });
    return { kind: "fixed", occurrences };
  }

  const slots: PlannedSlot[] = [];
  const raw = input as unknown as Record<string, string>;
  for (let n = 1; n <= MAX_SLOTS; n++) {
    const [date, start, end, zoneTyped] = ["Date", "Start", "End", "Zone"].map(
      (k) => raw[`slot${n}${k}`] ?? ""
    );
    if (!date && !start && !end) continue;
    const zone = zoneTyped || input.timeZone;
    if (!isKnownTimeZone(zone)) {
      errors[`slot${n}Zone`] = UNKNOWN_ZONE;
      continue;
    }
    const planned = interval(date!, start!, end!, zone, now, { kind: "option", number: n });
    if (typeof planned === "string") errors[`slot${n}`] = planned;
    else slots.push({ ...planned, timeZone: zone });
  }
  if (slots.length === 0 && Object.keys(errors).length === 0)
    errors.slot1 = "reunions:errors.dates.noSlot";

  let deadline: Date | null = null;
  if (input.deadline) {
    const [date, time] = input.deadline.split("T");
    if (
      !date ||
      !time ||
      !isValidLocalDate(date) ||
      !isValidLocalTime(time.slice(0, 5))
    )
      errors.deadline = "reunions:errors.dates.deadline";
    else {
      deadline = localToInstant(
        { date, time: time.slice(0, 5) },
        input.timeZone
      );
      if (deadline.getTime() <= now.getTime())
        errors.deadline = "reunions:errors.dates.deadlinePassed";
      else if (
        slots.length &&
        slots.every((s) => s.startsAt.getTime() <= deadline!.getTime())
      )
        errors.deadline = "reunions:errors.dates.deadlineAfter";
    }
  }
  if (Object.keys(errors).length) throw new InputError(errors);
  return {
    kind: "poll",
    slots: slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
    deadline,
  };
}

/** The new date of one occasion, in its own zone; null when the form leaves it empty (still finding a date). */
export function planChangedDate(
  input: { date: string; startTime: string; endTime: string },
  zone: string,
  now: Date,
  occasion: { kind: OccasionKind }
): { startsAt: Date; endsAt: Date } | null {
  if (!input.date && !input.startTime && !input.endTime) return null;
  const planned = interval(
    input.date,
    input.startTime,
    input.endTime,
    zone,
    now,
    { kind: occasion.kind }
  );
  if (typeof planned === "string") throw new InputError({ date: planned });
  return planned;
}
