// A mentoring pair's private space: shared goals, check-ins, each person's
// own notes, the end date, and ending with a closing reflection. The mentor
// and the mentee only; anyone else (admins included) gets a 404.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { DayAndTimesFields } from "~/components/day-and-times-fields";
import { FormError, TextAreaField, TextField } from "~/components/form-fields";
import { formatDateInZone, formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { TimeZoneField } from "~/components/time-zone-field";
import { listTimeZones } from "~/domain/accounts/account-fields";
import { endMentorship, addReflection } from "~/domain/mentoring/end-mentorship.server";
import { formatDay, MAX_CHECK_INS, MAX_NOTE_LENGTH, MAX_REFLECTION_LENGTH, MAX_SHARED_GOAL_LENGTH, pairSpaceSchema } from "~/domain/mentoring/mentoring-fields";
import { addGoal, addNote, findMentorship, loadPairSpace, setEndDate, setGoalDone } from "~/domain/mentoring/mentorship-space.server";
import { scheduleCheckIn } from "~/domain/mentoring/schedule-check-in.server";
import { REUNION_STATUS_LABELS } from "~/domain/reunions/reunion-fields";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { useFreshFormKey } from "~/forms/use-fresh-form-key";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Mentoring with ${data.pair.otherName} · Roundtable` : "Mentoring · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const space = await loadPairSpace(context.services.db, user, params.pairId ?? "");
  return json({ ...space, viewerZone: user.timeZone, zones: space.pair.status === "active" ? listTimeZones() : [] });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // Anyone but the two of them gets a 404 whatever the form says.
  const { id } = await findMentorship(db, user, params.pairId ?? "");
  const formData = await readFormData(request);
  const here = `/mentoring/${id}`;
  return submitForm(formData, pairSpaceSchema, async (input) => {
    switch (input.intent) {
      case "add-goal":
        await addGoal(db, user, id, input.goal);
        return redirect(`${here}#goals`);
      case "goal-done":
      case "goal-undone":
        await setGoalDone(db, user, id, input.goalId, input.intent === "goal-done");
        return redirect(`${here}#goals`);
      case "add-note":
        await addNote(db, user, id, input.note);
        return redirect(`${here}#notes`);
      case "check-in":
        await scheduleCheckIn(db, user, id, input);
        return redirect(`${here}#check-ins`);
      case "ends-on":
        await setEndDate(db, user, id, input.endsOn);
        return redirect(`${here}#end`);
      case "end":
        await endMentorship(db, user, id, input.reflection);
        return redirect(`${here}#reflections`);
      case "reflect":
        await addReflection(db, user, id, input.reflection);
        return redirect(`${here}#reflections`);
    }
  });
}

