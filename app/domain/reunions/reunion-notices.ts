// The words of what people are told about a reunion, each in their own time zone.
import { formatDateTimeInZone } from "../../components/format-time";

export const reunionLink = (id: string) => `/reunions/${id}`;

export function whenText(
  reunion: { startsAt: Date | null; endsAt: Date | null; timeZone: string },
  zone: string
) {
  if (!reunion.startsAt) return "date to be chosen";
  const own = formatDateTimeInZone(reunion.startsAt, zone);
  return zone === reunion.timeZone
    ? own
    : `${own}; for the organiser ${formatDateTimeInZone(
        reunion.startsAt,
        reunion.timeZone
      )}`;
}

export function whereText(reunion: {
  location: string;
  onlineUrl: string | null;
}) {
  return (
    [reunion.location, reunion.onlineUrl]
      .filter(Boolean)
      .join(" and online at ") || "place to be announced"
  );
}
