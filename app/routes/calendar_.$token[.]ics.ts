// A person's private calendar feed. Calendar apps fetch it without a
// session: the secret token in the address is the only key.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeedFile } from "~/domain/calendar/calendar-feed.server";

export async function loader({ context, params }: LoaderFunctionArgs) {
  const { db, config } = context.services;
  const body = await calendarFeedFile(db, params.token ?? "", { origin: config.publicOrigin, now: new Date() });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="roundtable.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
