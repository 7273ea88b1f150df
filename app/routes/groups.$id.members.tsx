// A peer group's members page, for members only: who is in it, the requests
// waiting (with the vote, or the conveners' decision), invitations, the
// conveners' actions and suggested members. Forms are told apart by intent.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { confirmBeforeSubmit } from "~/components/confirm-before-submit";
import { FormError, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { GroupSpaceNav } from "~/components/group-space-nav";
import { TableScroll } from "~/components/table-scroll";
import { useFormat } from "~/components/use-format";
import { findGroupSpace } from "~/domain/groups/load-group.server";
import { changeMemberRole, passOnConvenerRole } from "~/domain/groups/membership/change-member-role.server";
import { decideJoinRequest } from "~/domain/groups/membership/decide-join-request.server";
import { cancelInvitation, inviteToGroup } from "~/domain/groups/membership/invite-to-group.server";
import { loadMembersPage } from "~/domain/groups/membership/load-members-page.server";
import { membersPageSchema } from "~/domain/groups/membership/membership-fields";
import { removeMember } from "~/domain/groups/membership/remove-member.server";
import { voteOnJoinRequest } from "~/domain/groups/membership/vote-on-join-request.server";
import { pageTitle } from "~/domain/i18n/translators";
import { isFormerMember } from "~/domain/people/person-name";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { useFreshFormKey } from "~/forms/use-fresh-form-key";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? "groups:members.titleOf" : "groups:members.title", { group: data?.group.name ?? "" });

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
  const { t } = useTranslation("groups");
  const format = useFormat();
  const posted = errors.values.intent;
  const invitedFromSuggestions = posted === "invite" && Boolean(errors.values.userId);
  const generalError =
    errors.formError ?? (posted !== "invite" ? (errors.fieldErrors.userId ?? errors.fieldErrors.requestId ?? errors.fieldErrors.intent ?? errors.fieldErrors.role ?? errors.fieldErrors.decision ?? errors.fieldErrors.vote) : undefined);

  return (
    <section aria-labelledby="members-title">
      <p className="muted">
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </p>
      <h1 id="members-title">{t("members.heading")}</h1>
      <GroupSpaceNav groupId={group.id} convener={may.convene} programme={group.kind === "programme"} />
      <FormError message={generalError} />

      <p>{group.sizeCap === null ? t("members.countNoLimit", { count: members.length }) : t("members.countOfCap", { count: members.length, cap: group.sizeCap })}</p>
      <TableScroll label={t("members.heading")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("members.columns.name")}</th>
              <th scope="col">{t("members.columns.role")}</th>
              <th scope="col">{t("members.columns.organisation")}</th>
              {may.convene ? <th scope="col">{t("members.columns.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} id={`member-${m.id}`}>
                <th scope="row">
                  {m.id === me.id ? t("members.you", { name: m.name }) : m.name}
                </th>
                <td>{t(`roles.${m.role}`)}</td>
                <td>{m.orgName}</td>
                {may.convene ? (
                  <td>
                    {m.id !== me.id && m.role !== "convener" ? (
                      <div className="button-row">
                        {m.role === "mentor" ? (
                          <ActionButton intent="set-role" fields={{ userId: m.id, role: "member" }} label={t("members.makeMember")} accessibleName={t("members.makeMemberLabel", { name: m.name })} secondary />
                        ) : (
                          <ActionButton intent="set-role" fields={{ userId: m.id, role: "mentor" }} label={t("members.makeMentor")} accessibleName={t("members.makeMentorLabel", { name: m.name })} secondary />
                        )}
                        <ActionButton
                          intent="pass-on"
                          fields={{ userId: m.id }}
                          label={t("members.passOn")}
                          accessibleName={t("members.passOnLabel", { name: m.name })}
                          secondary
                          confirm={t("members.passOnConfirm", { name: m.name })}
                        />
                        <ActionButton intent="remove" fields={{ userId: m.id }} label={t("members.remove")} accessibleName={t("members.removeLabel", { name: m.name })} secondary confirm={t("members.removeConfirm", { name: m.name })} />
                        <ActionButton intent="ban" fields={{ userId: m.id }} label={t("members.ban")} accessibleName={t("members.banLabel", { name: m.name })} secondary confirm={t("members.banConfirm", { name: m.name })} />
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
        <h2 id="requests-title">{t("members.requests")}</h2>
        {requests.length === 0 ? <p className="muted">{t("members.noRequests")}</p> : null}
        {group.joinPolicy === "request" || requests.length ? (
          <p className="muted">{group.joinDecision === "vote" ? t("members.membersVote") : t("members.convenersDecide")}</p>
        ) : null}
        <ul className="cards">
          {requests.map((r) => (
            <li key={r.id} className="card" id={`request-${r.id}`}>
              <h3>{r.name}</h3>
              <p className="muted">
                {t("members.askedOn", { organisation: r.orgName, date: format.date(r.askedAt, viewerZone) })}
              </p>
              {r.message ? <p className="proposal__text">{r.message}</p> : null}
              {r.vote ? (
                <>
                  <p>{t("members.votesSoFar", { yes: r.vote.yes, no: r.vote.no, quorum: r.vote.quorum, members: r.vote.members, date: format.dateTime(r.vote.closesAt, viewerZone) })}</p>
                  {r.vote.mine ? <p>{t(r.vote.mine === "yes" ? "members.yourVoteYes" : "members.yourVoteNo")}</p> : null}
                  {may.vote ? (
                    <div className="button-row">
                      <ActionButton intent="vote" fields={{ requestId: r.id, vote: "yes" }} label={t("members.voteYes")} accessibleName={t("members.voteYesLabel", { name: r.name })} />
                      <ActionButton intent="vote" fields={{ requestId: r.id, vote: "no" }} label={t("members.voteNo")} accessibleName={t("members.voteNoLabel", { name: r.name })} secondary />
                    </div>
                  ) : null}
                </>
              ) : may.decide ? (
                <div className="button-row">
                  <ActionButton intent="decide" fields={{ requestId: r.id, decision: "accept" }} label={t("members.accept")} accessibleName={t("members.acceptLabel", { name: r.name })} />
                  <ActionButton intent="decide" fields={{ requestId: r.id, decision: "decline" }} label={t("members.decline")} accessibleName={t("members.declineLabel", { name: r.name })} secondary />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section id="invitations" aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t("members.invitations")}</h2>
        {invitations.length === 0 ? <p className="muted">{t("members.noInvitations")}</p> : null}
        <ul>
          {invitations.map((i) => (
            <li key={i.id}>
              {t(isFormerMember(i.invitedBy) ? "members.invitedByFormer" : "members.invitedBy", { name: i.name, organisation: i.orgName, by: i.invitedBy, date: format.date(i.invitedAt, viewerZone) })}{" "}
              {i.mayCancel ? <ActionButton intent="cancel-invitation" fields={{ requestId: i.id }} label={t("members.cancel")} accessibleName={t("members.cancelLabel", { name: i.name })} secondary /> : null}
            </li>
          ))}
        </ul>
        {may.invite ? (
          <Form key={fresh("invite")} method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <TextField
              label={t("members.inviteByEmail")}
              name="email"
              type="email"
              autoComplete="off"
              hint={t("members.inviteHint")}
              defaultValue={posted === "invite" && !invitedFromSuggestions ? errors.value("email", "") : ""}
              error={posted === "invite" && !invitedFromSuggestions ? errors.fieldErrors.email : undefined}
            />
            <div>
              <button type="submit" disabled={busy}>
                {t("members.sendInvitation")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      {group.kind === "peer" ? (
        <section id="suggestions" aria-labelledby="suggestions-title">
          <h2 id="suggestions-title">{t("members.suggestions")}</h2>
          <p className="muted">
            {t("members.suggestionsIntro", { field: group.field })} <Link to="/people">{t("members.searchDirectory")}</Link>
          </p>
          <FormError message={invitedFromSuggestions ? errors.fieldErrors.userId : undefined} />
          {suggestions.length === 0 ? <p>{t("members.noSuggestions")}</p> : null}
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
                <p>{s.metMembers === 0 ? t("members.newConnection") : t("members.alreadyMet", { count: s.metMembers })}</p>
                {may.invite ? <ActionButton intent="invite" fields={{ userId: s.id }} label={t("members.invite")} accessibleName={t("members.inviteLabel", { name: s.name })} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
