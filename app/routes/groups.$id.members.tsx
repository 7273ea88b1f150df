// A peer group's members page, for members only: who is in it, the requests
// waiting (with the vote, or the conveners' decision), invitations, the
// conveners' actions and suggested members. Forms are told apart by intent.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { confirmBeforeSubmit } from "~/components/confirm-before-submit";
import { FormError, TextField } from "~/components/form-fields";
import { formatDateInZone, formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { GroupSpaceNav } from "~/components/group-space-nav";
import { TableScroll } from "~/components/table-scroll";
import { GROUP_ROLE_LABELS } from "~/domain/groups/group-fields";
import { findGroupSpace } from "~/domain/groups/load-group.server";
import { changeMemberRole, passOnConvenerRole } from "~/domain/groups/membership/change-member-role.server";
import { decideJoinRequest } from "~/domain/groups/membership/decide-join-request.server";
import { cancelInvitation, inviteToGroup } from "~/domain/groups/membership/invite-to-group.server";
import { loadMembersPage } from "~/domain/groups/membership/load-members-page.server";
import { membersInWords, membersPageSchema } from "~/domain/groups/membership/membership-fields";
import { removeMember } from "~/domain/groups/membership/remove-member.server";
import { voteOnJoinRequest } from "~/domain/groups/membership/vote-on-join-request.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { useFreshFormKey } from "~/forms/use-fresh-form-key";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Members · ${data.group.name} · Roundtable` : "Members · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await loadMembersPage(context.services.db, user, params.id ?? "");
  return json({ ...page, viewerZone: user.timeZone });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // A non-member gets a 404 whatever the form says.
  const { id } = await findGroupSpace(db, user, params.id ?? "");
  const formData = await readFormData(request);
  const here = `/groups/${id}/members`;
  return submitForm(formData, membersPageSchema, async (input) => {
    switch (input.intent) {
      case "invite":
        await inviteToGroup(db, user, id, input.userId ? { id: input.userId } : { email: input.email });
        return redirect(`${here}#invitations`);
      case "cancel-invitation":
        await cancelInvitation(db, user, id, input.requestId);
        return redirect(`${here}#invitations`);
      case "decide":
        await decideJoinRequest(db, user, id, input.requestId, input.decision);
        return redirect(`${here}#requests`);
      case "vote":
        await voteOnJoinRequest(db, user, id, input.requestId, input.vote);
        return redirect(`${here}#requests`);
      case "remove":
      case "ban":
        await removeMember(db, user, id, input.userId, { ban: input.intent === "ban" });
        // The group's break-out notes close for them now, on every process.
        context.services.accessRevocations.announce([input.userId]);
        return redirect(here);
      case "set-role":
        await changeMemberRole(db, user, id, input.userId, input.role);
        return redirect(`${here}#member-${input.userId}`);
      case "pass-on":
        await passOnConvenerRole(db, user, id, input.userId);
        return redirect(here);
    }
  });
}

