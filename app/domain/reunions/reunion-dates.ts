// Turns the dates typed in a reunion form (wall-clock times in named zones)
// into instants, with a message next to the field for each thing wrong.
import { InputError } from "../input-error";
import type { OccasionWords } from "./occasion-words";
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

const UNKNOWN_ZONE =
  "We do not know this time zone. Choose one from the list, such as Europe/London.";

/** One start and end on a day, or the message for `field`. */
function interval(
  date: string,
  start: string,
  end: string,
  zone: string,
  now: Date,
  what: string
): { startsAt: Date; endsAt: Date } | string {
  if (!isValidLocalDate(date)) return `Enter the date of ${what}.`;
  if (!isValidLocalTime(start) || !isValidLocalTime(end))
    return `Enter a start and an end time for ${what}, such as 18:00 and 20:00.`;
  const startsAt = localToInstant({ date, time: start }, zone);
  const endsAt = localToInstant({ date, time: end }, zone);
  if (endsAt.getTime() <= startsAt.getTime())
    return `${capitalise(
      what
    )} ends before it starts. Make the end time later than the start time.`;
  if (startsAt.getTime() < now.getTime())
    return `${capitalise(what)} is in the past. Choose a date still to come.`;
  return { startsAt, endsAt };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `occasion` names it in the messages: "The meeting is in the past", not "the reunion". */
export function planCreateDates(
  input: CreateReunionInput,
  now: Date,
  occasion: OccasionWords
): PlannedDates {
  const errors: Record<string, string> = {};
  if (input.schedule === "fixed") {
    const first = interval(
      input.date,
      input.startTime,
      input.endTime,
      input.timeZone,
      now,
      `the ${occasion.noun}`
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
    const planned = interval(date!, start!, end!, zone, now, `option ${n}`);
    if (typeof planned === "string") errors[`slot${n}`] = planned;
    else slots.push({ ...planned, timeZone: zone });
  }
  if (slots.length === 0 && Object.keys(errors).length === 0)
    errors.slot1 = "Offer at least one date for people to choose from.";

  let deadline: Date | null = null;
  if (input.deadline) {
    const [date, time] = input.deadline.split("T");
    if (
      !date ||
      !time ||
      !isValidLocalDate(date) ||
      !isValidLocalTime(time.slice(0, 5))
    )
      errors.deadline = "Enter the deadline as a date and a time.";
    else {
      deadline = localToInstant(
        { date, time: time.slice(0, 5) },
        input.timeZone
      );
      if (deadline.getTime() <= now.getTime())
        errors.deadline =
          "This deadline has already passed. Choose a moment still to come.";
      else if (
        slots.length &&
        slots.every((s) => s.startsAt.getTime() <= deadline!.getTime())
      )
        errors.deadline =
          "The deadline comes after every date offered. Set it before the last date starts.";
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
  occasion: OccasionWords
): { startsAt: Date; endsAt: Date } | null {
  if (!input.date && !input.startTime && !input.endTime) return null;
  const planned = interval(
    input.date,
    input.startTime,
    input.endTime,
    zone,
    now,
    `the ${occasion.noun}`
  );
  if (typeof planned === "string") throw new InputError({ date: planned });
  return planned;
}
