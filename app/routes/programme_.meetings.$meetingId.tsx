// One meeting of a programme cycle: the module vote and its confirmation,
// attendance and self check-in, handing over to a member host, and the
// wrap-up. Members and the facilitator of its group only; a 404 for anyone
// else. (programme_ : not nested in the programme page.)
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormError, Notice, RadioGroup, SelectField, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ForbiddenError } from "~/domain/http-errors";
import { canRunCycleMeeting, isCycleMember, isGroupFacilitator } from "~/domain/policy";
import { WITHHELD_TEXT } from "~/domain/privacy/privacy-floor";
import { findCycleMeeting } from "~/domain/programme/load-programme-group.server";
import { checkInToMeeting, recordAttendance } from "~/domain/programme/meetings/attendance.server";
import { handOverMeeting } from "~/domain/programme/meetings/handover.server";
import { loadCycleMeetingPage } from "~/domain/programme/meetings/load-meeting-page.server";
import {
  ATTENDANCE_LABELS,
  ATTENDANCE_STATUSES,
  attendanceSchema,
  confirmModuleSchema,
  handOverSchema,
  hostRatingSchema,
  MAX_RECAP_LENGTH,
  recapSchema,
  SCORE_OPTIONS,
  voteSchema,
} from "~/domain/programme/meetings/meeting-fields";
import { confirmModule, voteForModule } from "~/domain/programme/meetings/module-vote.server";
import { confirmAttendance, rateMeeting, sendRecap } from "~/domain/programme/meetings/wrap-up.server";
import { formatSlot } from "~/domain/reunions/format-slot";
import { formatDateTimeInZone } from "~/components/format-time";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";
import { z } from "zod";
import { messageIn } from "~/domain/i18n/translators";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Meeting ${data.meeting.number} · ${data.group.name} · Roundtable` : "Meeting · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await loadCycleMeetingPage(context.services.db, user, params.meetingId ?? "");
  return json({ ...page, viewer: { id: user.id, timeZone: user.timeZone } });
}

const noFields = z.object({});
const RUN_INTENTS = new Set(["confirm-module", "attendance", "rate", "confirm-attendance", "recap"]);
const MEMBER_INTENTS = new Set(["vote", "check-in"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const id = params.meetingId ?? "";
  // A stranger to the meeting gets its 404, and someone without the right a 403, before the form is checked.
  const found = await findCycleMeeting(db, user, id);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const access = found.group.access;
  const allowed = RUN_INTENTS.has(String(intent))
    ? canRunCycleMeeting(user, access, found.cycleMeeting)
    : intent === "hand-over"
      ? isGroupFacilitator(user, access)
      : MEMBER_INTENTS.has(String(intent))
        ? isCycleMember(user, access)
        : true;
  if (!allowed) throw new ForbiddenError(intent === "hand-over" ? "Only the group's facilitator hands a meeting over." : RUN_INTENTS.has(String(intent)) ? "Only the facilitator or the meeting's host does that." : "Only the group's members do that.");
  const here = (saved: string, anchor: string) => redirect(`/programme/meetings/${id}?saved=${saved}#${anchor}`);
  switch (intent) {
    case "vote":
      return submitForm(formData, voteSchema, async (input) => {
        await voteForModule(db, user, id, input.moduleId);
        return here("vote", "module");
      });
    case "confirm-module":
      return submitForm(formData, confirmModuleSchema, async (input) => {
        await confirmModule(db, user, id, input.moduleId);
        return here("module", "module");
      });
    case "attendance":
      return submitForm(formData, attendanceSchema, async (entries) => {
        await recordAttendance(db, user, id, entries);
        return here("attendance", "attendance");
      });
    case "check-in":
      return submitForm(formData, noFields, async () => {
        await checkInToMeeting(db, user, id);
        return here("check-in", "attendance");
      });
    case "hand-over":
      return submitForm(formData, handOverSchema, async (input) => {
        await handOverMeeting(db, user, id, input.hostId);
        return here("host", "host");
      });
    case "rate":
      return submitForm(formData, hostRatingSchema, async (input) => {
        await rateMeeting(db, user, id, input.hostRating);
        return here("rating", "wrap-up");
      });
    case "confirm-attendance":
      return submitForm(formData, noFields, async () => {
        await confirmAttendance(db, user, id);
        return here("confirmed", "wrap-up");
      });
    case "recap":
      return submitForm(formData, recapSchema, async (input) => {
        await sendRecap(db, user, id, input.recap);
        return here("recap", "wrap-up");
      });
    default:
      return invalid(formData, { form: "That action is not one this page offers. Please reload the page." });
  }
}