export default function MentoringSpace() {
  const { pair, goals, checkIns, notes, reflections, mayReflect, viewerZone, zones } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  // Forms that add something empty themselves after it is saved; a refusal keeps the text.
  const fresh = useFreshFormKey();
  const busy = useNavigation().state === "submitting";
  const posted = errors.values.intent;
  const errorFor = (intent: string, field: string) => (posted === intent ? errors.fieldErrors[field] : undefined);
  const keptFor = (intent: string, field: string, fallback = "") => (posted === intent ? errors.value(field, fallback) ?? fallback : fallback);
  const running = pair.status === "active";
  return (
    <article aria-labelledby="pair-title">
      <p className="muted">
        <Link to="/mentoring">Mentoring</Link>
      </p>
      <h1 id="pair-title">{pair.role === "mentor" ? `Mentoring ${pair.otherName}` : `Mentored by ${pair.otherName}`}</h1>
      <p className="muted">Private to {pair.mentor.name} and {pair.mentee.name}.</p>
      <FormError message={errors.formError ?? errors.fieldErrors.intent ?? errors.fieldErrors.goalId} />
      <dl className="facts">
        {([["Mentor", pair.mentor], ["Mentee", pair.mentee]] as const).map(([part, person]) => (
          <div key={part}>
            <dt>{part}</dt>
            <dd>
              {person.name} ({person.orgName})
            </dd>
          </div>
        ))}
        <div>
          <dt>Started</dt>
          <dd>{formatDateInZone(pair.startedAt, viewerZone)}</dd>
        </div>
        <div>
          <dt>{running ? "Planned end" : "Ended"}</dt>
          <dd>{running ? (pair.endsOn ? formatDay(pair.endsOn) : "Not set") : pair.endedAt ? formatDateInZone(pair.endedAt, viewerZone) : "—"}</dd>
        </div>
      </dl>
      {pair.requestGoal ? (
        <>
          <h2>What {pair.role === "mentee" ? "you" : pair.mentee.name} asked for</h2>
          <p className="proposal__text">{pair.requestGoal}</p>
        </>
      ) : null}

      <section aria-labelledby="goals-title" id="goals">
        <h2 id="goals-title">Shared goals</h2>
        {goals.length === 0 ? <p>No goals yet. Agree on one or two to work on together.</p> : null}
        <ul className="takeaway-list">
          {goals.map((g) => (
            <li key={g.id}>
              <p>
                {g.doneAt ? "✓ " : ""}
                <span className="proposal__text">{g.text}</span>
                {g.doneAt ? <span className="muted"> (done on {formatDateInZone(g.doneAt, viewerZone)})</span> : null}
              </p>
              {running ? (
                <Form method="post">
                  <input type="hidden" name="goalId" value={g.id} />
                  <button type="submit" name="intent" value={g.doneAt ? "goal-undone" : "goal-done"} className="button--secondary button--small" disabled={busy} aria-label={g.doneAt ? `Mark “${g.text}” as not done` : `Mark “${g.text}” as done`}>
                    {g.doneAt ? "Not done yet" : "Done"}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {running ? (
          <Form key={fresh("add-goal")} method="post" className="stack">
            <TextField label="New goal" name="goal" maxLength={MAX_SHARED_GOAL_LENGTH} defaultValue={keptFor("add-goal", "goal")} error={errorFor("add-goal", "goal")} />
            <div>
              <button type="submit" name="intent" value="add-goal" disabled={busy}>
                Add goal
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="check-ins-title" id="check-ins">
        <h2 id="check-ins-title">Check-ins</h2>
        {checkIns.length === 0 ? <p>No check-ins planned yet.</p> : null}
        <ul>
          {checkIns.map((c) => (
            <li key={c.id}>
              <Link to={`/reunions/${c.id}`}>{c.startsAt ? formatDateTimeInZone(c.startsAt, viewerZone) : "Date to be chosen"}</Link>
              {c.status === "cancelled" ? ` · ${REUNION_STATUS_LABELS.cancelled}` : ""}
              {c.location || c.onlineUrl ? <span className="muted proposal__text"> · {[c.location, c.onlineUrl].filter(Boolean).join(", ")}</span> : null}
            </li>
          ))}
        </ul>
        {running ? (
          <Form key={fresh("check-in")} method="post" className="stack">
            <h3>Plan a check-in</h3>
            <DayAndTimesFields value={(name) => keptFor("check-in", name)} errors={posted === "check-in" ? errors.fieldErrors : {}} />
            <TimeZoneField zones={zones} defaultValue={keptFor("check-in", "timeZone", viewerZone)} error={errorFor("check-in", "timeZone")} />
            <TextField label="Place" name="location" hint="Where you meet, or leave empty and give a link." defaultValue={keptFor("check-in", "location")} error={errorFor("check-in", "location")} />
            <TextField label="Online link" name="onlineUrl" type="url" defaultValue={keptFor("check-in", "onlineUrl")} error={errorFor("check-in", "onlineUrl")} />
            <TextField
              label="How many check-ins, one a month"
              name="count"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_CHECK_INS}
              hint={`1 for a single check-in; up to ${MAX_CHECK_INS} monthly check-ins at the same time of day.`}
              defaultValue={keptFor("check-in", "count", "1")}
              error={errorFor("check-in", "count")}
            />
            <div>
              <button type="submit" name="intent" value="check-in" disabled={busy}>
                Plan check-in
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="notes-title" id="notes">
        <h2 id="notes-title">My private notes</h2>
        <p className="muted">Only you see these notes; {pair.otherName} never does.</p>
        <Form key={fresh("add-note")} method="post" className="stack">
          <TextAreaField label="New note" name="note" rows={3} maxLength={MAX_NOTE_LENGTH} defaultValue={keptFor("add-note", "note")} error={errorFor("add-note", "note")} />
          <div>
            <button type="submit" name="intent" value="add-note" disabled={busy}>
              Save note
            </button>
          </div>
        </Form>
        <ul className="takeaway-list">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="muted">{formatDateTimeInZone(n.createdAt, viewerZone)}</p>
              <p className="proposal__text">{n.text}</p>
            </li>
          ))}
        </ul>
      </section>

      {running ? (
        <section aria-labelledby="end-title" id="end">
          <h2 id="end-title">End date</h2>
          <Form method="post" className="stack">
            <TextField
              label="Planned end date"
              name="endsOn"
              type="date"
              hint="When you expect to finish. Leave empty for no date."
              defaultValue={keptFor("ends-on", "endsOn", pair.endsOn ?? "")}
              error={errorFor("ends-on", "endsOn")}
            />
            <div>
              <button type="submit" name="intent" value="ends-on" disabled={busy}>
                Save end date
              </button>
            </div>
          </Form>
          <h2>End the mentoring</h2>
          <ReflectionForm
            intent="end"
            button="End the mentoring"
            hint={`A few words on what the mentoring brought you, up to ${MAX_REFLECTION_LENGTH} characters. ${pair.otherName} sees it and can add theirs.`}
          />
        </section>
      ) : (
        <section aria-labelledby="reflections-title" id="reflections">
          <h2 id="reflections-title">Closing reflections</h2>
          <ul className="takeaway-list">
            {reflections.map((r) => (
              <li key={r.name + r.createdAt}>
                <p className="muted">{r.mine ? "You" : r.name}</p>
                <p className="proposal__text">{r.text}</p>
              </li>
            ))}
          </ul>
          {mayReflect ? <ReflectionForm intent="reflect" button="Add my reflection" /> : null}
        </section>
      )}
    </article>
  );
}

/** The closing reflection: written when ending the pair, or afterwards by the other person. */
function ReflectionForm({ intent, button, hint }: { intent: "end" | "reflect"; button: string; hint?: string }) {
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const posted = errors.values.intent === intent;
  return (
    <Form method="post" className="stack">
      <TextAreaField
        label="Your closing reflection"
        name="reflection"
        rows={4}
        maxLength={MAX_REFLECTION_LENGTH}
        hint={hint}
        defaultValue={posted ? errors.value("reflection", "") : ""}
        error={posted ? errors.fieldErrors.reflection : undefined}
      />
      <div>
        <button type="submit" name="intent" value={intent} className={intent === "end" ? "button--danger" : undefined} disabled={busy}>
          {button}
        </button>
      </div>
    </Form>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
