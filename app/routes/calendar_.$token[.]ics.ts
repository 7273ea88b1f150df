// A person's private calendar feed. Calendar apps fetch it without a
// session: the secret token in the address is the only key.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeedFile } from "~/domain/calendar/calendar-feed.server";
import { plainTextRefusalIn } from "~/domain/i18n/translators";

export async function loader({ context, params }: LoaderFunctionArgs) {
  const { db, config } = context.services;
  // The answer is plain text, where no page translates a catalogue key: a refusal is written here, in the reader's language.
  const body = await calendarFeedFile(db, params.token ?? "", { origin: config.publicOrigin, now: new Date() }).catch(async (error: unknown) => {
    throw await plainTextRefusalIn(context.language, error);
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="roundtable.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
