// A programme group's cycle, for its members and its facilitator (a 404 for
// everyone else, the organisation's admins included): scheduling (the
// facilitator only), the meetings one by one, goals, the continue vote and,
// once finished, the cycle report. ?cycle=N shows an earlier cycle.
// The vote's direction is not shown while it is open (only how many have
// voted), so nobody votes with the crowd; the tally comes with the decision.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormError, Notice, RadioGroup, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { GroupSpaceNav } from "~/components/group-space-nav";
import { TableScroll } from "~/components/table-scroll";
import { TimeZoneField } from "~/components/time-zone-field";
import { listTimeZones } from "~/domain/accounts/account-fields";
import { castContinueVote } from "~/domain/programme/cycles/cast-continue-vote.server";
import {
  CONTINUE_VOTE_LABELS,
  continueVoteSchema,
  goalSchema,
  groupGoalSchema,
  PROGRESS_LABELS,
  rateGoalSchema,
  rateGroupGoalSchema,
  scheduleCycleSchema,
} from "~/domain/programme/cycles/cycle-fields";
import { rateGoal, rateGroupGoal, writeGoal, writeGroupGoal } from "~/domain/programme/cycles/cycle-goals.server";
import { loadCyclePage } from "~/domain/programme/cycles/load-cycle-page.server";
import { scheduleCycle } from "~/domain/programme/cycles/schedule-cycle.server";
import { findProgrammeGroup } from "~/domain/programme/load-programme-group.server";
import { WITHHELD_TEXT } from "~/domain/privacy/privacy-floor";
import { formatSlot } from "~/domain/reunions/format-slot";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Cycle · ${data.group.name} · Roundtable` : "Cycle · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const asked = new URL(request.url).searchParams.get("cycle");
  const cycleNumber = asked && /^\d{1,4}$/.test(asked) ? Number(asked) : null;
  const page = await loadCyclePage(context.services.db, user, params.id ?? "", { cycleNumber });
  return json({ ...page, zones: page.me.facilitator ? listTimeZones() : [], viewerZone: user.timeZone });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // Anyone outside the group gets a 404 whatever the form says.
  const { id } = await findProgrammeGroup(db, user, params.id ?? "");
  const formData = await readFormData(request);
  const done = (saved: string, anchor: string) => redirect(`/groups/${id}/cycle?saved=${saved}#${anchor}`);
  switch (formData.get("intent")) {
    case "schedule":
      return submitForm(formData, scheduleCycleSchema, async (input) => {
        await scheduleCycle(db, user, id, input);
        return done("scheduled", "meetings");
      });
    case "goal":
      return submitForm(formData, goalSchema, async (input) => {
        await writeGoal(db, user, id, input);
        return done("goal", "goals");
      });
    case "rate-goal":
      return submitForm(formData, rateGoalSchema, async (input) => {
        await rateGoal(db, user, id, input);
        return done("rated", "goals");
      });
    case "group-goal":
      return submitForm(formData, groupGoalSchema, async (input) => {
        await writeGroupGoal(db, user, id, input);
        return done("group-goal", "group-goal");
      });
    case "rate-group-goal":
      return submitForm(formData, rateGroupGoalSchema, async (input) => {
        await rateGroupGoal(db, user, id, input);
        return done("group-rated", "group-goal");
      });
    case "vote":
      return submitForm(formData, continueVoteSchema, async (input) => {
        await castContinueVote(db, user, id, input.vote);
        return done("voted", "vote");
      });
    default:
      return invalid(formData, { form: "That action is not one this page offers. Please reload the page." });
  }
}

const SAVED: Record<string, string> = {
  scheduled: "The cycle's meetings are scheduled and the group is invited.",
  goal: "Your goal is saved.",
  rated: "Your progress is saved.",
  "group-goal": "The group's goal is saved.",
  "group-rated": "The group's goal is rated.",
  voted: "Your vote is saved. You can change it until the vote is decided.",
};

const RATING_OPTIONS = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: PROGRESS_LABELS[n]! }));

