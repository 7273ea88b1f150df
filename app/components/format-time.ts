// Dates shown with the time zone always explicit.
export function formatDateInZone(iso: string | Date, timeZone: string) {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return `${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone }).format(date)}`;
}

export function formatDateTimeInZone(iso: string | Date, timeZone: string) {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return `${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(date)} (${timeZone.replace(/_/g, " ")})`;
}