/** One small form: the intent, hidden fields, and a button with a name that says what and for whom. `confirm` asks first, for what cannot be undone with a click. */
function ActionButton({
  intent,
  fields,
  label,
  accessibleName,
  secondary,
  confirm,
}: {
  intent: string;
  fields: Record<string, string>;
  label: string;
  accessibleName: string;
  secondary?: boolean;
  confirm?: string;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form
      method="post"
      className="inline-form"
      onSubmit={confirmBeforeSubmit(confirm)}
    >
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={secondary ? "button--secondary button--small" : "button--small"} aria-label={accessibleName} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

export default function GroupMembers() {
  const { group, me, members, requests, invitations, suggestions, may, viewerZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  // Forms that add something empty themselves after it is saved; a refusal keeps the text.
  const fresh = useFreshFormKey();
  const busy = useNavigation().state === "submitting";
  const posted = errors.values.intent;
  const invitedFromSuggestions = posted === "invite" && Boolean(errors.values.userId);
  const generalError =
    errors.formError ?? (posted !== "invite" ? (errors.fieldErrors.userId ?? errors.fieldErrors.requestId ?? errors.fieldErrors.intent ?? errors.fieldErrors.role ?? errors.fieldErrors.decision ?? errors.fieldErrors.vote) : undefined);

  return (
    <section aria-labelledby="members-title">
      <p className="muted">
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </p>
      <h1 id="members-title">Members</h1>
      <GroupSpaceNav groupId={group.id} convener={may.convene} programme={group.kind === "programme"} />
      <FormError message={generalError} />

      <p>{membersInWords(members.length, group.sizeCap)} members.</p>
      <TableScroll label="Members">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Organisation</th>
              {may.convene ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} id={`member-${m.id}`}>
                <th scope="row">
                  {m.name}
                  {m.id === me.id ? " (you)" : ""}
                </th>
                <td>{GROUP_ROLE_LABELS[m.role]}</td>
                <td>{m.orgName}</td>
                {may.convene ? (
                  <td>
                    {m.id !== me.id && m.role !== "convener" ? (
                      <div className="button-row">
                        {m.role === "mentor" ? (
                          <ActionButton intent="set-role" fields={{ userId: m.id, role: "member" }} label="Make member" accessibleName={`Make ${m.name} a member`} secondary />
                        ) : (
                          <ActionButton intent="set-role" fields={{ userId: m.id, role: "mentor" }} label="Make mentor" accessibleName={`Make ${m.name} a mentor`} secondary />
                        )}
                        <ActionButton
                          intent="pass-on"
                          fields={{ userId: m.id }}
                          label="Pass on convener role"
                          accessibleName={`Pass on the convener role to ${m.name}`}
                          secondary
                          confirm={`Make ${m.name} the convener? You become a member and can no longer run the group.`}
                        />
                        <ActionButton intent="remove" fields={{ userId: m.id }} label="Remove" accessibleName={`Remove ${m.name}`} secondary confirm={`Remove ${m.name} from the group? They can ask to join again.`} />
                        <ActionButton intent="ban" fields={{ userId: m.id }} label="Ban" accessibleName={`Ban ${m.name}`} secondary confirm={`Ban ${m.name}? They leave the group and cannot join, ask or be invited again.`} />
                      </div>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <section id="requests" aria-labelledby="requests-title">
        <h2 id="requests-title">Requests to join</h2>
        {requests.length === 0 ? <p className="muted">No requests are waiting.</p> : null}
        {group.joinPolicy === "request" || requests.length ? (
          <p className="muted">{group.joinDecision === "vote" ? "The members vote on each request." : "The conveners decide on each request."}</p>
        ) : null}
        <ul className="cards">
          {requests.map((r) => (
            <li key={r.id} className="card" id={`request-${r.id}`}>
              <h3>{r.name}</h3>
              <p className="muted">
                {r.orgName} · asked on {formatDateInZone(r.askedAt, viewerZone)}
              </p>
              {r.message ? <p className="proposal__text">{r.message}</p> : null}
              {r.vote ? (
                <>
                  <p>
                    Votes so far: {r.vote.yes} yes, {r.vote.no} no. {r.vote.quorum} of {r.vote.members} members must vote. The vote closes {formatDateTimeInZone(r.vote.closesAt, viewerZone)}.
                  </p>
                  {r.vote.mine ? <p>Your vote: {r.vote.mine === "yes" ? "yes" : "no"}. You can change it until the vote closes.</p> : null}
                  {may.vote ? (
                    <div className="button-row">
                      <ActionButton intent="vote" fields={{ requestId: r.id, vote: "yes" }} label="Vote yes" accessibleName={`Vote yes for ${r.name}`} />
                      <ActionButton intent="vote" fields={{ requestId: r.id, vote: "no" }} label="Vote no" accessibleName={`Vote no for ${r.name}`} secondary />
                    </div>
                  ) : null}
                </>
              ) : may.decide ? (
                <div className="button-row">
                  <ActionButton intent="decide" fields={{ requestId: r.id, decision: "accept" }} label="Accept" accessibleName={`Accept ${r.name}`} />
                  <ActionButton intent="decide" fields={{ requestId: r.id, decision: "decline" }} label="Decline" accessibleName={`Decline ${r.name}`} secondary />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section id="invitations" aria-labelledby="invitations-title">
        <h2 id="invitations-title">Invitations</h2>
        {invitations.length === 0 ? <p className="muted">No invitations are waiting for an answer.</p> : null}
        <ul>
          {invitations.map((i) => (
            <li key={i.id}>
              {i.name} ({i.orgName}), invited by {i.invitedBy ?? "a former member"} on {formatDateInZone(i.invitedAt, viewerZone)}{" "}
              {i.mayCancel ? <ActionButton intent="cancel-invitation" fields={{ requestId: i.id }} label="Cancel" accessibleName={`Cancel the invitation of ${i.name}`} secondary /> : null}
            </li>
          ))}
        </ul>
        {may.invite ? (
          <Form key={fresh("invite")} method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <TextField
              label="Invite someone by email"
              name="email"
              type="email"
              autoComplete="off"
              hint="An alumnus who may join this group. They decide on the group's page."
              defaultValue={posted === "invite" && !invitedFromSuggestions ? errors.value("email", "") : ""}
              error={posted === "invite" && !invitedFromSuggestions ? errors.fieldErrors.email : undefined}
            />
            <div>
              <button type="submit" disabled={busy}>
                Send invitation
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      {group.kind === "peer" ? (
        <section id="suggestions" aria-labelledby="suggestions-title">
          <h2 id="suggestions-title">Suggested members</h2>
          <p className="muted">
            Alumni listed in the directory whose expertise matches “{group.field}”, people the members have not met in a group first.{" "}
            <Link to="/people">Search the directory</Link>
          </p>
          <FormError message={invitedFromSuggestions ? errors.fieldErrors.userId : undefined} />
          {suggestions.length === 0 ? <p>No suggestions right now.</p> : null}
          <ul className="cards">
            {suggestions.map((s) => (
              <li key={s.id} className="card">
                <h3>{s.name}</h3>
                {s.orgName ? <p className="muted">{s.orgName}</p> : null}
                <p>
                  {s.matchedTags.map((t) => (
                    <span key={t} className="tag">
                      {t}
                    </span>
                  ))}
                </p>
                <p>{s.metMembers === 0 ? "A new connection: not in a group with any member yet." : `Already in a group with ${s.metMembers} ${s.metMembers === 1 ? "member" : "members"}.`}</p>
                {may.invite ? <ActionButton intent="invite" fields={{ userId: s.id }} label="Invite" accessibleName={`Invite ${s.name}`} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
