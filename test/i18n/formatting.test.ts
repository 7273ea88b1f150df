// Dates, times, numbers, lists and relative times through Intl, in the
// person's time zone and language: Japanese date order and the 24-hour clock.
import { formatDateInZone, formatDateTimeInZone, formatList, formatNumber, formatRelativeTime } from "~/components/format-time";

const AFTERNOON = new Date("2026-12-07T05:30:00Z"); // 14:30 in Tokyo, a Monday

test("Japanese dates read year, month, day and weekday, with the 24-hour clock and the zone named", () => {
  expect(formatDateInZone(AFTERNOON, "Asia/Tokyo", "ja")).toBe("2026年12月7日(月)");
  expect(formatDateTimeInZone(AFTERNOON, "Asia/Tokyo", "ja")).toBe("2026年12月7日(月) 14:30 (Asia/Tokyo)");
});

test("English keeps day, month, year and the 24-hour clock it had", () => {
  expect(formatDateInZone(AFTERNOON, "Europe/London")).toBe("7 Dec 2026");
  expect(formatDateTimeInZone(AFTERNOON, "Europe/London", "en")).toBe("7 Dec 2026, 05:30 (Europe/London)");
});

test("the same instant is the same day in the person's zone, not the server's", () => {
  const lateInLondon = new Date("2026-12-07T23:30:00Z");
  expect(formatDateInZone(lateInLondon, "Asia/Tokyo", "ja")).toBe("2026年12月8日(火)");
  expect(formatDateInZone(lateInLondon, "America/New_York", "en")).toBe("7 Dec 2026");
});

test("numbers, lists and relative times follow the language", () => {
  expect(formatNumber(12345.5, "en")).toBe("12,345.5");
  expect(formatNumber(12345.5, "ja")).toBe("12,345.5");
  expect(formatList(["Ana", "Bo", "Cy"], "en")).toBe("Ana, Bo and Cy");
  expect(formatList(["Ana", "Bo", "Cy"], "ja")).toBe("Ana、Bo、Cy");
  expect(formatList(["Ana", "Bo", "Cy"], "en", "enumeration")).toBe("Ana, Bo, Cy");
  expect(formatList(["Ana", "Bo", "Cy"], "ja", "enumeration")).toBe("Ana、Bo、Cy");
  const now = new Date("2026-12-07T12:00:00Z");
  expect(formatRelativeTime(new Date("2026-12-06T12:00:00Z"), now, "en")).toBe("yesterday");
  expect(formatRelativeTime(new Date("2026-12-06T12:00:00Z"), now, "ja")).toBe("昨日");
  expect(formatRelativeTime(new Date("2026-12-10T12:00:00Z"), now, "ja")).toBe("3 日後");
});
