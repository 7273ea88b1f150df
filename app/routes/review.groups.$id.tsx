// A new peer group waiting for a moderator of its organisation: approve it
// and it starts with the people who gathered, or decline it with a reason
// and it is removed. Anyone else gets a 404.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextAreaField } from "~/components/form-fields";
import { formatDateInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { approveGroup, declineGroup, loadGroupForApproval } from "~/domain/groups/approve-group.server";
import { GROUP_STATUS_LABELS, JOIN_DECISION_LABELS, JOIN_POLICY_LABELS, MAX_DECLINE_REASON_LENGTH } from "~/domain/groups/group-fields";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "New peer group · Review · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const group = await loadGroupForApproval(context.services.db, user, params.id ?? "");
  return json({ group, timeZone: user.timeZone });
}

const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("approve") }),
    z.object({ intent: z.literal("decline"), reason: z.string().trim().max(MAX_DECLINE_REASON_LENGTH, `Keep the reason under ${MAX_DECLINE_REASON_LENGTH.toLocaleString("en-GB")} characters.`).default("") }),
  ],
  { errorMap: () => ({ message: "Choose approve or decline." }) },
);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const id = params.id ?? "";
  // Answers 404 before reading the form for anyone who may not decide on this group.
  await loadGroupForApproval(context.services.db, user, id);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (data) => {
    if (data.intent === "approve") {
      await approveGroup(context.services.db, user, id);
      return redirect(`/review/groups/${id}`);
    }
    await declineGroup(context.services.db, user, id, data.reason);
    return redirect("/review");
  });
}

export default function GroupApproval() {
  const { group, timeZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const waiting = group.status === "awaiting_approval";
  return (
    <article aria-labelledby="group-title">
      <p className="muted">
        <Link to="/review">Review queue</Link>
      </p>
      <h1 id="group-title">New peer group: {group.name}</h1>
      <FormError message={errors.formError ?? errors.fieldErrors.intent} />
      <p data-testid="group-status">
        <strong>{GROUP_STATUS_LABELS[group.status]}</strong>
      </p>
      <dl className="facts">
        <div>
          <dt>Field</dt>
          <dd>{group.field}</dd>
        </div>
        <div>
          <dt>Founded by</dt>
          <dd>
            {group.founderName ?? "a former member"} of {group.orgName}, on {formatDateInZone(group.createdAt, timeZone)}
          </dd>
        </div>
        <div>
          <dt>How people join</dt>
          <dd>
            {JOIN_POLICY_LABELS[group.joinPolicy]}
            {group.joinPolicy === "request" ? ` (${JOIN_DECISION_LABELS[group.joinDecision].toLowerCase()})` : ""}
          </dd>
        </div>
        <div>
          <dt>Other organisations</dt>
          <dd>{group.crossOrg ? "People from other organisations are welcome" : `Only for people of ${group.orgName}`}</dd>
        </div>
        <div>
          <dt>Size cap</dt>
          <dd>{group.sizeCap ?? "None"}</dd>
        </div>
      </dl>
      <h2>Charter</h2>
      <p className="proposal__text">{group.charter}</p>
      {group.interested.length ? (
        <>
          <h2>Interested people</h2>
          <ul>
            {group.interested.map((p, i) => (
              <li key={i}>
                {p.name}
                {p.department ? <span className="muted"> · {p.department}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {waiting ? (
        <section aria-labelledby="decide-title" className="review-panel">
          <h2 id="decide-title">Your decision</h2>
          {group.foundedByMe ? (
            <p className="muted">You founded this group, so another moderator must approve it.</p>
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="approve">
                Approve the group
              </button>
            </Form>
          )}
          <Form method="post" className="stack">
            <TextAreaField
              label="Reason for declining"
              name="reason"
              rows={3}
              hint="The founder and everyone interested read this. Declining removes the group."
              defaultValue={errors.value("reason", "")}
              error={errors.fieldErrors.reason}
            />
            <div>
              <button type="submit" name="intent" value="decline" className="button--danger">
                Decline the group
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
