// Comments on the pages of a module's working draft, as JSON for the
// DraftComments panel beside the editor. Whoever may open the draft reads
// them; its co-authors post, reply and resolve. Refusals come back as data
// with their status, so a failed post never replaces the editor with an
// error page and the typed comment stays in its box.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { commentBodyField, commentIdField, parentIdField } from "~/domain/comments/comment-fields";
import { commentOnDraftPage, draftToCommentOn, listDraftComments, resolveDraftThread } from "~/domain/comments/draft-comments.server";
import { translatorFor } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { formValues, readFormData, submitForm } from "~/forms/submit-form.server";
import { requireUser } from "~/require-user.server";

const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("comment"),
      pageId: z.string({ required_error: "modules:draftComments.errors.pageGone" }).regex(/^[A-Za-z0-9_-]{1,64}$/, "modules:draftComments.errors.pageGone"),
      parentId: parentIdField,
      body: commentBodyField,
    }),
    z.object({ intent: z.literal("resolve"), commentId: commentIdField }),
    z.object({ intent: z.literal("reopen"), commentId: commentIdField }),
  ],
  { errorMap: (issue, ctx) => ({ message: issue.code === "invalid_union_discriminator" ? "modules:draftComments.errors.intent" : ctx.defaultError }) },
);

/** A 403 or 404 from the domain, answered as data with the same status. */
async function refusal(error: unknown, values: Record<string, string> = {}) {
  if (error instanceof Response && error.status >= 400 && error.status < 500) {
    return json({ ok: false as const, formError: (await error.text()) || "modules:draftComments.errors.cannot", fieldErrors: {} as Record<string, string>, values }, { status: error.status });
  }
  throw error;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  try {
    const { canComment, threadsByPage } = await listDraftComments(context.services.db, user, params.slug ?? "");
    // Names go out as the reader reads them: an erased author is a former member in their language.
    const t = translatorFor(context.language);
    const named = <C extends { authorName: string | null }>(c: C) => ({ ...c, authorName: personName(c.authorName, t) });
    const threads = Object.fromEntries(
      Object.entries(threadsByPage).map(([page, list]) => [page, list.map((thread) => ({ ...named(thread), resolvedByName: thread.resolvedAt ? personName(thread.resolvedByName, t) : null, replies: thread.replies.map(named) }))]),
    );
    return json({ ok: true as const, canComment, threadsByPage: threads, viewer: { id: user.id, timeZone: user.timeZone } });
  } catch (error) {
    return refusal(error);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const slug = params.slug ?? "";
  const formData = await readFormData(request);
  try {
    // Only co-authors get as far as the form's rules; others get the draft's 404 or a 403.
    await draftToCommentOn(db, user, slug);
    return await submitForm(formData, schema, async (input) => {
      if (input.intent === "comment") {
        const posted = await commentOnDraftPage(db, context.services.documentEditor, user, slug, { pageId: input.pageId, parentId: input.parentId, body: input.body });
        return json({ ok: true as const, commentId: posted.id });
      }
      await resolveDraftThread(db, user, slug, input.commentId, input.intent === "resolve");
      return json({ ok: true as const, commentId: input.commentId });
    });
  } catch (error) {
    return refusal(error, formValues(formData));
  }
}
