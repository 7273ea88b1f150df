// One proposal: the idea, its support, its discussion, and the moderator's
// decision. Several forms, told apart by their intent.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CommentThreadView } from "~/components/comment-view";
import { FormError, SelectField, TextAreaField } from "~/components/form-fields";
import { formatDateInZone, formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { commentBodyField, commentIdField } from "~/domain/comments/comment-fields";
import { MINDSET_LABELS } from "~/domain/content/mindsets";
import { acceptProposal, declineProposal, mergeProposal } from "~/domain/proposals/decide-proposal.server";
import { commentOnProposal, resolveProposalThread } from "~/domain/proposals/discuss-proposal.server";
import { joinAsCoauthor } from "~/domain/proposals/join-as-coauthor.server";
import { loadProposalPage } from "~/domain/proposals/load-proposal-page.server";
import { CO_CREATION_MODE_LABELS, CO_CREATION_MODES, decisionReasonField } from "~/domain/proposals/proposal-fields";
import { setSupport } from "~/domain/proposals/support-proposal.server";
import { findVisibleProposal } from "~/domain/proposals/visible-proposals.server";
import { optionalId } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.proposal.title} · Proposals · Roundtable` : "Proposal · Roundtable" }];

const requiredId = (message: string) => z.string({ required_error: message }).uuid(message);

const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("support") }),
    z.object({ intent: z.literal("unsupport") }),
    z.object({ intent: z.literal("comment"), body: commentBodyField }),
    z.object({ intent: z.literal("reply"), parentId: requiredId("The comment you replied to is no longer there."), body: commentBodyField }),
    z.object({ intent: z.literal("resolve"), commentId: commentIdField }),
    z.object({ intent: z.literal("reopen"), commentId: commentIdField }),
    z.object({
      intent: z.literal("accept"),
      mode: z.enum(CO_CREATION_MODES, { errorMap: () => ({ message: "Choose how co-authors join the draft." }) }),
      leadId: optionalId,
      reason: decisionReasonField,
    }),
    z.object({ intent: z.literal("decline"), reason: decisionReasonField.pipe(z.string().min(1, "Give the reason for declining, so the proposer and supporters understand.")) }),
    z.object({ intent: z.literal("merge"), targetId: requiredId("Choose another open proposal to merge this one into."), reason: decisionReasonField }),
    z.object({ intent: z.literal("join") }),
  ],
  { errorMap: (issue, ctx) => ({ message: issue.code === "invalid_union_discriminator" ? "That action is not one this page offers. Please reload the page." : ctx.defaultError }) },
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

const MODULE_STATE: Record<string, string> = {
  draft: "is being written",
  in_review: "is with the moderators for review",
  published: "is published",
  archived: "has been archived",
};

export default function ProposalPage() {
  const { proposal, support, threads, module, can, decision, viewer, origin } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const postedIntent = errors.values.intent;
  const errorFor = (intent: string, field: string) => (postedIntent === intent ? errors.fieldErrors[field] : undefined);
  const keptFor = (intent: string, field: string, fallback = "") => (postedIntent === intent ? errors.value(field, fallback) : fallback);
  const decided = proposal.deciderName && proposal.decidedAt ? `by ${proposal.deciderName} on ${formatDateTimeInZone(proposal.decidedAt, viewer.timeZone)}` : "";
  const generalError = errors.formError ?? errors.fieldErrors.intent ?? errors.fieldErrors.commentId ?? errors.fieldErrors.parentId;

  return (
    <article className="proposal" aria-labelledby="proposal-title">
      <p className="module-card__meta">
        <Link to="/proposals">All proposals</Link>
        <span className="tag tag--mindset">{MINDSET_LABELS[proposal.mindset].name}</span>
        <span className="tag">{proposal.visibility === "public" ? "All organisations" : "Our organisation only"}</span>
      </p>
      <h1 id="proposal-title">{proposal.title}</h1>
      <p className="muted">
        Proposed by {proposal.proposerName} on {formatDateInZone(proposal.createdAt, viewer.timeZone)} ({viewer.timeZone.replace(/_/g, " ")})
      </p>
      {origin ? (
        <p className="proposal__origin">
          {origin.href ? (
            <>
              From the break-out <Link to={origin.href}>{origin.topic}</Link> at {origin.reunionTitle}
            </>
          ) : (
            "From an open-space break-out"
          )}
        </p>
      ) : null}
      <FormError message={generalError} />

      <section aria-labelledby="decision-title" id="decision" className={`card proposal-status proposal-status--${proposal.status}`}>
        <h2 id="decision-title">Status</h2>
        {proposal.status === "open" ? <p>Open for discussion and support. A moderator will decide on it.</p> : null}
        {proposal.status === "declined" ? (
          <>
            <p>Declined {decided}.</p>
            {proposal.decisionReason ? <p className="proposal__text">Reason: {proposal.decisionReason}</p> : null}
          </>
        ) : null}
        {proposal.status === "merged" ? (
          <>
            <p>
              Merged into {proposal.mergedInto ? <Link to={`/proposals/${proposal.mergedInto.id}`}>{proposal.mergedInto.title}</Link> : "another proposal"} {decided}. Its
              support now counts there.
            </p>
            {proposal.decisionReason ? <p className="proposal__text">Note: {proposal.decisionReason}</p> : null}
          </>
        ) : null}
        {proposal.status === "accepted" ? (
          <>
            <p>Accepted {decided}.</p>
            {proposal.decisionReason ? <p className="proposal__text">Note: {proposal.decisionReason}</p> : null}
            {module ? (
              <>
                <p>
                  The module “{module.title}” {MODULE_STATE[module.status] ?? "is under way"}
                  {module.status !== "archived" ? (module.coCreationMode === "open" ? ", open to co-authors who want to join." : ", written by invited co-authors.") : "."}
                </p>
                {module.readable ? (
                  <p>
                    <Link to={`/modules/${module.slug}`}>Read the published module</Link>
                  </p>
                ) : null}
                {module.authorRole && module.status !== "archived" ? (
                  <p>
                    <Link to={`/modules/${module.slug}/edit`}>Open the draft you are writing</Link>
                  </p>
                ) : null}
                {can.join ? (
                  <Form method="post">
                    <button type="submit" name="intent" value="join" disabled={busy}>
                      Join as co-author
                    </button>
                  </Form>
                ) : null}
              </>
            ) : null}
          </>
        ) : null}
        {proposal.mergedHere.length ? (
          <p>
            Merged into this proposal:{" "}
            {proposal.mergedHere.map((m, i) => (
              <span key={m.id}>
                {i ? ", " : ""}
                <Link to={`/proposals/${m.id}`}>{m.title}</Link>
              </span>
            ))}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="idea-title">
        <h2 id="idea-title">The challenge</h2>
        <p className="proposal__text">{proposal.challenge}</p>
        <h2>Draft questions</h2>
        <ol className="question-list">
          {proposal.draftQuestions.map((q, i) => (
            <li key={i}>{q}</li>
          ))}
        </ol>
        <p className="muted">Suggested co-creation: {CO_CREATION_MODE_LABELS[proposal.suggestedMode]}.</p>
      </section>

      <section aria-labelledby="support-title" id="support">
        <h2 id="support-title">Support</h2>
        <p>
          <strong>
            {`${support.count} ${support.count === 1 ? "person supports" : "people support"} this proposal${support.mine ? ", including you" : ""}.`}
          </strong>
        </p>
        {can.support ? (
          <Form method="post">
            {support.mine ? (
              <button type="submit" name="intent" value="unsupport" className="button--secondary" disabled={busy}>
                Withdraw my support
              </button>
            ) : (
              <button type="submit" name="intent" value="support" disabled={busy}>
                Support this proposal
              </button>
            )}
          </Form>
        ) : proposal.proposerId === viewer.id ? (
          <p className="muted">You made this proposal; support comes from the others who want it.</p>
        ) : null}
      </section>

      {can.decide && decision ? (
        <section aria-labelledby="moderate-title" className="card proposal-decide">
          <h2 id="moderate-title">Your decision as moderator</h2>
          <Form method="post" className="stack" noValidate>
            <h3>Accept and start a draft</h3>
            <SelectField
              label="Co-creation mode"
              name="mode"
              defaultValue={keptFor("accept", "mode", proposal.suggestedMode)}
              options={CO_CREATION_MODES.map((m) => ({ value: m, label: CO_CREATION_MODE_LABELS[m] }))}
              error={errorFor("accept", "mode")}
            />
            {decision.leadCandidates.length ? (
              <SelectField
                label="Lead author"
                name="leadId"
                defaultValue={keptFor("accept", "leadId", decision.leadCandidates[0]?.id ?? "")}
                options={decision.leadCandidates.map((p) => ({ value: p.id, label: p.id === proposal.proposerId ? `${p.name} (proposer)` : p.name }))}
                hint="The lead author runs the draft: invites co-authors and submits it for review."
                error={errorFor("accept", "leadId")}
              />
            ) : (
              <p className="field__error">Nobody who could lead this draft is involved yet: the lead must be an alumnus, facilitator or thought leader who can see it.</p>
            )}
            <TextAreaField label="Note to the proposer (optional)" name="reason" rows={2} defaultValue={keptFor("accept", "reason")} error={errorFor("accept", "reason")} />
            <div>
              <button type="submit" name="intent" value="accept" disabled={busy}>
                Accept proposal
              </button>
            </div>
          </Form>
          <Form method="post" className="stack" noValidate>
            <h3>Decline</h3>
            <TextAreaField label="Reason for declining" name="reason" rows={3} required defaultValue={keptFor("decline", "reason")} error={errorFor("decline", "reason")} />
            <div>
              <button type="submit" name="intent" value="decline" className="button--danger" disabled={busy}>
                Decline proposal
              </button>
            </div>
          </Form>
          <Form method="post" className="stack" noValidate>
            <h3>Merge into another proposal</h3>
            {decision.mergeTargets.length ? (
              <>
                <SelectField
                  label="Merge into"
                  name="targetId"
                  defaultValue={keptFor("merge", "targetId")}
                  options={[{ value: "", label: "Choose an open proposal" }, ...decision.mergeTargets.map((t) => ({ value: t.id, label: t.title }))]}
                  hint="Its supporters will support the chosen proposal instead."
                  error={errorFor("merge", "targetId")}
                />
                <TextAreaField label="Note (optional)" name="reason" rows={2} defaultValue={keptFor("merge", "reason")} error={errorFor("merge", "reason")} />
                <div>
                  <button type="submit" name="intent" value="merge" className="button--secondary" disabled={busy}>
                    Merge proposal
                  </button>
                </div>
              </>
            ) : (
              <p className="muted">There is no other open proposal with the same audience to merge into.</p>
            )}
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="discussion-title" className="discussion">
        <h2 id="discussion-title">Discussion ({threads.reduce((n, t) => n + 1 + t.replies.length, 0)})</h2>
        {threads.length === 0 ? <p className="muted">No comments yet. Start the discussion below.</p> : null}
        <ol className="comment-threads">
          {threads.map((thread) => (
            <li key={thread.id} className={thread.resolvedAt ? "comment-thread comment-thread--resolved" : "comment-thread"}>
              <CommentThreadView thread={thread} viewerId={viewer.id} timeZone={viewer.timeZone} />
              <div className="comment-thread__actions">
                {can.comment ? (
                  <details open={postedIntent === "reply" && errors.values.parentId === thread.id}>
                    <summary>Reply</summary>
                    <Form method="post" className="stack" noValidate>
                      <input type="hidden" name="parentId" value={thread.id} />
                      <TextAreaField
                        label={`Your reply to ${thread.authorName}`}
                        name="body"
                        rows={3}
                       
                        defaultValue={errors.values.parentId === thread.id ? keptFor("reply", "body") : ""}
                        error={errors.values.parentId === thread.id ? errorFor("reply", "body") : undefined}
                      />
                      <div>
                        <button type="submit" name="intent" value="reply" disabled={busy}>
                          Post reply
                        </button>
                      </div>
                    </Form>
                  </details>
                ) : null}
                {can.resolve ? (
                  <Form method="post">
                    <input type="hidden" name="commentId" value={thread.id} />
                    <button type="submit" name="intent" value={thread.resolvedAt ? "reopen" : "resolve"} className="link-button" disabled={busy}>
                      {thread.resolvedAt ? "Reopen thread" : "Mark thread resolved"}
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
              label="Add a comment"
              name="body"
              rows={4}
             
              hint="Plain text. Mention someone with @ and their full name, for example @Ann Lee."
              defaultValue={keptFor("comment", "body")}
              error={errorFor("comment", "body")}
            />
            <div>
              <button type="submit" name="intent" value="comment" disabled={busy}>
                Post comment
              </button>
            </div>
          </Form>
        ) : null}
      </section>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
