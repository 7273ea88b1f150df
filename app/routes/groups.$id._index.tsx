// A group's page (a peer group, or a programme group for its members): what
// it is for and how people join it, with the one action that fits the
// viewer; for members, the tabs of the group space and the next meeting.
// Forms are told apart by their intent.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, Notice, TextAreaField } from "~/components/form-fields";
import { formatDateInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { GroupSpaceNav } from "~/components/group-space-nav";
import { expressInterest, withdrawInterest } from "~/domain/groups/express-interest.server";
import { GROUP_ROLE_LABELS, GROUP_STATUS_LABELS } from "~/domain/groups/group-fields";
import { answerInvitation } from "~/domain/groups/membership/answer-invitation.server";
import { askToJoin, withdrawJoinRequest } from "~/domain/groups/membership/ask-to-join.server";
import { findGroupToJoin } from "~/domain/groups/membership/group-reach.server";
import { joinGroup } from "~/domain/groups/membership/join-group.server";
import { leaveGroup } from "~/domain/groups/membership/leave-group.server";
import { loadGroupPage } from "~/domain/groups/membership/load-group-page.server";
import { groupPageSchema, joinPolicyInWords, membersInWords, PROGRAMME_GROUP } from "~/domain/groups/membership/membership-fields";
import { isAlumnus } from "~/domain/policy";
import { formatSlot } from "~/domain/reunions/format-slot";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.group.name} · Groups · Roundtable` : "Group · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await loadGroupPage(context.services.db, user, params.id ?? "");
  return json({ ...page, alumnus: isAlumnus(user), viewerZone: user.timeZone });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // Someone who may not see the group gets its 404 (or the organisations' reason) whatever the form says.
  const { id } = await findGroupToJoin(db, user, params.id ?? "");
  const formData = await readFormData(request);
  const here = `/groups/${id}`;
  return submitForm(formData, groupPageSchema, async (input) => {
    switch (input.intent) {
      case "join":
        await joinGroup(db, user, id);
        return redirect(here);
      case "ask":
        await askToJoin(db, user, id, input.message);
        return redirect(`${here}#membership`);
      case "withdraw-request":
        await withdrawJoinRequest(db, user, id);
        return redirect(`${here}#membership`);
      case "accept-invitation":
      case "decline-invitation":
        await answerInvitation(db, user, id, input.intent === "accept-invitation");
        return redirect(here);
      case "interest":
        await expressInterest(db, user, id);
        return redirect(`${here}#membership`);
      case "withdraw-interest":
        await withdrawInterest(db, user, id);
        return redirect(`${here}#membership`);
      case "leave":
        await leaveGroup(db, user, id);
        return redirect("/groups");
    }
  });
}

export default function GroupPage() {
  const { group, role, nextMeeting, myRequest, myInvitation, interested, may, alumnus, viewerZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const full = group.sizeCap !== null && group.members >= group.sizeCap;
  const peer = group.kind === "peer";
  const button = (intent: string, label: string, secondary = false) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={secondary ? "button--secondary" : undefined} disabled={busy}>
        {label}
      </button>
    </Form>
  );

  return (
    <article aria-labelledby="group-title">
      <header>
        <p className="muted">
          <Link to="/groups">Groups</Link> · {GROUP_STATUS_LABELS[group.status]}
        </p>
        <h1 id="group-title">{group.name}</h1>
        <p className="lead">{group.field}</p>
      </header>
      {role ? (
        <>
          <GroupSpaceNav groupId={group.id} convener={may.convene} programme={!peer} />
          <p>You are {role === "member" ? "a member" : `a ${GROUP_ROLE_LABELS[role].toLowerCase()}`} of this group.</p>
          <p>
            {nextMeeting ? (
              <>
                Next meeting: <Link to={`/groups/${group.id}/meetings/${nextMeeting.id}`}>{nextMeeting.title}</Link>, {formatSlot(nextMeeting.startsAt, nextMeeting.endsAt, viewerZone)}.{" "}
              </>
            ) : (
              "No meeting planned yet. "
            )}
            <Link to={`/groups/${group.id}/meetings`}>All the group’s meetings</Link>
          </p>
        </>
      ) : null}
      <dl className="facts">
        <dt>Organisation</dt>
        <dd>{group.orgName}</dd>
        {peer ? (
          <>
            <dt>How people join</dt>
            <dd>{joinPolicyInWords(group)}</dd>
            <dt>Other organisations</dt>
            <dd>{group.crossOrg ? "Welcome, where both organisations allow it" : `Only people of ${group.orgName}`}</dd>
          </>
        ) : null}
        <dt>Members</dt>
        <dd>{membersInWords(group.members, group.sizeCap)}</dd>
        <dt>Status</dt>
        <dd>{GROUP_STATUS_LABELS[group.status]}</dd>
      </dl>
      <section aria-labelledby="charter-title">
        <h2 id="charter-title">Charter</h2>
        <p className="proposal__text">{group.charter || "The group has not written its charter yet."}</p>
      </section>

      <section id="membership" aria-labelledby="membership-title">
        <h2 id="membership-title">{role ? "Your membership" : "Joining"}</h2>
        <FormError message={errors.formError} />
        {!peer ? (
          <p>{PROGRAMME_GROUP}</p>
        ) : role ? (
          button("leave", "Leave group", true)
        ) : myInvitation ? (
          <>
            <p>
              {myInvitation.invitedBy ?? "A member"} invited you on {formatDateInZone(myInvitation.invitedAt, viewerZone)}.
            </p>
            <div className="button-row">
              {button("accept-invitation", "Accept invitation")}
              {button("decline-invitation", "Decline", true)}
            </div>
          </>
        ) : myRequest ? (
          <>
            <p>You asked on {formatDateInZone(myRequest.askedAt, viewerZone)}. The group has not decided yet.</p>
            {button("withdraw-request", "Withdraw request", true)}
          </>
        ) : may.registerInterest ? (
          interested ? (
            <>
              <Notice>You are interested. You will hear when the group starts.</Notice>
              {button("withdraw-interest", "Withdraw interest", true)}
            </>
          ) : (
            <>
              <p>This group is gathering interest before it starts.</p>
              {button("interest", "I'm interested")}
            </>
          )
        ) : !alumnus ? (
          <p>Peer groups are for alumni of the programme.</p>
        ) : group.status !== "active" ? (
          <p>{group.status === "awaiting_approval" ? "This group is waiting for a moderator's approval." : "This group is gathering interest."}</p>
        ) : full && (may.join || may.ask) ? (
          <p>
            This group is full ({group.members} of {group.sizeCap}).
          </p>
        ) : may.join ? (
          button("join", "Join")
        ) : may.ask ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="ask" />
            <TextAreaField
              label="A message to the group (optional)"
              name="message"
              rows={3}
              maxLength={1000}
              hint="Say what you would bring and hope to learn."
              defaultValue={errors.value("message", "")}
              error={errors.fieldErrors.message}
            />
            <div>
              <button type="submit" disabled={busy}>
                Ask to join
              </button>
            </div>
          </Form>
        ) : (
          <p>This group admits people by invitation only. A member can invite you.</p>
        )}
      </section>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
