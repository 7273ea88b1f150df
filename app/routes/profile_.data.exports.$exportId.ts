// Downloads an export: only for the person who asked for it (anyone else, a
// 404), while its link lasts (after, a 410 that says what to do).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import type { Language } from "~/domain/i18n/languages";
import { plainTextRefusalIn, translatorFor } from "~/domain/i18n/translators";
import { escapeHtml, plainPage } from "~/domain/plain-page";
import { openExport } from "~/domain/personal-data/data-exports.server";
import { EXPORT_LINK_DAYS } from "~/domain/personal-data/personal-data-fields";
import { requireUser } from "~/require-user.server";

/** A plain page without the layout, in the reader's language; the message's <link> tag becomes the link to /profile/data. */
function expiredPage(language: Language) {
  const t = translatorFor(language, "privacy");
  const title = t("download.expired.title");
  const [before = "", label = "", after = ""] = t("download.expired.body", { count: EXPORT_LINK_DAYS }).split(/<link>(.*?)<\/link>/);
  return plainPage({
    language,
    pageTitle: t("common:pageTitle", { page: title }),
    heading: title,
    paragraphs: [`${escapeHtml(before)}<a href="/profile/data">${escapeHtml(label)}</a>${escapeHtml(after)}`],
  });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const language = context.language;
  const opened = await openExport(context.services.db, user, params.exportId ?? "").catch(async (error: unknown) => {
    // A download answers without the layout, so a refusal is written out here, in the reader's language.
    throw await plainTextRefusalIn(language, error);
  });
  if (opened.state === "expired") return new Response(expiredPage(language), { status: 410, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });
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
