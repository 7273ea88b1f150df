// One proposal: the idea, its support, its discussion, and the moderator's
// decision. Several forms, told apart by their intent.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { CommentThreadView } from "~/components/comment-view";
import { FormError, SelectField, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { useFormat } from "~/components/use-format";
import { commentBodyField, commentIdField } from "~/domain/comments/comment-fields";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { acceptProposal, declineProposal, mergeProposal } from "~/domain/proposals/decide-proposal.server";
import { commentOnProposal, resolveProposalThread } from "~/domain/proposals/discuss-proposal.server";
import { joinAsCoauthor } from "~/domain/proposals/join-as-coauthor.server";
import { loadProposalPage } from "~/domain/proposals/load-proposal-page.server";
import { CO_CREATION_MODES, decisionReasonField } from "~/domain/proposals/proposal-fields";
import { setSupport } from "~/domain/proposals/support-proposal.server";
import { findVisibleProposal } from "~/domain/proposals/visible-proposals.server";
import { optionalId } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? "proposals:page.titleOf" : "proposals:page.title", { title: data?.proposal.title ?? "" });

const requiredId = (message: string) => z.string({ required_error: message }).uuid(message);

const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("support") }),
    z.object({ intent: z.literal("unsupport") }),
    z.object({ intent: z.literal("comment"), body: commentBodyField }),
    z.object({ intent: z.literal("reply"), parentId: requiredId("proposals:comments.errors.parentGone"), body: commentBodyField }),
    z.object({ intent: z.literal("resolve"), commentId: commentIdField }),
    z.object({ intent: z.literal("reopen"), commentId: commentIdField }),
    z.object({
      intent: z.literal("accept"),
      mode: z.enum(CO_CREATION_MODES, { errorMap: () => ({ message: "proposals:page.errors.mode" }) }),
      leadId: optionalId,
      reason: decisionReasonField,
    }),
    z.object({ intent: z.literal("decline"), reason: decisionReasonField.pipe(z.string().min(1, "proposals:page.errors.declineReason")) }),
    z.object({ intent: z.literal("merge"), targetId: requiredId("proposals:page.errors.mergeTarget"), reason: decisionReasonField }),
    z.object({ intent: z.literal("join") }),
  ],
  { errorMap: (issue, ctx) => ({ message: issue.code === "invalid_union_discriminator" ? "org:settings.errors.unknownIntent" : ctx.defaultError }) },
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await loadProposalPage(context.services.db, user, params.id ?? "");
  return json({ ...page, viewer: { id: user.id, timeZone: user.timeZone } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // Someone else's private proposal is a 404 whatever the form says.
  const { id } = await findVisibleProposal(db, user, params.id ?? "");
  const formData = await readFormData(request);
  const here = `/proposals/${id}`;
  return submitForm(formData, schema, async (input) => {
    switch (input.intent) {
      case "support":
      case "unsupport":
        await setSupport(db, user, id, input.intent === "support");
        return redirect(`${here}#support`);
      case "comment":
      case "reply": {
        const posted = await commentOnProposal(db, user, id, { parentId: input.intent === "reply" ? input.parentId : null, body: input.body });
        return redirect(`${here}#comment-${posted.id}`);
      }
      case "resolve":
      case "reopen":
        await resolveProposalThread(db, user, id, input.commentId, input.intent === "resolve");
        return redirect(`${here}#comment-${input.commentId}`);
      case "accept":
        await acceptProposal(db, user, id, { mode: input.mode, leadId: input.leadId, reason: input.reason });
        return redirect(`${here}#decision`);
      case "decline":
        await declineProposal(db, user, id, { reason: input.reason });
        return redirect(`${here}#decision`);
      case "merge":
        await mergeProposal(db, user, id, { targetId: input.targetId, reason: input.reason });
        return redirect(`${here}#decision`);
      case "join":
        return redirect(`/modules/${await joinAsCoauthor(db, user, id)}/edit`);
    }
  });
}

const MODULE_STATES = ["draft", "in_review", "published", "archived"];

export default function ProposalPage() {
  const { proposal, support, threads, module, can, decision, viewer, origin } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("proposals");
  const format = useFormat();
  const postedIntent = errors.values.intent;
  const errorFor = (intent: string, field: string) => (postedIntent === intent ? errors.fieldErrors[field] : undefined);
  const keptFor = (intent: string, field: string, fallback = "") => (postedIntent === intent ? errors.value(field, fallback) : fallback);
  const decision_ = proposal.deciderName && proposal.decidedAt ? { name: personName(proposal.deciderName, t), date: format.dateTime(proposal.decidedAt, viewer.timeZone) } : null;
  const decidedAs = (status: "accepted" | "declined") => (decision_ ? t(`page.${status}By`, decision_) : t(`page.${status}`));
  const generalError = errors.formError ?? errors.fieldErrors.intent ?? errors.fieldErrors.commentId ?? errors.fieldErrors.parentId;

  return (
    <article className="proposal" aria-labelledby="proposal-title">
      <p className="module-card__meta">
        <Link to="/proposals">{t("page.all")}</Link>
        <span className="tag tag--mindset">{t(`modules:mindsets.${proposal.mindset}.name`)}</span>
        <span className="tag">{proposal.visibility === "public" ? t("list.allOrganisations") : t("page.ourOrganisationOnly")}</span>
      </p>
      <h1 id="proposal-title">{proposal.title}</h1>
      <p className="muted">
        {t("page.proposedBy", { name: personName(proposal.proposerName, t), date: format.date(proposal.createdAt, viewer.timeZone), zone: viewer.timeZone.replace(/_/g, " ") })}
      </p>
      {origin ? (
        <p className="proposal__origin">
          {origin.href ? (
            <Trans t={t} i18nKey="page.fromBreakout" values={{ topic: origin.topic, reunion: origin.reunionTitle }} components={{ a: <Link to={origin.href} /> }} />
          ) : (
            t("page.fromOpenSpace")
          )}
        </p>
      ) : null}
      <FormError message={generalError} />

      <section aria-labelledby="decision-title" id="decision" className={`card proposal-status proposal-status--${proposal.status}`}>
        <h2 id="decision-title">{t("page.status")}</h2>
        {proposal.status === "open" ? <p>{t("page.open")}</p> : null}
        {proposal.status === "declined" ? (
          <>
            <p>{decidedAs("declined")}</p>
            {proposal.decisionReason ? <p className="proposal__text">{t("page.reason", { reason: proposal.decisionReason })}</p> : null}
          </>
        ) : null}
        {proposal.status === "merged" ? (
          <>
            <p>
              {proposal.mergedInto ? (
                <Trans
                  t={t}
                  i18nKey={decision_ ? "page.mergedIntoBy" : "page.mergedInto"}
                  values={{ title: proposal.mergedInto.title, ...decision_ }}
                  components={{ a: <Link to={`/proposals/${proposal.mergedInto.id}`} /> }}
                />
              ) : (
                t(decision_ ? "page.mergedElsewhereBy" : "page.mergedElsewhere", decision_ ?? {})
              )}
            </p>
            {proposal.decisionReason ? <p className="proposal__text">{t("page.note", { note: proposal.decisionReason })}</p> : null}
          </>
        ) : null}
        {proposal.status === "accepted" ? (
          <>
            <p>{decidedAs("accepted")}</p>
            {proposal.decisionReason ? <p className="proposal__text">{t("page.note", { note: proposal.decisionReason })}</p> : null}
            {module ? (
              <>
                <p>
                  {t(
                    `page.module.${MODULE_STATES.includes(module.status) ? module.status : "underway"}${module.status === "archived" ? "" : module.coCreationMode === "open" ? "Open" : "Curated"}`,
                    { title: module.title },
                  )}
                </p>
                {module.readable ? (
                  <p>
                    <Link to={`/modules/${module.slug}`}>{t("page.readModule")}</Link>
                  </p>
                ) : null}
                {module.authorRole && module.status !== "archived" ? (
                  <p>
                    <Link to={`/modules/${module.slug}/edit`}>{t("page.openDraft")}</Link>
                  </p>
                ) : null}
                {can.join ? (
                  <Form method="post">
                    <button type="submit" name="intent" value="join" disabled={busy}>
                      {t("page.join")}
                    </button>
                  </Form>
                ) : null}
              </>
            ) : null}
          </>
        ) : null}
        {proposal.mergedHere.length ? (
          <p>
            {t("page.mergedHere")}{" "}
            {proposal.mergedHere.map((m, i) => (
              <span key={m.id}>
                {i ? t("page.listSeparator") : ""}
                <Link to={`/proposals/${m.id}`}>{m.title}</Link>
              </span>
            ))}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="idea-title">
        <h2 id="idea-title">{t("page.challenge")}</h2>
        <p className="proposal__text">{proposal.challenge}</p>
        <h2>{t("page.questions")}</h2>
        <ol className="question-list">
          {proposal.draftQuestions.map((q, i) => (
            <li key={i}>{q}</li>
          ))}
        </ol>
        <p className="muted">{t("page.suggestedMode", { mode: t(`form.modes.${proposal.suggestedMode}`) })}</p>
      </section>

      <section aria-labelledby="support-title" id="support">
        <h2 id="support-title">{t("page.support")}</h2>
        <p>
          <strong>{t(support.mine ? "page.supportersWithYou" : "page.supporters", { count: support.count })}</strong>
        </p>
        {can.support ? (
          <Form method="post">
            {support.mine ? (
              <button type="submit" name="intent" value="unsupport" className="button--secondary" disabled={busy}>
                {t("page.unsupport")}
              </button>
            ) : (
              <button type="submit" name="intent" value="support" disabled={busy}>
                {t("page.supportThis")}
              </button>
            )}
          </Form>
        ) : proposal.proposerId === viewer.id ? (
          <p className="muted">{t("page.ownProposal")}</p>
        ) : null}
      </section>

      {can.decide && decision ? (
        <section aria-labelledby="moderate-title" className="card proposal-decide">
          <h2 id="moderate-title">{t("page.decide")}</h2>
          <Form method="post" className="stack" noValidate>
            <h3>{t("page.acceptHeading")}</h3>
            <SelectField
              label={t("page.mode")}
              name="mode"
              defaultValue={keptFor("accept", "mode", proposal.suggestedMode)}
              options={CO_CREATION_MODES.map((m) => ({ value: m, label: t(`form.modes.${m}`) }))}
              error={errorFor("accept", "mode")}
            />
            {decision.leadCandidates.length ? (
              <SelectField
                label={t("page.lead")}
                name="leadId"
                defaultValue={keptFor("accept", "leadId", decision.leadCandidates[0]?.id ?? "")}
                options={decision.leadCandidates.map((p) => ({ value: p.id, label: p.id === proposal.proposerId ? t("page.proposer", { name: p.name }) : p.name }))}
                hint={t("page.leadHint")}
                error={errorFor("accept", "leadId")}
              />
            ) : (
              <p className="field__error">{t("page.noLead")}</p>
            )}
            <TextAreaField label={t("page.noteToProposer")} name="reason" rows={2} defaultValue={keptFor("accept", "reason")} error={errorFor("accept", "reason")} />
            <div>
              <button type="submit" name="intent" value="accept" disabled={busy}>
                {t("page.accept")}
              </button>
            </div>
          </Form>
          <Form method="post" className="stack" noValidate>
            <h3>{t("page.declineHeading")}</h3>
            <TextAreaField label={t("page.declineReason")} name="reason" rows={3} required defaultValue={keptFor("decline", "reason")} error={errorFor("decline", "reason")} />
            <div>
              <button type="submit" name="intent" value="decline" className="button--danger" disabled={busy}>
                {t("page.decline")}
              </button>
            </div>
          </Form>
          <Form method="post" className="stack" noValidate>
            <h3>{t("page.mergeHeading")}</h3>
            {decision.mergeTargets.length ? (
              <>
                <SelectField
                  label={t("page.mergeInto")}
                  name="targetId"
                  defaultValue={keptFor("merge", "targetId")}
                  options={[{ value: "", label: t("page.chooseOpen") }, ...decision.mergeTargets.map((target) => ({ value: target.id, label: target.title }))]}
                  hint={t("page.mergeHint")}
                  error={errorFor("merge", "targetId")}
                />
                <TextAreaField label={t("page.noteOptional")} name="reason" rows={2} defaultValue={keptFor("merge", "reason")} error={errorFor("merge", "reason")} />
                <div>
                  <button type="submit" name="intent" value="merge" className="button--secondary" disabled={busy}>
                    {t("page.merge")}
                  </button>
                </div>
              </>
            ) : (
              <p className="muted">{t("page.noMergeTargets")}</p>
            )}
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="discussion-title" className="discussion">
        <h2 id="discussion-title">{t("page.discussion", { count: threads.reduce((n, thread) => n + 1 + thread.replies.length, 0) })}</h2>
        {threads.length === 0 ? <p className="muted">{t("page.noComments")}</p> : null}
        <ol className="comment-threads">
          {threads.map((thread) => (
            <li key={thread.id} className={thread.resolvedAt ? "comment-thread comment-thread--resolved" : "comment-thread"}>
              <CommentThreadView thread={thread} viewerId={viewer.id} timeZone={viewer.timeZone} />
              <div className="comment-thread__actions">
                {can.comment ? (
                  <details open={postedIntent === "reply" && errors.values.parentId === thread.id}>
                    <summary>{t("page.reply")}</summary>
                    <Form method="post" className="stack" noValidate>
                      <input type="hidden" name="parentId" value={thread.id} />
                      <TextAreaField
                        label={t("page.replyTo", { name: personName(thread.authorName, t) })}
                        name="body"
                        rows={3}
                       
                        defaultValue={errors.values.parentId === thread.id ? keptFor("reply", "body") : ""}
                        error={errors.values.parentId === thread.id ? errorFor("reply", "body") : undefined}
                      />
                      <div>
                        <button type="submit" name="intent" value="reply" disabled={busy}>
                          {t("page.postReply")}
                        </button>
                      </div>
                    </Form>
                  </details>
                ) : null}
                {can.resolve ? (
                  <Form method="post">
                    <input type="hidden" name="commentId" value={thread.id} />
                    <button type="submit" name="intent" value={thread.resolvedAt ? "reopen" : "resolve"} className="link-button" disabled={busy}>
                      {thread.resolvedAt ? t("page.reopen") : t("page.resolve")}
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
        {can.comment ? (
          <Form method="post" className="stack wide" noValidate>
            <TextAreaField
              label={t("page.addComment")}
              name="body"
              rows={4}
             
              hint={t("page.commentHint")}
              defaultValue={keptFor("comment", "body")}
              error={errorFor("comment", "body")}
            />
            <div>
              <button type="submit" name="intent" value="comment" disabled={busy}>
                {t("page.postComment")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
