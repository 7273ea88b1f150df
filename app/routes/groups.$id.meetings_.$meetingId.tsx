// One meeting of a peer group: its date and module, "did you try it?" for
// the actions of the meeting before, and the group's take-aways and actions
// from this one. Members only; a meeting of another group is a 404.
// (meetings_ : this page is not nested in the meetings list.)
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { FormError, RadioGroup, SelectField, TextAreaField } from "~/components/form-fields";
import { GroupSpaceNav } from "~/components/group-space-nav";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { useFormat } from "~/components/use-format";
import { followUpAction } from "~/domain/groups/meetings/follow-up-action.server";
import { findGroupMeeting } from "~/domain/groups/meetings/group-meeting.server";
import { loadGroupMeetingPage } from "~/domain/groups/meetings/load-meeting-page.server";
import { actionSchema, FOLLOW_UPS, followUpSchema, MAX_FOLLOW_UP_NOTE_LENGTH, MAX_NOTE_LENGTH, takeawaySchema } from "~/domain/groups/meetings/meeting-fields";
import { addMeetingNote } from "~/domain/groups/meetings/meeting-notes.server";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { formatSlot } from "~/domain/reunions/format-slot";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { useFreshFormKey } from "~/forms/use-fresh-form-key";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? "groups:meeting.titleOf" : "groups:meeting.title", { meeting: data?.meeting.title ?? "", group: data?.group.name ?? "" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await loadGroupMeetingPage(context.services.db, user, params.id ?? "", params.meetingId ?? "");
  return json({ ...page, viewer: { id: user.id, timeZone: user.timeZone } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // A non-member, or a meeting of another group, is a 404 whatever the form says.
  const { group, meeting } = await findGroupMeeting(db, user, params.id ?? "", params.meetingId ?? "");
  const formData = await readFormData(request);
  const here = `/groups/${group.id}/meetings/${meeting.id}`;
  switch (formData.get("intent")) {
    case "takeaway":
      return submitForm(formData, takeawaySchema, async (input) => {
        await addMeetingNote(db, user, group.id, meeting.id, { kind: "takeaway", text: input.text });
        return redirect(`${here}#takeaways`);
      });
    case "action":
      return submitForm(formData, actionSchema, async (input) => {
        await addMeetingNote(db, user, group.id, meeting.id, { kind: "action", text: input.text, ownerId: input.ownerId });
        return redirect(`${here}#actions`);
      });
    case "follow-up":
      return submitForm(formData, followUpSchema, async (input) => {
        await followUpAction(db, user, group.id, input.noteId, input);
        return redirect(`${here}#follow-up`);
      });
    default:
      return invalid(formData, { form: "org:settings.errors.unknownIntent" });
  }
}

export default function GroupMeeting() {
  const { group, meeting, module, takeaways, actions, previous, members, sharedTakeaways, mayWrite, mayRun, viewer } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  // A take-away or action once added empties its form; a refusal keeps the input.
  const freshForm = useFreshFormKey();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("groups");
  const format = useFormat();
  const posted = errors.values.intent;
  const kept = (intent: string, name: string, fallback = "") => (posted === intent ? (errors.value(name, fallback) ?? fallback) : fallback);
  const errorFor = (intent: string, name: string) => (posted === intent ? errors.fieldErrors[name] : undefined);
  const generalError = errors.formError ?? errors.fieldErrors.noteId;

  return (
    <article aria-labelledby="meeting-title">
      <p className="muted">
        <Link to={`/groups/${group.id}`}>{group.name}</Link> · <Link to={`/groups/${group.id}/meetings`}>{t("meeting.allMeetings")}</Link>
      </p>
      <h1 id="meeting-title">{meeting.title}</h1>
      <GroupSpaceNav groupId={group.id} convener={group.convener} />
      <p>
        {meeting.startsAt && meeting.endsAt ? formatSlot(meeting.startsAt, meeting.endsAt, viewer.timeZone, format.language) : t("meetings.noDate")}
        {meeting.status !== "scheduled" ? <strong> · {t(`reunions:statuses.${meeting.status}`)}</strong> : null}
      </p>
      {meeting.location || meeting.onlineUrl ? <p className="muted comment__body">{[meeting.location, meeting.onlineUrl].filter(Boolean).join(" · ")}</p> : null}
      {meeting.status === "cancelled" ? (
        <p className="notice" role="status">
          <Trans t={t} i18nKey="meeting.cancelled" components={{ a: <Link to={`/reunions/${meeting.id}`} /> }} />
        </p>
      ) : (
        <p>
          <Link to={`/reunions/${meeting.id}`}>{meeting.over ? t("meeting.whoWent") : t("meeting.answer")}</Link>
          {mayRun ? (
            <>
              {" · "}
              <Link to={`/reunions/${meeting.id}/edit`}>{t("meeting.change")}</Link>
            </>
          ) : null}
        </p>
      )}
      <p>
        {t("meetings.module")}{" "}
        {module ? (
          module.readable ? (
            <>
              <Link to={`/modules/${module.slug}`}>{module.title}</Link> · <Link to={`/modules/${module.slug}/session`}>{t("meeting.runSession")}</Link>
            </>
          ) : (
            <>{t("meetings.notAvailable", { title: module.title })}</>
          )
        ) : meeting.status === "cancelled" ? (
          t("meeting.noneChosen")
        ) : (
          <Trans t={t} i18nKey="meeting.notChosen" components={{ a: <Link to={`/groups/${group.id}/meetings#meeting-${meeting.id}`} /> }} />
        )}
      </p>
      <FormError message={generalError} />

      {previous ? (
        <section aria-labelledby="follow-up-title" id="follow-up" className="card">
          <h2 id="follow-up-title">{t("meeting.followUp")}</h2>
          <p className="muted">
            {previous.startsAt ? t("meeting.actionsFromOn", { title: previous.title, date: format.date(previous.startsAt, viewer.timeZone) }) : t("meeting.actionsFrom", { title: previous.title })}
          </p>
          {previous.actions.length === 0 ? <p>{t("meeting.noActionsLastTime")}</p> : null}
          <ul className="takeaway-list">
            {previous.actions.map((a) => {
              const answeringThis = posted === "follow-up" && errors.values.noteId === a.id;
              return (
                <li key={a.id}>
                  <p>
                    <Trans t={t} i18nKey="meeting.willTry" values={{ name: personName(a.ownerName, t), text: a.text }} components={{ strong: <strong />, text: <span className="comment__body" /> }} />
                  </p>
                  {a.followUp ? (
                    <p>
                      <strong>{t(`programme:followUp.answers.${a.followUp}`)}</strong>
                      {a.followUpNote ? <span className="comment__body"> — {a.followUpNote}</span> : null}
                      {a.followedUpAt ? <span className="muted"> · {format.dateTime(a.followedUpAt, viewer.timeZone)}</span> : null}
                    </p>
                  ) : (
                    <p className="muted">{t("meeting.noAnswer")}</p>
                  )}
                  {a.mayAnswer ? (
                    <Form method="post" className="stack" noValidate>
                      <input type="hidden" name="noteId" value={a.id} />
                      <RadioGroup
                        legend={t(a.ownerId === viewer.id ? "meeting.didYouTry" : "meeting.didTheyTry", { name: personName(a.ownerName, t), text: a.text.length > 60 ? `${a.text.slice(0, 59)}…` : a.text })}
                        name="followUp"
                        selected={answeringThis ? errors.value("followUp") : (a.followUp ?? undefined)}
                        options={FOLLOW_UPS.map((f) => ({ value: f, label: t(`programme:followUp.answers.${f}`) }))}
                        error={answeringThis ? errors.fieldErrors.followUp : undefined}
                      />
                      <TextAreaField
                        label={t("meeting.whatCameOfIt")}
                        name="followUpNote"
                        rows={2}
                        maxLength={MAX_FOLLOW_UP_NOTE_LENGTH}
                        defaultValue={answeringThis ? errors.value("followUpNote", "") : a.followUpNote}
                        error={answeringThis ? errors.fieldErrors.followUpNote : undefined}
                      />
                      <div>
                        <button type="submit" name="intent" value="follow-up" className="button--secondary" disabled={busy}>
                          <Trans t={t} i18nKey="meeting.saveAnswer" values={{ text: a.text }} components={{ hidden: <span className="visually-hidden" /> }} />
                        </button>
                      </div>
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="takeaways-title" id="takeaways">
        <h2 id="takeaways-title">{t("meeting.takeaways")}</h2>
        {takeaways.length === 0 ? <p className="muted">{t("meeting.noTakeaways")}</p> : null}
        <ul className="takeaway-list">
          {takeaways.map((n) => (
            <li key={n.id}>
              <p className="comment__body">{n.text}</p>
              <p className="muted">{personName(n.authorName, t)}</p>
            </li>
          ))}
        </ul>
        {mayWrite ? (
          <Form method="post" className="stack wide" noValidate key={freshForm("takeaway")}>
            <TextAreaField label={t("meeting.takeawayLabel")} name="text" rows={3} maxLength={MAX_NOTE_LENGTH} defaultValue={kept("takeaway", "text")} error={errorFor("takeaway", "text")} />
            <div>
              <button type="submit" name="intent" value="takeaway" disabled={busy}>
                {t("meeting.addTakeaway")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="actions-title" id="actions">
        <h2 id="actions-title">{t("meeting.actions")}</h2>
        <p className="muted">{t("meeting.actionsIntro")}</p>
        {actions.length === 0 ? <p className="muted">{t("meeting.noActions")}</p> : null}
        <ul className="takeaway-list">
          {actions.map((a) => (
            <li key={a.id}>
              <p>
                <Trans t={t} i18nKey="meeting.willTry" values={{ name: personName(a.ownerName, t), text: a.text }} components={{ strong: <strong />, text: <span className="comment__body" /> }} />
              </p>
              {a.followUp ? <p className="muted">{t("meeting.followedUp", { answer: t(`programme:followUp.answers.${a.followUp}`) })}</p> : null}
            </li>
          ))}
        </ul>
        {mayWrite ? (
          <Form method="post" className="stack wide" noValidate key={freshForm("action")}>
            <TextAreaField label={t("meeting.actionLabel")} name="text" rows={3} maxLength={MAX_NOTE_LENGTH} defaultValue={kept("action", "text")} error={errorFor("action", "text")} />
            <SelectField
              label={t("meeting.who")}
              name="ownerId"
              defaultValue={kept("action", "ownerId", viewer.id)}
              options={members.map((m) => ({ value: m.id, label: m.id === viewer.id ? t("members.you", { name: m.name }) : m.name }))}
              error={errorFor("action", "ownerId")}
            />
            <div>
              <button type="submit" name="intent" value="action" disabled={busy}>
                {t("meeting.addAction")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      {module ? (
        <section aria-labelledby="shared-title">
          <h2 id="shared-title">{t("meeting.shared")}</h2>
          <p className="muted">{t("meeting.sharedIntro", { module: module.title, group: group.name })}</p>
          {sharedTakeaways.length === 0 ? <p className="muted">{t("meeting.noneShared")}</p> : null}
          <ul className="takeaway-list">
            {sharedTakeaways.map((n) => (
              <li key={n.id}>
                <p className="comment__body">{n.text}</p>
                <p className="muted">{n.author}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
