// A group's meetings: those to come, the cancelled ones apart, and those
// past, each with the module the group chose, and the form to schedule the
// next ones. Members
// only; everyone else gets a 404. Forms are told apart by their intent.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { DayAndTimesFields } from "~/components/day-and-times-fields";
import { FormError, SelectField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { TimeZoneField } from "~/components/time-zone-field";
import { listTimeZones } from "~/domain/accounts/account-fields";
import { findGroupSpace } from "~/domain/groups/load-group.server";
import { chooseMeetingModule } from "~/domain/groups/meetings/choose-meeting-module.server";
import { listGroupMeetings } from "~/domain/groups/meetings/list-group-meetings.server";
import { chooseModuleSchema, defaultMeetingTitle, MAX_MEETINGS_IN_SERIES, scheduleMeetingSchema } from "~/domain/groups/meetings/meeting-fields";
import { scheduleGroupMeeting } from "~/domain/groups/meetings/schedule-group-meeting.server";
import { formatSlot } from "~/domain/reunions/format-slot";
import { REUNION_STATUS_LABELS } from "~/domain/reunions/reunion-fields";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { GroupSpaceNav } from "~/components/group-space-nav";
import { useFormErrors } from "~/forms/use-form-errors";
import { useFreshFormKey } from "~/forms/use-fresh-form-key";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Meetings · ${data.group.name} · Roundtable` : "Meetings · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await listGroupMeetings(context.services.db, user, params.id ?? "");
  return json({ ...page, zones: listTimeZones(), viewerZone: user.timeZone });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // A non-member gets a 404 whatever the form says.
  const { id } = await findGroupSpace(db, user, params.id ?? "");
  const formData = await readFormData(request);
  const here = `/groups/${id}/meetings`;
  switch (formData.get("intent")) {
    case "schedule":
      return submitForm(formData, scheduleMeetingSchema, async (input) => {
        const first = await scheduleGroupMeeting(db, user, id, input);
        return redirect(`${here}#meeting-${first}`);
      });
    case "choose-module":
      return submitForm(formData, chooseModuleSchema, async (input) => {
        await chooseMeetingModule(db, user, id, input.meetingId, input.moduleId);
        return redirect(`${here}#meeting-${input.meetingId}`);
      });
    default:
      return invalid(formData, { form: "That action is not one this page offers. Please reload the page." });
  }
}

type Meeting = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

