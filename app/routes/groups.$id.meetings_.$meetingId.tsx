// One meeting of a peer group: its date and module, "did you try it?" for
// the actions of the meeting before, and the group's take-aways and actions
// from this one. Members only; a meeting of another group is a 404.
// (meetings_ : this page is not nested in the meetings list.)
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, RadioGroup, SelectField, TextAreaField } from "~/components/form-fields";
import { formatDateInZone, formatDateTimeInZone } from "~/components/format-time";
import { GroupSpaceNav } from "~/components/group-space-nav";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { followUpAction } from "~/domain/groups/meetings/follow-up-action.server";
import { findGroupMeeting } from "~/domain/groups/meetings/group-meeting.server";
import { loadGroupMeetingPage } from "~/domain/groups/meetings/load-meeting-page.server";
import { actionSchema, FOLLOW_UP_LABELS, FOLLOW_UPS, followUpSchema, MAX_FOLLOW_UP_NOTE_LENGTH, MAX_NOTE_LENGTH, takeawaySchema } from "~/domain/groups/meetings/meeting-fields";
import { addMeetingNote } from "~/domain/groups/meetings/meeting-notes.server";
import { formatSlot } from "~/domain/reunions/format-slot";
import { REUNION_STATUS_LABELS } from "~/domain/reunions/reunion-fields";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { useFreshFormKey } from "~/forms/use-fresh-form-key";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.meeting.title} · ${data.group.name} · Roundtable` : "Meeting · Roundtable" }];

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
      return invalid(formData, { form: "That action is not one this page offers. Please reload the page." });
  }
}

export default function GroupMeeting() {
  const { group, meeting, module, takeaways, actions, previous, members, sharedTakeaways, mayWrite, mayRun, viewer } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  // A take-away or action once added empties its form; a refusal keeps the input.
  const freshForm = useFreshFormKey();
  const busy = useNavigation().state === "submitting";
  const posted = errors.values.intent;
  const kept = (intent: string, name: string, fallback = "") => (posted === intent ? (errors.value(name, fallback) ?? fallback) : fallback);
  const errorFor = (intent: string, name: string) => (posted === intent ? errors.fieldErrors[name] : undefined);
  const generalError = errors.formError ?? errors.fieldErrors.noteId;

  return (
    <article aria-labelledby="meeting-title">
      <p className="muted">
        <Link to={`/groups/${group.id}`}>{group.name}</Link> · <Link to={`/groups/${group.id}/meetings`}>All meetings</Link>
      </p>
      <h1 id="meeting-title">{meeting.title}</h1>
      <GroupSpaceNav groupId={group.id} convener={group.convener} />
      <p>
        {meeting.startsAt && meeting.endsAt ? formatSlot(meeting.startsAt, meeting.endsAt, viewer.timeZone) : "Date not chosen yet"}
        {meeting.status !== "scheduled" ? <strong> · {REUNION_STATUS_LABELS[meeting.status]}</strong> : null}
      </p>
      {meeting.location || meeting.onlineUrl ? <p className="muted comment__body">{[meeting.location, meeting.onlineUrl].filter(Boolean).join(" · ")}</p> : null}
      {meeting.status === "cancelled" ? (
        <p className="notice" role="status">
          This meeting has been cancelled. <Link to={`/reunions/${meeting.id}`}>See the meeting and its series</Link>
        </p>
      ) : (
        <p>
          <Link to={`/reunions/${meeting.id}`}>{meeting.over ? "See who was invited and who went" : "Answer the invitation and see who is going"}</Link>
          {mayRun ? (
            <>
              {" · "}
              <Link to={`/reunions/${meeting.id}/edit`}>Change or cancel this meeting</Link>
            </>
          ) : null}
        </p>
      )}
      <p>
        Module:{" "}
        {module ? (
          module.readable ? (
            <>
              <Link to={`/modules/${module.slug}`}>{module.title}</Link> · <Link to={`/modules/${module.slug}/session`}>Run it in session mode</Link>
            </>
          ) : (
            <>{module.title} (not available to you)</>
          )
        ) : meeting.status === "cancelled" ? (
          "none was chosen."
        ) : (
          <>
            not chosen yet. <Link to={`/groups/${group.id}/meetings#meeting-${meeting.id}`}>Choose one</Link>
          </>
        )}
      </p>
      <FormError message={generalError} />

      {previous ? (
        <section aria-labelledby="follow-up-title" id="follow-up" className="card">
          <h2 id="follow-up-title">From the last meeting: did you try it?</h2>
          <p className="muted">
            The actions from {previous.title}
            {previous.startsAt ? `, ${formatDateInZone(previous.startsAt, viewer.timeZone)}` : ""}.
          </p>
          {previous.actions.length === 0 ? <p>Nobody took on an action last time.</p> : null}
          <ul className="takeaway-list">
            {previous.actions.map((a) => {
              const answeringThis = posted === "follow-up" && errors.values.noteId === a.id;
              return (
                <li key={a.id}>
                  <p>
                    <strong>{a.ownerName}</strong> will try: <span className="comment__body">{a.text}</span>
                  </p>
                  {a.followUp ? (
                    <p>
                      <strong>{FOLLOW_UP_LABELS[a.followUp]}</strong>
                      {a.followUpNote ? <span className="comment__body"> — {a.followUpNote}</span> : null}
                      {a.followedUpAt ? <span className="muted"> · {formatDateTimeInZone(a.followedUpAt, viewer.timeZone)}</span> : null}
                    </p>
                  ) : (
                    <p className="muted">No answer yet.</p>
                  )}
                  {a.mayAnswer ? (
                    <Form method="post" className="stack" noValidate>
                      <input type="hidden" name="noteId" value={a.id} />
                      <RadioGroup
                        legend={`Did ${a.ownerId === viewer.id ? "you" : a.ownerName} try “${a.text.length > 60 ? `${a.text.slice(0, 59)}…` : a.text}”?`}
                        name="followUp"
                        selected={answeringThis ? errors.value("followUp") : (a.followUp ?? undefined)}
                        options={FOLLOW_UPS.map((f) => ({ value: f, label: FOLLOW_UP_LABELS[f] }))}
                        error={answeringThis ? errors.fieldErrors.followUp : undefined}
                      />
                      <TextAreaField
                        label="What came of it (optional)"
                        name="followUpNote"
                        rows={2}
                        maxLength={MAX_FOLLOW_UP_NOTE_LENGTH}
                        defaultValue={answeringThis ? errors.value("followUpNote", "") : a.followUpNote}
                        error={answeringThis ? errors.fieldErrors.followUpNote : undefined}
                      />
                      <div>
                        <button type="submit" name="intent" value="follow-up" className="button--secondary" disabled={busy}>
                          Save the answer<span className="visually-hidden"> about “{a.text}”</span>
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
        <h2 id="takeaways-title">Shared take-aways</h2>
        {takeaways.length === 0 ? <p className="muted">No take-aways recorded yet.</p> : null}
        <ul className="takeaway-list">
          {takeaways.map((t) => (
            <li key={t.id}>
              <p className="comment__body">{t.text}</p>
              <p className="muted">{t.authorName}</p>
            </li>
          ))}
        </ul>
        {mayWrite ? (
          <Form method="post" className="stack wide" noValidate key={freshForm("takeaway")}>
            <TextAreaField label="A take-away for the group" name="text" rows={3} maxLength={MAX_NOTE_LENGTH} defaultValue={kept("takeaway", "text")} error={errorFor("takeaway", "text")} />
            <div>
              <button type="submit" name="intent" value="takeaway" disabled={busy}>
                Add the take-away
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="actions-title" id="actions">
        <h2 id="actions-title">Actions: what we will try</h2>
        <p className="muted">Each action is followed up at the group’s next meeting.</p>
        {actions.length === 0 ? <p className="muted">No actions recorded yet.</p> : null}
        <ul className="takeaway-list">
          {actions.map((a) => (
            <li key={a.id}>
              <p>
                <strong>{a.ownerName}</strong> will try: <span className="comment__body">{a.text}</span>
              </p>
              {a.followUp ? <p className="muted">Followed up: {FOLLOW_UP_LABELS[a.followUp]}</p> : null}
            </li>
          ))}
        </ul>
        {mayWrite ? (
          <Form method="post" className="stack wide" noValidate key={freshForm("action")}>
            <TextAreaField label="I will try …" name="text" rows={3} maxLength={MAX_NOTE_LENGTH} defaultValue={kept("action", "text")} error={errorFor("action", "text")} />
            <SelectField
              label="Who will try it"
              name="ownerId"
              defaultValue={kept("action", "ownerId", viewer.id)}
              options={members.map((m) => ({ value: m.id, label: m.id === viewer.id ? `${m.name} (you)` : m.name }))}
              error={errorFor("action", "ownerId")}
            />
            <div>
              <button type="submit" name="intent" value="action" disabled={busy}>
                Add the action
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      {module ? (
        <section aria-labelledby="shared-title">
          <h2 id="shared-title">Personal take-aways shared with the group</h2>
          <p className="muted">What members wrote for themselves after {module.title} and chose to share with {group.name}.</p>
          {sharedTakeaways.length === 0 ? <p className="muted">None shared yet.</p> : null}
          <ul className="takeaway-list">
            {sharedTakeaways.map((t) => (
              <li key={t.id}>
                <p className="comment__body">{t.text}</p>
                <p className="muted">{t.author}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