const SAVED: Record<string, string> = {
  vote: "Your vote is saved. You can change it until the module is confirmed.",
  module: "The module is confirmed and the members are told.",
  attendance: "Attendance saved.",
  "check-in": "You are checked in. Welcome!",
  host: "The host is changed.",
  rating: "Thank you: your rating is saved.",
  confirmed: "Attendance confirmed.",
  recap: "The recap is sent to the group.",
};

const percent = (x: number) => `${Math.round(x * 100)}%`;

export default function CycleMeeting() {
  const data = useLoaderData<typeof loader>();
  const { meeting, group, host, members, candidates, confirmedModule, myVote, myAttendance, figures, may, stepBack, evaluation, viewer } = data;
  const errors = useFormErrors();
  const [search] = useSearchParams();
  const saved = SAVED[search.get("saved") ?? ""];
  const busy = useNavigation().state === "submitting";
  const posted = errors.values.intent;
  const errorFor = (intent: string, name: string) => (posted === intent ? errors.fieldErrors[name] : undefined);
  const formErrorFor = (intent: string) => (posted === intent ? errors.formError : undefined);
  const sessionLink = confirmedModule ? `/modules/${confirmedModule.slug}/session?meeting=${meeting.id}` : null;

  return (
    <article aria-labelledby="meeting-title">
      <p className="muted">
        <Link to="/programme">Programme</Link> · <Link to={`/groups/${group.id}/cycle`}>{group.name}: the cycle</Link>
      </p>
      <h1 id="meeting-title">
        Meeting {meeting.number} of {meeting.of}: {group.name}
      </h1>
      {saved ? <Notice>{saved}</Notice> : null}
      <p>
        {meeting.startsAt && meeting.endsAt ? formatSlot(meeting.startsAt, meeting.endsAt, viewer.timeZone) : "Date not set"}
        {meeting.cancelled ? <strong> · Cancelled</strong> : null}
      </p>
      {meeting.location || meeting.onlineUrl ? <p className="muted comment__body">{[meeting.location, meeting.onlineUrl].filter(Boolean).join(" · ")}</p> : null}
      <p>
        <Link to={`/reunions/${meeting.id}`}>The invitation, the calendar file and changes</Link>
      </p>
      {posted === undefined && errors.formError ? <FormError message={errors.formError} /> : null}

      <section aria-labelledby="host-title" id="host">
        <h2 id="host-title">Who runs it</h2>
        <p>
          {host ? (
            <>
              <strong>{host.name}</strong> {host.role === "facilitator" ? "(Facilitator)" : "(member host)"}
              {meeting.ended ? " ran this meeting." : " runs this meeting."}
            </>
          ) : (
            "No host is set."
          )}
        </p>
        {may.handOver ? (
          <>
            {stepBack ? <p className={stepBack.suggest ? "notice" : "muted"}>{stepBack.suggest ? `Suggestion: ${messageIn("en", stepBack.reason)}` : messageIn("en", stepBack.reason)}</p> : null}
            {meeting.number >= group.handoverFrom || host?.role === "member" ? (
              <Form method="post" className="stack" noValidate>
                <FormError message={formErrorFor("hand-over")} />
                <SelectField
                  label="Host of this meeting"
                  name="hostId"
                  defaultValue={posted === "hand-over" ? errors.value("hostId", "") : (host?.id ?? "")}
                  options={[
                    { value: viewer.id, label: "Me, the facilitator" },
                    ...(meeting.number >= group.handoverFrom ? members.map((m) => ({ value: m.id, label: m.name })) : []),
                  ]}
                  error={errorFor("hand-over", "hostId")}
                />
                <div>
                  <button type="submit" name="intent" value="hand-over" className="button--secondary" disabled={busy}>
                    Save the host
                  </button>
                </div>
              </Form>
            ) : null}
          </>
        ) : null}
      </section>

      <section aria-labelledby="module-title" id="module">
        <h2 id="module-title">Module</h2>
        {confirmedModule ? (
          <p>
            {meeting.moduleConfirmedAt ? "Confirmed" : "Planned, not confirmed yet"}: <Link to={`/modules/${confirmedModule.slug}`}>{confirmedModule.title}</Link>
            {may.runSession && sessionLink ? (
              <>
                {" · "}
                <Link to={sessionLink}>Run it in session mode</Link>
              </>
            ) : sessionLink ? (
              <>
                {" · "}
                <Link to={sessionLink}>Follow it in session mode</Link>
              </>
            ) : null}
          </p>
        ) : meeting.cancelled ? (
          <p>None was chosen.</p>
        ) : (
          <p className="muted">Not confirmed yet. Members vote; the facilitator or host confirms.</p>
        )}
        <FormError message={errorFor("vote", "moduleId") ?? errorFor("confirm-module", "moduleId") ?? formErrorFor("vote") ?? formErrorFor("confirm-module")} />
        {candidates.length === 0 ? (
          <p className="muted">The organisation has not chosen its programme modules yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Module</th>
                <th scope="col">Votes</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link to={`/modules/${m.slug}`}>{m.title}</Link>
                    {m.alreadyRun ? <span className="muted"> · already run</span> : null}
                    {myVote === m.id ? <strong> · your vote</strong> : null}
                  </th>
                  <td>{m.votes}</td>
                  <td>
                    {may.vote && myVote !== m.id ? (
                      <Form method="post">
                        <input type="hidden" name="moduleId" value={m.id} />
                        <button type="submit" name="intent" value="vote" className="button--secondary" disabled={busy}>
                          Vote<span className="visually-hidden"> for {m.title}</span>
                        </button>
                      </Form>
                    ) : null}
                    {may.confirm && meeting.moduleId !== m.id ? (
                      <Form method="post">
                        <input type="hidden" name="moduleId" value={m.id} />
                        <button type="submit" name="intent" value="confirm-module" disabled={busy}>
                          Confirm<span className="visually-hidden"> {m.title}</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="attendance-title" id="attendance">
        <h2 id="attendance-title">Attendance</h2>
        {myAttendance ? <p>You are recorded: {ATTENDANCE_LABELS[myAttendance]}.</p> : null}
        {may.checkIn && myAttendance !== "present" ? (
          <Form method="post">
            <FormError message={formErrorFor("check-in")} />
            <button type="submit" name="intent" value="check-in" disabled={busy}>
              I am here: check me in
            </button>
          </Form>
        ) : formErrorFor("check-in") ? (
          <FormError message={formErrorFor("check-in")} />
        ) : data.myAttendance === null && !meeting.ended && !meeting.cancelled && data.checkInOpensAt && !may.record ? (
          <p className="muted">You can check yourself in from {formatDateTimeInZone(data.checkInOpensAt, viewer.timeZone)}.</p>
        ) : null}
        {may.record ? (
          <Form method="post" className="stack" noValidate>
            <FormError message={formErrorFor("attendance")} />
            <table>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Attendance</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.name}</th>
                    <td>
                      <select
                        name={`status.${m.id}`}
                        aria-label={`Attendance of ${m.name}`}
                        defaultValue={posted === "attendance" ? errors.value(`status.${m.id}`, "") : (m.status ?? "")}
                        aria-invalid={errorFor("attendance", `status.${m.id}`) ? true : undefined}
                      >
                        <option value="">Not recorded</option>
                        {ATTENDANCE_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {ATTENDANCE_LABELS[s]}
                          </option>
                        ))}
                      </select>
                      {errorFor("attendance", `status.${m.id}`) ? <p className="field__error">{errorFor("attendance", `status.${m.id}`)}</p> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div>
              <button type="submit" name="intent" value="attendance" disabled={busy}>
                Save attendance
              </button>
            </div>
          </Form>
        ) : null}
        <p className="muted">
          {figures.attendance.shown ? `${percent(figures.attendance.value)} of ${figures.attendance.people} recorded members present.` : `Attendance figures: ${WITHHELD_TEXT.toLowerCase()}.`}
        </p>
      </section>

      {meeting.ended && !meeting.cancelled ? (
        <section aria-labelledby="evaluation-title" id="evaluation">
          <h2 id="evaluation-title">Evaluation</h2>
          {evaluation ? (
            evaluation.refusal ? (
              <p className="muted">{evaluation.refusal}</p>
            ) : (
              <p>
                <Link to={`/programme/meetings/${meeting.id}/evaluate`}>Answer the one-minute evaluation</Link>
              </p>
            )
          ) : null}
          {figures.evaluation.shown ? (
            <>
              <p>
                Usefulness {figures.evaluation.value.usefulness.toFixed(1)} of 5 · safety {figures.evaluation.value.safety.toFixed(1)} of 5 · {percent(figures.evaluation.value.willTry)} will try a take-away ({figures.evaluation.people} answers).
              </p>
              {figures.evaluation.value.comments.length ? (
                <ul className="takeaway-list" aria-label="Comments, without names">
                  {figures.evaluation.value.comments.map((c, i) => (
                    <li key={i} className="comment__body">
                      {c}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : (
            <p className="muted">Evaluation figures: {WITHHELD_TEXT.toLowerCase()}.</p>
          )}
        </section>
      ) : null}

      {may.wrapUp ? (
        <section aria-labelledby="wrap-up-title" id="wrap-up" className="card">
          <h2 id="wrap-up-title">Wrap-up</h2>
          <Form method="post" className="stack" noValidate>
            <RadioGroup
              legend="How did it go? (1 poor, 5 very well)"
              name="hostRating"
              selected={posted === "rate" ? errors.value("hostRating") : meeting.hostRating ? String(meeting.hostRating) : undefined}
              options={SCORE_OPTIONS}
              error={errorFor("rate", "hostRating")}
            />
            <div>
              <button type="submit" name="intent" value="rate" className="button--secondary" disabled={busy}>
                Save the rating
              </button>
            </div>
          </Form>
          <Form method="post" className="stack">
            <FormError message={formErrorFor("confirm-attendance")} />
            {meeting.attendanceConfirmedAt ? <p>Attendance confirmed {formatDateTimeInZone(meeting.attendanceConfirmedAt, viewer.timeZone)}.</p> : null}
            <div>
              <button type="submit" name="intent" value="confirm-attendance" className="button--secondary" disabled={busy}>
                {meeting.attendanceConfirmedAt ? "Confirm the attendance again" : "Confirm the attendance"}
              </button>
            </div>
          </Form>
          {meeting.recapSentAt ? (
            <>
              <h3>Recap sent {formatDateTimeInZone(meeting.recapSentAt, viewer.timeZone)}</h3>
              <p className="comment__body">{meeting.recap}</p>
            </>
          ) : (
            <Form method="post" className="stack wide" noValidate>
              <TextAreaField
                label="A short recap for the group"
                name="recap"
                rows={4}
                maxLength={MAX_RECAP_LENGTH}
                defaultValue={posted === "recap" ? errors.value("recap", "") : ""}
                error={errorFor("recap", "recap")}
                hint="Each member gets it with their own take-aways of this meeting."
              />
              <div>
                <button type="submit" name="intent" value="recap" disabled={busy}>
                  Send the recap to the group
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : meeting.recapSentAt ? (
        <section aria-labelledby="recap-title">
          <h2 id="recap-title">Recap</h2>
          <p className="comment__body">{meeting.recap}</p>
        </section>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