export default function GroupMeetings() {
  const { group, upcoming, cancelled, past, moduleChoices, maySchedule, zones, viewerZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  // Forms that add something empty themselves after it is saved; a refusal keeps the text.
  const fresh = useFreshFormKey();
  const busy = useNavigation().state === "submitting";
  const posted = errors.values.intent;
  const kept = (intent: string, name: string, fallback = "") => (posted === intent ? (errors.value(name, fallback) ?? fallback) : fallback);
  const errorFor = (intent: string, name: string) => (posted === intent ? errors.fieldErrors[name] : undefined);
  const moduleOptions = [{ value: "", label: "No module yet" }, ...moduleChoices.map((m) => ({ value: m.id, label: m.title }))];

  const meetingItem = (m: Meeting) => {
    const when = m.startsAt && m.endsAt ? formatSlot(m.startsAt, m.endsAt, viewerZone) : "Date not chosen yet";
    const chosenHere = posted === "choose-module" && errors.values.meetingId === m.id;
    return (
      <li key={m.id} id={`meeting-${m.id}`} className="card">
        <h3>
          <Link to={`/groups/${group.id}/meetings/${m.id}`}>{m.title}</Link>
        </h3>
        <p>
          {when}
          {m.status !== "scheduled" ? <strong> · {REUNION_STATUS_LABELS[m.status]}</strong> : null}
          {m.occurrence ? <span className="muted"> · meeting {m.occurrence} of a monthly series</span> : null}
        </p>
        {m.location || m.onlineUrl ? <p className="muted comment__body">{[m.location, m.onlineUrl].filter(Boolean).join(" · ")}</p> : null}
        <p>
          Module:{" "}
          {m.module ? (
            m.module.readable ? (
              <>
                <Link to={`/modules/${m.module.slug}`}>{m.module.title}</Link> · <Link to={`/modules/${m.module.slug}/session`}>Run it in session mode<span className="visually-hidden">: {m.module.title}</span></Link>
              </>
            ) : (
              <>{m.module.title} (not available to you)</>
            )
          ) : (
            <span className="muted">not chosen yet</span>
          )}
        </p>
        {m.status === "cancelled" ? null : (
          <p>
            <Link to={`/reunions/${m.id}`}>
              {m.over ? "Who was invited and who went" : "Answer the invitation"}
              <span className="visually-hidden"> to {m.title}, {when}</span>
            </Link>
          </p>
        )}
        {m.status !== "cancelled" && m.mayChooseModule ? (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="meetingId" value={m.id} />
            <FormError message={chosenHere ? errors.formError : undefined} />
            <SelectField
              label={`Module for ${m.title}, ${when}`}
              name="moduleId"
              defaultValue={chosenHere ? (errors.value("moduleId", "") ?? "") : (m.moduleId ?? "")}
              options={moduleOptions}
              error={chosenHere ? errors.fieldErrors.moduleId : undefined}
            />
            <div>
              <button type="submit" name="intent" value="choose-module" className="button--secondary" disabled={busy}>
                Choose module<span className="visually-hidden"> for {m.title}, {when}</span>
              </button>
            </div>
          </Form>
        ) : null}
      </li>
    );
  };

  return (
    <section aria-labelledby="meetings-title">
      <p className="muted">
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </p>
      <h1 id="meetings-title">Meetings of {group.name}</h1>
      <GroupSpaceNav groupId={group.id} convener={group.convener} programme={group.programme} />
      {posted !== "choose-module" ? <FormError message={errors.formError} /> : null}

      <h2>Coming up</h2>
      {upcoming.length ? <ol className="cards">{upcoming.map(meetingItem)}</ol> : <p className="muted">{maySchedule ? "No meetings planned yet. Schedule the next one below." : "No meetings planned yet."}</p>}

      {cancelled.length ? (
        <section aria-labelledby="cancelled-title" className="muted">
          <h2 id="cancelled-title">Cancelled</h2>
          <ol className="cards">{cancelled.map(meetingItem)}</ol>
        </section>
      ) : null}

      <h2>Past meetings</h2>
      {past.length ? <ol className="cards">{past.map(meetingItem)}</ol> : <p className="muted">No past meetings yet.</p>}

      {group.programme ? (
        <p>
          The cycle's meetings are planned on <Link to={`/groups/${group.id}/cycle`}>the group's cycle page</Link>.
        </p>
      ) : null}
      {maySchedule ? (
        <>
          <h2 id="schedule-title">Schedule a meeting</h2>
          <p className="muted">Every member is invited, whatever their organisation. A monthly meeting keeps its time of day in the time zone you choose.</p>
          <Form key={fresh("schedule")} method="post" className="stack wide" noValidate aria-labelledby="schedule-title">
            <TextField label="Title" name="title" required defaultValue={kept("schedule", "title", defaultMeetingTitle(group.name))} error={errorFor("schedule", "title")} />
            <DayAndTimesFields value={(name) => kept("schedule", name)} errors={posted === "schedule" ? errors.fieldErrors : {}} />
            <TimeZoneField zones={zones} defaultValue={kept("schedule", "timeZone", viewerZone)} error={errorFor("schedule", "timeZone")} />
            <TextField label="Place" name="location" hint="An address or a room. Leave empty for an online meeting." defaultValue={kept("schedule", "location")} error={errorFor("schedule", "location")} />
            <TextField label="Online link" name="onlineUrl" type="url" hint="Starting with https://" defaultValue={kept("schedule", "onlineUrl")} error={errorFor("schedule", "onlineUrl")} />
            <TextField
              label="Number of monthly meetings"
              name="repeatCount"
              inputMode="numeric"
              hint={`1 for a single meeting; up to ${MAX_MEETINGS_IN_SERIES} for one a month on the same day. Each can later be moved on its own, and cancelled alone or with the rest of the series.`}
              defaultValue={kept("schedule", "repeatCount", "1")}
              error={errorFor("schedule", "repeatCount")}
            />
            <SelectField
              label="Module"
              name="moduleId"
              hint="Modules every member of the group can read. You can choose or change it later."
              defaultValue={kept("schedule", "moduleId")}
              options={moduleOptions}
              error={errorFor("schedule", "moduleId")}
            />
            <div>
              <button type="submit" name="intent" value="schedule" disabled={busy}>
                {busy ? "Saving…" : "Schedule the meeting"}
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
