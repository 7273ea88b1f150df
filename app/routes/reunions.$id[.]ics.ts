// A reunion's .ics download, for anyone who may see the reunion.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { reunionCalendarFile } from "~/domain/calendar/reunion-events.server";
import { plainTextRefusalIn } from "~/domain/i18n/translators";
import { requireUser } from "~/require-user.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { db, config } = context.services;
  const file = await reunionCalendarFile(db, user, params.id ?? "", {
    origin: config.publicOrigin,
    now: new Date(),
    language: context.language,
  }).catch(async (error: unknown) => {
    // A plain-text answer, where no page translates a catalogue key: the refusal is written here, in the reader's language.
    throw await plainTextRefusalIn(context.language, error);
  });
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
