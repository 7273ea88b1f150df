// Downloads an export: only for the person who asked for it (anyone else, a
// 404), while its link lasts (after, a 410 that says what to do).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { openExport } from "~/domain/personal-data/data-exports.server";
import { EXPORT_LINK_DAYS } from "~/domain/personal-data/personal-data-fields";
import { requireUser } from "~/require-user.server";

const expiredPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>This download has expired · Roundtable</title></head>
<body><main><h1>This download has expired</h1>
<p>An export can be downloaded for ${EXPORT_LINK_DAYS} days; after that it is deleted. You can ask for a new one on <a href="/profile/data">Your data</a>.</p></main></body></html>`;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const opened = await openExport(context.services.db, user, params.exportId ?? "");
  if (opened.state === "expired") return new Response(expiredPage, { status: 410, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });
  // Still being prepared (or it failed): the page says which.
  if (opened.state === "not-ready") return redirect("/profile/data#export");
  // A copy backed by a plain ArrayBuffer, which is what a Response body takes.
  return new Response(new Uint8Array(opened.zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${opened.fileName}"`,
      "Content-Length": String(opened.zip.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
