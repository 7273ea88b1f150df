// A reunion's .ics download, for anyone who may see the reunion.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { reunionCalendarFile } from "~/domain/calendar/reunion-events.server";
import { requireUser } from "~/require-user.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { db, config } = context.services;
  const file = await reunionCalendarFile(db, user, params.id ?? "", {
    origin: config.publicOrigin,
    now: new Date(),
    language: context.language,
  });
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
