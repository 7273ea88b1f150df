// A peer group's discussion: threads of posts with replies, "@Full Name"
// mentions of members. Members only; everyone else gets a 404.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CommentThreadView } from "~/components/comment-view";
import { FormError, Notice, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { discussionSchema, MAX_POST_LENGTH } from "~/domain/groups/discussion/discussion-fields";
import { listGroupDiscussion, postToGroupDiscussion } from "~/domain/groups/discussion/group-discussion.server";
import { findGroupSpace } from "~/domain/groups/load-group.server";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { GroupSpaceNav } from "~/components/group-space-nav";
import { useFormErrors } from "~/forms/use-form-errors";
import { useFreshFormKey } from "~/forms/use-fresh-form-key";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? "groups:discussion.titleOf" : "groups:discussion.title", { group: data?.group.name ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await listGroupDiscussion(context.services.db, user, params.id ?? "");
  return json({ ...page, viewer: { id: user.id, timeZone: user.timeZone } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // A non-member gets a 404 whatever the form says.
  const { id } = await findGroupSpace(db, user, params.id ?? "");
  const formData = await readFormData(request);
  return submitForm(formData, discussionSchema, async (input) => {
    const posted = await postToGroupDiscussion(db, user, id, { parentId: input.intent === "reply" ? input.parentId : null, body: input.body });
    return redirect(`/groups/${id}/discussion#comment-${posted.id}`);
  });
}

export default function GroupDiscussion() {
  const { group, threads, viewer } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  // Forms that add something empty themselves after it is saved; a refusal keeps the text.
  const fresh = useFreshFormKey();
  const busy = useNavigation().state === "submitting";
  const [search] = useSearchParams();
  const { t } = useTranslation("groups");
  const posted = errors.values.intent;
  const kept = (intent: string, fallback = "") => (posted === intent ? (errors.value("body", fallback) ?? fallback) : fallback);
  const errorFor = (intent: string) => (posted === intent ? errors.fieldErrors.body : undefined);
  const count = threads.reduce((n, t) => n + 1 + t.replies.length, 0);

  return (
    <section aria-labelledby="discussion-title" className="discussion">
      <p className="muted">
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </p>
      <h1 id="discussion-title">{t("discussion.heading", { group: group.name })}</h1>
      <GroupSpaceNav groupId={group.id} convener={group.convener} programme={group.programme} />
      {search.get("reported") ? <Notice>{t("discussion.reported")}</Notice> : null}
      <FormError message={errors.formError ?? errors.fieldErrors.intent ?? errors.fieldErrors.parentId} />
      <p className="muted">
        {count === 0 ? t("discussion.empty") : t("discussion.posts", { count })}
      </p>
      <ol className="comment-threads">
        {threads.map((thread) => {
          const replyingHere = posted === "reply" && errors.values.parentId === thread.id;
          return (
            <li key={thread.id} className="comment-thread">
              <CommentThreadView thread={thread} viewerId={viewer.id} timeZone={viewer.timeZone} />
              <div className="comment-thread__actions">
                <details open={replyingHere}>
                  <summary>{t("discussion.reply")}</summary>
                  <Form key={fresh(`reply:${thread.id}`)} method="post" className="stack" noValidate>
                    <input type="hidden" name="parentId" value={thread.id} />
                    <TextAreaField
                      label={t("discussion.replyTo", { name: personName(thread.authorName, t) })}
                      name="body"
                      rows={3}
                      maxLength={MAX_POST_LENGTH}
                      defaultValue={replyingHere ? kept("reply") : ""}
                      error={replyingHere ? errorFor("reply") : undefined}
                    />
                    <div>
                      <button type="submit" name="intent" value="reply" disabled={busy}>
                        {t("discussion.postReply")}
                      </button>
                    </div>
                  </Form>
                </details>
              </div>
            </li>
          );
        })}
      </ol>
      <Form key={fresh("post")} method="post" className="stack wide" noValidate>
        <TextAreaField
          label={t("discussion.newThread")}
          name="body"
          rows={4}
          maxLength={MAX_POST_LENGTH}
          hint={t("discussion.newThreadHint")}
          defaultValue={kept("post")}
          error={errorFor("post")}
        />
        <div>
          <button type="submit" name="intent" value="post" disabled={busy}>
            {t("discussion.post")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
