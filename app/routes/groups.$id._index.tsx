// A group's page (a peer group, or a programme group for its members): what
// it is for and how people join it, with the one action that fits the
// viewer; for members, the tabs of the group space and the next meeting.
// Forms are told apart by their intent.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { GroupSpaceNav } from "~/components/group-space-nav";
import { useFormat } from "~/components/use-format";
import { expressInterest, withdrawInterest } from "~/domain/groups/express-interest.server";

import { answerInvitation } from "~/domain/groups/membership/answer-invitation.server";
import { askToJoin, withdrawJoinRequest } from "~/domain/groups/membership/ask-to-join.server";
import { findGroupToJoin } from "~/domain/groups/membership/group-reach.server";
import { joinGroup } from "~/domain/groups/membership/join-group.server";
import { leaveGroup } from "~/domain/groups/membership/leave-group.server";
import { loadGroupPage } from "~/domain/groups/membership/load-group-page.server";
import { groupPageSchema } from "~/domain/groups/membership/membership-fields";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { isAlumnus } from "~/domain/policy";
import { formatSlot } from "~/domain/reunions/format-slot";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "groups:page.titleOf", { name: data.group.name }) : pageTitle(matches, "groups:page.title");

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
        context.services.accessRevocations.announce([user.id]);
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
  const { t } = useTranslation("groups");
  const format = useFormat();
  const policy = group.joinPolicy === "request" ? `request_${group.joinDecision === "vote" ? "vote" : "conveners"}` : group.joinPolicy;
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
          <Link to="/groups">{t("common:nav.groups")}</Link> · {t(`statuses.${group.status}`)}
        </p>
        <h1 id="group-title">{group.name}</h1>
        <p className="lead">{group.field}</p>
      </header>
      {role ? (
        <>
          <GroupSpaceNav groupId={group.id} convener={may.convene} programme={!peer} />
          <p>{t(`page.youAre.${role}`)}</p>
          <p>
            {nextMeeting ? (
              <>
                {t("page.nextMeeting")} <Link to={`/groups/${group.id}/meetings/${nextMeeting.id}`}>{nextMeeting.title}</Link>
                {t("page.nextMeetingWhen", { when: formatSlot(nextMeeting.startsAt, nextMeeting.endsAt, viewerZone, format.language) })}{" "}
              </>
            ) : (
              `${t("page.noMeeting")} `
            )}
            <Link to={`/groups/${group.id}/meetings`}>{t("page.allMeetings")}</Link>
          </p>
        </>
      ) : null}
      <dl className="facts">
        <dt>{t("people:card.organisation")}</dt>
        <dd>{group.orgName}</dd>
        {peer ? (
          <>
            <dt>{t("list.policy")}</dt>
            <dd>{t(`page.policies.${policy}`)}</dd>
            <dt>{t("page.otherOrganisations")}</dt>
            <dd>{group.crossOrg ? t("page.crossOrg") : t("page.onlyOrg", { organisation: group.orgName })}</dd>
          </>
        ) : null}
        <dt>{t("space.members")}</dt>
        <dd>{group.sizeCap === null ? t("page.membersNoLimit", { count: group.members }) : t("page.membersOfCap", { count: group.members, cap: group.sizeCap })}</dd>
        <dt>{t("page.status")}</dt>
        <dd>{t(`statuses.${group.status}`)}</dd>
      </dl>
      <section aria-labelledby="charter-title">
        <h2 id="charter-title">{t("settings.fields.charter")}</h2>
        <p className="proposal__text">{group.charter || t("page.noCharter")}</p>
      </section>

      <section id="membership" aria-labelledby="membership-title">
        <h2 id="membership-title">{role ? t("page.yourMembership") : t("page.joining")}</h2>
        <FormError message={errors.formError} />
        {!peer ? (
          <p>{t("page.programmeGroup")}</p>
        ) : role ? (
          button("leave", t("page.leave"), true)
        ) : myInvitation ? (
          <>
            <p>
              {t("page.invitedOn", { name: myInvitation.invitedBy === null ? t("page.aMember") : personName(myInvitation.invitedBy, t), date: format.date(myInvitation.invitedAt, viewerZone) })}
            </p>
            <div className="button-row">
              {button("accept-invitation", t("page.acceptInvitation"))}
              {button("decline-invitation", t("page.decline"), true)}
            </div>
          </>
        ) : myRequest ? (
          <>
            <p>{t("page.askedOn", { date: format.date(myRequest.askedAt, viewerZone) })}</p>
            {button("withdraw-request", t("page.withdrawRequest"), true)}
          </>
        ) : may.registerInterest ? (
          interested ? (
            <>
              <Notice>{t("page.interested")}</Notice>
              {button("withdraw-interest", t("page.withdrawInterest"), true)}
            </>
          ) : (
            <>
              <p>{t("page.gatheringBeforeStart")}</p>
              {button("interest", t("page.interest"))}
            </>
          )
        ) : !alumnus ? (
          <p>{t("page.alumniOnly")}</p>
        ) : group.status !== "active" ? (
          <p>{group.status === "awaiting_approval" ? t("page.awaitingApproval") : t("page.gathering")}</p>
        ) : full && (may.join || may.ask) ? (
          <p>{t("page.full", { count: group.members, cap: group.sizeCap })}</p>
        ) : may.join ? (
          button("join", t("page.join"))
        ) : may.ask ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="ask" />
            <TextAreaField
              label={t("page.askMessage")}
              name="message"
              rows={3}
              maxLength={1000}
              hint={t("page.askMessageHint")}
              defaultValue={errors.value("message", "")}
              error={errors.fieldErrors.message}
            />
            <div>
              <button type="submit" disabled={busy}>
                {t("page.ask")}
              </button>
            </div>
          </Form>
        ) : (
          <p>{t("page.inviteOnly")}</p>
        )}
      </section>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
