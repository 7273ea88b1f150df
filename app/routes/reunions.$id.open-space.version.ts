// The open-space board's version stamp: the board polls it and reloads its
// data only when it changed (docs/decisions/014-open-space-schedule.md).
// A resource route: no ErrorBoundary, or Remix would render it as a page.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { openSpaceBoardVersion } from "~/domain/open-space/load-open-space-board.server";
import { requireUser } from "~/require-user.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const version = await openSpaceBoardVersion(
    context.services.db,
    user,
    params.id ?? ""
  );
  return json({ version }, { headers: { "Cache-Control": "no-store" } });
}
