// Wall-clock times in a zone map to the right instants, including on the
// nights the clocks change.
import { addMonthsToLocalDate, instantToLocal, localToInstant, offsetMinutesAt } from "../../app/domain/reunions/zoned-time";

test("a reunion on the night London's clocks go back lasts the hours it really lasts", () => {
  // 25 October 2026: at 02:00 BST the clocks go back to 01:00 GMT.
  const start = localToInstant({ date: "2026-10-25", time: "00:30" }, "Europe/London");
  const end = localToInstant({ date: "2026-10-25", time: "03:00" }, "Europe/London");
  expect(start.toISOString()).toBe("2026-10-24T23:30:00.000Z");
  expect(end.toISOString()).toBe("2026-10-25T03:00:00.000Z");
  expect((end.getTime() - start.getTime()) / 3_600_000).toBe(3.5);
  // 01:30 happens twice that night: the first time (still summer time) is meant.
  expect(localToInstant({ date: "2026-10-25", time: "01:30" }, "Europe/London").toISOString()).toBe("2026-10-25T00:30:00.000Z");
  expect(instantToLocal(end, "Europe/London")).toEqual({ date: "2026-10-25", time: "03:00" });
});

test("the same wall-clock time the day before and after the change is an hour apart in UTC", () => {
  expect(localToInstant({ date: "2026-10-24", time: "10:00" }, "Europe/London").toISOString()).toBe("2026-10-24T09:00:00.000Z");
  expect(localToInstant({ date: "2026-10-26", time: "10:00" }, "Europe/London").toISOString()).toBe("2026-10-26T10:00:00.000Z");
  expect(offsetMinutesAt(new Date("2026-10-24T12:00:00Z"), "Europe/London")).toBe(60);
  expect(offsetMinutesAt(new Date("2026-10-26T12:00:00Z"), "Europe/London")).toBe(0);
});

test("a time skipped when the clocks go forward is read as if the clock had not jumped yet", () => {
  // 29 March 2026: 01:00 GMT jumps to 02:00 BST; 01:30 does not exist.
  expect(localToInstant({ date: "2026-03-29", time: "01:30" }, "Europe/London").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  expect(instantToLocal(new Date("2026-03-29T01:30:00Z"), "Europe/London")).toEqual({ date: "2026-03-29", time: "02:30" });
});

test("New York and Tokyo times convert with their own rules", () => {
  expect(localToInstant({ date: "2026-11-01", time: "09:00" }, "America/New_York").toISOString()).toBe("2026-11-01T14:00:00.000Z"); // EST, after the change
  expect(localToInstant({ date: "2026-10-31", time: "09:00" }, "America/New_York").toISOString()).toBe("2026-10-31T13:00:00.000Z"); // EDT
  expect(localToInstant({ date: "2026-10-25", time: "18:00" }, "Asia/Tokyo").toISOString()).toBe("2026-10-25T09:00:00.000Z");
});

test("repeating monthly keeps to the end of short months", () => {
  expect(addMonthsToLocalDate("2026-01-31", 1)).toBe("2026-02-28");
  expect(addMonthsToLocalDate("2026-11-15", 3)).toBe("2027-02-15");
});
