// Sign out of this browser, or of every browser ("everywhere").
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { serializeClearedSessionCookie } from "~/domain/accounts/session-cookie.server";
import { invalidateSession, invalidateUserSessions } from "~/domain/accounts/sessions.server";
import { translatorFor } from "~/domain/i18n/translators";
import { readFormData } from "~/forms/submit-form.server";

// Signing out changes state, so it is never done by a GET. A resource route's answer is plain text, so it is written here in the reader's language.
export async function loader({ context }: LoaderFunctionArgs) {
  throw new Response(translatorFor(context.language, "auth")("signOut.useButton"), { status: 405, headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, config, accessRevocations } = context.services;
  const formData = await readFormData(request);
  if (context.auth.status === "signed-in") {
    if (formData.get("intent") === "everywhere") await invalidateUserSessions(db, context.auth.user.id);
    else await invalidateSession(db, context.auth.session.id);
    // Open editors of the ended sessions close now, on every process.
    accessRevocations.announce([context.auth.user.id]);
  }
  return redirect("/login", { headers: { "Set-Cookie": serializeClearedSessionCookie(config) } });
}