export default function GroupCycle() {
  const { group, cohort, me, facilitators, memberCount, cycles, latest, cycle, meetings, freePlaces, may, goals, vote, report, zones, viewerZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const saved = SAVED[params.get("saved") ?? ""];
  const posted = errors.values.intent;
  const kept = (intent: string, name: string, fallback = "") => (posted === intent ? (errors.value(name, fallback) ?? fallback) : fallback);
  const errorFor = (intent: string, name: string) => (posted === intent ? errors.fieldErrors[name] : undefined);
  const heldMeetings = meetings.filter((m) => !m.cancelled);
  const every = cohort.intervalMonths === 1 ? "one a month" : `one every ${cohort.intervalMonths} months`;

  return (
    <section aria-labelledby="cycle-title">
      <p className="muted">
        <Link to={`/groups/${group.id}`}>{group.name}</Link> · {cohort.name}
      </p>
      <h1 id="cycle-title">{cycle ? `Cycle ${cycle.number} of ${group.name}` : `The cycle of ${group.name}`}</h1>
      <GroupSpaceNav groupId={group.id} convener={false} programme />
      {saved ? <Notice>{saved}</Notice> : null}
      {/* A refusal shows here whichever form was sent: the form itself may no longer be offered. */}
      <FormError message={errors.formError} />

      <p>
        {cycle ? <strong>{cycle.stateLabel}.</strong> : <strong>Not scheduled yet.</strong>} {memberCount} {memberCount === 1 ? "member" : "members"}; facilitated by{" "}
        {facilitators.length ? facilitators.join(" and ") : "nobody yet"}.{me.facilitator ? " You are the facilitator." : ""}
      </p>
      {cycles.length > 1 ? (
        <nav aria-label="Cycles">
          <ul className="tabs">
            {cycles.map((c) => (
              <li key={c.number}>
                <Link to={`?cycle=${c.number}`} aria-current={cycle?.number === c.number ? "page" : undefined}>
                  Cycle {c.number} <span className="muted">({c.label})</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {!latest ? (
        <p>
          This is an earlier cycle. <Link to={`/groups/${group.id}/cycle`}>See the current one</Link>.
        </p>
      ) : null}

      <h2 id="meetings">Meetings</h2>
      {meetings.length ? (
        <TableScroll label="The cycle's meetings">
          <table>
            <caption className="visually-hidden">The cycle's meetings, times in {viewerZone.replace(/_/g, " ")}</caption>
            <thead>
              <tr>
                <th scope="col">Meeting</th>
                <th scope="col">When</th>
                <th scope="col">Module</th>
                <th scope="col">Present</th>
                <th scope="col">Usefulness</th>
                <th scope="col">Safety</th>
                <th scope="col">Run by</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id} className={m.cancelled ? "muted" : undefined}>
                  <th scope="row">
                    <Link to={`/programme/meetings/${m.id}`}>
                      Meeting {m.number}
                      {m.cancelled ? " (cancelled)" : ""}
                    </Link>
                  </th>
                  <td>{m.startsAt && m.endsAt ? formatSlot(m.startsAt, m.endsAt, viewerZone) : "Date not chosen yet"}</td>
                  <td>{m.module ?? <span className="muted">Not chosen yet</span>}</td>
                  <td>{m.attendance ? `${m.attendance.present} of ${memberCount}` : <span className="muted">{m.over ? "Not recorded" : "—"}</span>}</td>
                  <td>{m.evaluation.shown ? `${m.evaluation.value.usefulness.toFixed(1)} of 5` : <span className="muted">{m.over ? WITHHELD_TEXT : "—"}</span>}</td>
                  <td>{m.evaluation.shown ? `${m.evaluation.value.safety.toFixed(1)} of 5` : <span className="muted">{m.over ? WITHHELD_TEXT : "—"}</span>}</td>
                  <td>{m.host ? (m.host.facilitator ? `${m.host.name} (Facilitator)` : `${m.host.name} (member host)`) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="muted">{me.facilitator ? "No meetings yet. Schedule the cycle below." : "The facilitator has not scheduled the meetings yet."}</p>
      )}
      {heldMeetings.length && meetings.some((m) => m.over) ? (
        <p className="muted">Evaluation averages are anonymous and {WITHHELD_TEXT.toLowerCase()}.</p>
      ) : null}

      {may.schedule && freePlaces > 0 ? (
        <section aria-labelledby="schedule-title">
          <h2 id="schedule-title">Schedule the cycle</h2>
          <p className="muted">
            {freePlaces === cohort.meetingsPerCycle
              ? `The ${cohort.meetingsPerCycle} meetings of the cycle are planned as one series from the first date, ${every}, at the same time of day. Members are invited.`
              : `${freePlaces} of the cycle's ${cycle?.meetingsPlanned ?? cohort.meetingsPerCycle} places are free; they are planned ${every} from the date you choose.`}
          </p>
          <Form method="post" className="stack wide" noValidate aria-labelledby="schedule-title">
            <TextField label="Date of the first meeting" name="date" type="date" defaultValue={kept("schedule", "date")} error={errorFor("schedule", "date")} />
            <TextField label="Start time" name="startTime" type="time" defaultValue={kept("schedule", "startTime")} error={errorFor("schedule", "startTime")} />
            <TimeZoneField zones={zones} defaultValue={kept("schedule", "timeZone", cohort.timeZone)} error={errorFor("schedule", "timeZone")} />
            <TextField label="Place" name="location" hint="An address or a room. Leave empty for a video meeting." defaultValue={kept("schedule", "location")} error={errorFor("schedule", "location")} />
            <TextField label="Video link" name="onlineUrl" type="url" hint="Starting with https://" defaultValue={kept("schedule", "onlineUrl")} error={errorFor("schedule", "onlineUrl")} />
            <div>
              <button type="submit" name="intent" value="schedule" disabled={busy}>
                {busy ? "Saving…" : "Schedule the meetings"}
              </button>
            </div>
          </Form>
        </section>
      ) : me.facilitator && latest && cycle && !cohort.sponsored ? (
        <p className="muted">The organisation no longer sponsors this programme, so no more meetings can be scheduled.</p>
      ) : null}

      {cycle ? (
        <>
          <h2 id="group-goal">The group's goal</h2>
          {cycle.groupGoal ? <p>{cycle.groupGoal}</p> : <p className="muted">The facilitator has not written the group's goal yet.</p>}
          {cycle.groupGoalRating ? (
            <p>
              The facilitator rated it {cycle.groupGoalRating} of 5{cycle.groupGoalNote ? `: ${cycle.groupGoalNote}` : "."}
            </p>
          ) : null}
          {may.writeGroupGoal ? (
            <Form method="post" className="stack wide" noValidate>
              <TextAreaField label="The group's goal for this cycle" name="groupGoal" rows={3} defaultValue={kept("group-goal", "groupGoal", cycle.groupGoal)} error={errorFor("group-goal", "groupGoal")} />
              <TextAreaField label="Your concerns" name="concerns" rows={3} hint="Only you see these." defaultValue={kept("group-goal", "concerns", cycle.concerns ?? "")} error={errorFor("group-goal", "concerns")} />
              <div>
                <button type="submit" name="intent" value="group-goal" className="button--secondary" disabled={busy}>
                  Save the group's goal
                </button>
              </div>
            </Form>
          ) : null}
          {may.rateGroupGoal ? (
            <Form method="post" className="stack wide" noValidate>
              <SelectField label="How far did the group get with its goal?" name="rating" options={[{ value: "", label: "Choose" }, ...RATING_OPTIONS]} defaultValue={kept("rate-group-goal", "rating", cycle.groupGoalRating ? String(cycle.groupGoalRating) : "")} error={errorFor("rate-group-goal", "rating")} />
              <TextAreaField label="A note on it" name="note" rows={3} defaultValue={kept("rate-group-goal", "note", cycle.groupGoalNote)} error={errorFor("rate-group-goal", "note")} />
              <div>
                <button type="submit" name="intent" value="rate-group-goal" className="button--secondary" disabled={busy}>
                  Rate the group's goal
                </button>
              </div>
            </Form>
          ) : null}

          <h2 id="goals">Goals</h2>
          {me.member ? (
            goals?.mine ? (
              <p>
                Your goal{goals.mine.shared ? " (shared with the group)" : " (only you see it)"}: {goals.mine.text}
                {goals.mine.progress ? ` · your progress: ${goals.mine.progress} of 5` : ""}
              </p>
            ) : (
              <p className="muted">You have not set a goal for this cycle.</p>
            )
          ) : null}
          {may.writeGoal ? (
            <Form method="post" className="stack wide" noValidate>
              <TextAreaField label="Your goal for this cycle" name="text" rows={3} hint="What do you want to be able to do, or do differently, by the end of the cycle?" defaultValue={kept("goal", "text", goals?.mine?.text ?? "")} error={errorFor("goal", "text")} />
              <label className="checkbox">
                <input type="checkbox" name="shared" defaultChecked={posted === "goal" ? errors.values.shared === "on" : (goals?.mine?.shared ?? false)} /> Share with the group
              </label>
              <div>
                <button type="submit" name="intent" value="goal" className="button--secondary" disabled={busy}>
                  Save my goal
                </button>
              </div>
            </Form>
          ) : null}
          {may.rateGoal ? (
            <Form method="post" className="stack wide" noValidate>
              <SelectField label="How far did you get with your goal?" name="progress" options={[{ value: "", label: "Choose" }, ...RATING_OPTIONS]} defaultValue={kept("rate-goal", "progress", goals?.mine?.progress ? String(goals.mine.progress) : "")} error={errorFor("rate-goal", "progress")} />
              <TextAreaField label="What helped?" name="whatHelped" rows={3} defaultValue={kept("rate-goal", "whatHelped", goals?.mine?.whatHelped ?? "")} error={errorFor("rate-goal", "whatHelped")} />
              <div>
                <button type="submit" name="intent" value="rate-goal" className="button--secondary" disabled={busy}>
                  Save my progress
                </button>
              </div>
            </Form>
          ) : null}
          <h3>Goals shared with the group</h3>
          {goals?.shared.length ? (
            <ul>
              {goals.shared.map((g) => (
                <li key={g.name}>
                  <strong>{g.name}:</strong> {g.text}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nobody else has shared a goal yet.</p>
          )}

          <h2 id="vote">Continue or stop?</h2>
          {vote?.decided ? (
            <p>Decided: {vote.decided}</p>
          ) : vote?.open ? (
            <>
              <p>
                The cycle's meetings are over. {vote.cast} of {vote.members} members have voted; the vote closes {vote.closesAt ? formatDateTimeInZone(vote.closesAt, viewerZone) : "soon"}, or as soon as everyone has voted.
              </p>
              {may.vote ? (
                <Form method="post" className="stack wide" noValidate>
                  <RadioGroup
                    legend="Should the group continue for another cycle?"
                    name="vote"
                    options={(["continue", "stop"] as const).map((v) => ({ value: v, label: CONTINUE_VOTE_LABELS[v] }))}
                    selected={kept("vote", "vote", vote.mine ?? "")}
                    error={errorFor("vote", "vote")}
                    hint={vote.mine ? `You voted: ${CONTINUE_VOTE_LABELS[vote.mine].toLowerCase()}. You can change it until the vote is decided.` : undefined}
                  />
                  <div>
                    <button type="submit" name="intent" value="vote" disabled={busy}>
                      {vote.mine ? "Change my vote" : "Vote"}
                    </button>
                  </div>
                </Form>
              ) : null}
            </>
          ) : cycle.state === "evaluating" ? (
            <p>The vote has closed and is being counted.</p>
          ) : (
            <p className="muted">When the cycle's last meeting is over, members vote on whether to continue for another cycle.</p>
          )}

          {report ? (
            <section aria-labelledby="report-title">
              <h2 id="report-title">Cycle report</h2>
              <p>{report.outcome}</p>
              <ul>
                <li>
                  Attendance by meeting:{" "}
                  {heldMeetings.map((m) => `meeting ${m.number}: ${m.attendance ? `${m.attendance.present} of ${memberCount}` : "not recorded"}`).join("; ") || "no meetings held"}.
                </li>
                <li>
                  Evaluation trend (usefulness / safety):{" "}
                  {heldMeetings.map((m) => `meeting ${m.number}: ${m.evaluation.shown ? `${m.evaluation.value.usefulness.toFixed(1)} / ${m.evaluation.value.safety.toFixed(1)}` : "withheld"}`).join("; ") || "none"}.
                </li>
                <li>Goals met: {report.goalsMet.shown ? `${report.goalsMet.value.met} of ${report.goalsMet.value.rated} rated goals (progress 4 or 5)` : `withheld (${WITHHELD_TEXT.toLowerCase()})`}.</li>
                <li>Take-aways tried: {report.takeawaysTried.shown ? `${report.takeawaysTried.value.tried} of ${report.takeawaysTried.value.answered} followed up` : `withheld (${WITHHELD_TEXT.toLowerCase()})`}.</li>
                <li>
                  Hosted:{" "}
                  {heldMeetings.map((m) => `meeting ${m.number} by ${m.host ? (m.host.facilitator ? "the facilitator" : m.host.name) : "nobody recorded"}`).join("; ") || "none"}
                  {report.hostedByMembers ? ` (${report.hostedByMembers} by members)` : ""}.
                </li>
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
