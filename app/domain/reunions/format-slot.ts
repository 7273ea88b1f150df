// A reunion's time as people read it: day, start–end, and the zone named.
// Plain module: used by the pages in the browser as well.
export function formatSlot(
  startsAt: string | Date,
  endsAt: string | Date,
  zone: string
): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: zone,
  }).format(start);
  const time = (d: Date) =>
    new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: zone,
    }).format(d);
  const endDay = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: zone,
  }).format(end);
  return `${day}, ${time(start)}–${endDay === day ? "" : `${endDay}, `}${time(
    end
  )} (${zone.replace(/_/g, " ")})`;
}
