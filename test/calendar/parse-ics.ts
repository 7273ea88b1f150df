// Reads .ics text back with ical.js, a real iCalendar parser, and checks the
// structure RFC 5545 requires, so the tests judge the output as a calendar
// app would rather than by our own reading of it.
import ICAL from "ical.js";
import { expect } from "vitest";

export type ParsedEvent = {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  startZone: string;
  summary: string;
  description: string;
  location: string;
  url: string;
  status: string;
};

export function parseCalendar(text: string) {
  // Only the file's own VTIMEZONE definitions may be used to read its times.
  ICAL.TimezoneService.reset();
  const root = new ICAL.Component(ICAL.parse(text));
  const events: ParsedEvent[] = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const text = (name: string) => String(vevent.getFirstPropertyValue(name) ?? "");
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      startZone: event.startDate.zone?.tzid ?? "",
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: text("url"),
      status: text("status"),
    };
  });
  return { root, events, method: String(root.getFirstPropertyValue("method") ?? "") };
}

/** The structure RFC 5545 asks of a calendar file and its events, checked on the parsed tree. */
export function expectValidCalendar(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  const { root, events } = parseCalendar(text);
  expect(root.name).toBe("vcalendar");
  expect(root.getFirstPropertyValue("version")).toBe("2.0");
  expect(String(root.getFirstPropertyValue("prodid"))).not.toBe("");
  const zones = new Set(root.getAllSubcomponents("vtimezone").map((z) => String(z.getFirstPropertyValue("tzid"))));
  for (const vevent of root.getAllSubcomponents("vevent")) {
    for (const required of ["uid", "dtstamp", "dtstart", "dtend", "sequence", "summary"]) expect(vevent.hasProperty(required), required).toBe(true);
    for (const name of ["dtstart", "dtend"]) {
      const tzid = vevent.getFirstProperty(name)!.getParameter("tzid");
      if (tzid) expect(zones.has(String(tzid)), `VTIMEZONE for ${tzid}`).toBe(true);
    }
  }
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    const observances = [...zone.getAllSubcomponents("standard"), ...zone.getAllSubcomponents("daylight")];
    expect(observances.length).toBeGreaterThan(0);
    for (const o of observances) for (const required of ["dtstart", "tzoffsetfrom", "tzoffsetto"]) expect(o.hasProperty(required)).toBe(true);
  }
  return events;
}
