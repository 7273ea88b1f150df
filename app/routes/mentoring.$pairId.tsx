// A mentoring pair's private space: shared goals, check-ins, each person's
// own notes, the end date, and ending with a closing reflection. The mentor
// and the mentee only; anyone else (admins included) gets a 404.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { DayAndTimesFields } from "~/components/day-and-times-fields";
import { FormError, TextAreaField, TextField } from "~/components/form-fields";
import { useFormat } from "~/components/use-format";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { TimeZoneField } from "~/components/time-zone-field";
import { listTimeZones } from "~/domain/accounts/account-fields";
import { endMentorship, addReflection } from "~/domain/mentoring/end-mentorship.server";
import { MAX_CHECK_INS, MAX_NOTE_LENGTH, MAX_REFLECTION_LENGTH, MAX_SHARED_GOAL_LENGTH, pairSpaceSchema } from "~/domain/mentoring/mentoring-fields";
import { addGoal, addNote, findMentorship, loadPairSpace, setEndDate, setGoalDone } from "~/domain/mentoring/mentorship-space.server";
import { scheduleCheckIn } from "~/domain/mentoring/schedule-check-in.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { useFreshFormKey } from "~/forms/use-fresh-form-key";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => (data ? pageTitle(matches, "mentoring:pair.title", { name: data.pair.otherName }) : pageTitle(matches, "mentoring:index.title"));

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
        await scheduleCheckIn(db, user, id, input, context.language);
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
  const { t } = useTranslation("mentoring");
  const otherName = personName(pair.otherName, t);
  const format = useFormat();
  // A calendar day such as the end date ("2026-06-30"), the same in every zone.
  const day = (d: string) => format.date(`${d}T12:00:00Z`, "UTC");
  return (
    <article aria-labelledby="pair-title">
      <p className="muted">
        <Link to="/mentoring">{t("index.heading")}</Link>
      </p>
      <h1 id="pair-title">{pair.role === "mentor" ? t("pair.mentoring", { name: otherName }) : t("pair.mentoredBy", { name: otherName })}</h1>
      <p className="muted">{t("pair.privateTo", { mentor: personName(pair.mentor.name, t), mentee: personName(pair.mentee.name, t) })}</p>
      <FormError message={errors.formError ?? errors.fieldErrors.intent ?? errors.fieldErrors.goalId} />
      <dl className="facts">
        {([["mentor", pair.mentor], ["mentee", pair.mentee]] as const).map(([part, person]) => (
          <div key={part}>
            <dt>{t(`pair.${part}`)}</dt>
            <dd>{t("pair.personOrg", { name: personName(person.name, t), organisation: person.orgName })}</dd>
          </div>
        ))}
        <div>
          <dt>{t("pair.started")}</dt>
          <dd>{format.date(pair.startedAt, viewerZone)}</dd>
        </div>
        <div>
          <dt>{running ? t("pair.plannedEnd") : t("pair.ended")}</dt>
          <dd>{running ? (pair.endsOn ? day(pair.endsOn) : t("pair.notSet")) : pair.endedAt ? format.date(pair.endedAt, viewerZone) : "—"}</dd>
        </div>
      </dl>
      {pair.requestGoal ? (
        <>
          <h2>{pair.role === "mentee" ? t("pair.youAskedFor") : t("pair.theyAskedFor", { name: pair.mentee.name })}</h2>
          <p className="proposal__text">{pair.requestGoal}</p>
        </>
      ) : null}

      <section aria-labelledby="goals-title" id="goals">
        <h2 id="goals-title">{t("pair.goals")}</h2>
        {goals.length === 0 ? <p>{t("pair.noGoals")}</p> : null}
        <ul className="takeaway-list">
          {goals.map((g) => (
            <li key={g.id}>
              <p>
                {g.doneAt ? "✓ " : ""}
                <span className="proposal__text">{g.text}</span>
                {g.doneAt ? <span className="muted">{t("pair.doneOn", { date: format.date(g.doneAt, viewerZone) })}</span> : null}
              </p>
              {running ? (
                <Form method="post">
                  <input type="hidden" name="goalId" value={g.id} />
                  <button type="submit" name="intent" value={g.doneAt ? "goal-undone" : "goal-done"} className="button--secondary button--small" disabled={busy} aria-label={g.doneAt ? t("pair.markUndone", { goal: g.text }) : t("pair.markDone", { goal: g.text })}>
                    {g.doneAt ? t("pair.notDoneYet") : t("pair.done")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {running ? (
          <Form key={fresh("add-goal")} method="post" className="stack">
            <TextField label={t("pair.newGoal")} name="goal" maxLength={MAX_SHARED_GOAL_LENGTH} defaultValue={keptFor("add-goal", "goal")} error={errorFor("add-goal", "goal")} />
            <div>
              <button type="submit" name="intent" value="add-goal" disabled={busy}>
                {t("pair.addGoal")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="check-ins-title" id="check-ins">
        <h2 id="check-ins-title">{t("pair.checkIns")}</h2>
        {checkIns.length === 0 ? <p>{t("pair.noCheckIns")}</p> : null}
        <ul>
          {checkIns.map((c) => (
            <li key={c.id}>
              <Link to={`/reunions/${c.id}`}>{c.startsAt ? format.dateTime(c.startsAt, viewerZone) : t("pair.dateToBeChosen")}</Link>
              {c.status === "cancelled" ? ` · ${t("reunions:statuses.cancelled")}` : ""}
              {c.location || c.onlineUrl ? <span className="muted proposal__text"> · {format.enumerate([c.location, c.onlineUrl].filter((x): x is string => !!x))}</span> : null}
            </li>
          ))}
        </ul>
        {running ? (
          <Form key={fresh("check-in")} method="post" className="stack">
            <h3>{t("pair.planCheckIn")}</h3>
            <DayAndTimesFields value={(name) => keptFor("check-in", name)} errors={posted === "check-in" ? errors.fieldErrors : {}} />
            <TimeZoneField zones={zones} defaultValue={keptFor("check-in", "timeZone", viewerZone)} error={errorFor("check-in", "timeZone")} />
            <TextField label={t("pair.place")} name="location" hint={t("pair.placeHint")} defaultValue={keptFor("check-in", "location")} error={errorFor("check-in", "location")} />
            <TextField label={t("pair.onlineUrl")} name="onlineUrl" type="url" defaultValue={keptFor("check-in", "onlineUrl")} error={errorFor("check-in", "onlineUrl")} />
            <TextField
              label={t("pair.count")}
              name="count"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_CHECK_INS}
              hint={t("pair.countHint", { max: MAX_CHECK_INS })}
              defaultValue={keptFor("check-in", "count", "1")}
              error={errorFor("check-in", "count")}
            />
            <div>
              <button type="submit" name="intent" value="check-in" disabled={busy}>
                {t("pair.planSubmit")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="notes-title" id="notes">
        <h2 id="notes-title">{t("pair.notes")}</h2>
        <p className="muted">{t("pair.notesPrivate", { name: otherName })}</p>
        <Form key={fresh("add-note")} method="post" className="stack">
          <TextAreaField label={t("pair.newNote")} name="note" rows={3} maxLength={MAX_NOTE_LENGTH} defaultValue={keptFor("add-note", "note")} error={errorFor("add-note", "note")} />
          <div>
            <button type="submit" name="intent" value="add-note" disabled={busy}>
              {t("pair.saveNote")}
            </button>
          </div>
        </Form>
        <ul className="takeaway-list">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="muted">{format.dateTime(n.createdAt, viewerZone)}</p>
              <p className="proposal__text">{n.text}</p>
            </li>
          ))}
        </ul>
      </section>

      {running ? (
        <section aria-labelledby="end-title" id="end">
          <h2 id="end-title">{t("pair.endDate")}</h2>
          <Form method="post" className="stack">
            <TextField
              label={t("pair.plannedEndDate")}
              name="endsOn"
              type="date"
              hint={t("pair.endDateHint")}
              defaultValue={keptFor("ends-on", "endsOn", pair.endsOn ?? "")}
              error={errorFor("ends-on", "endsOn")}
            />
            <div>
              <button type="submit" name="intent" value="ends-on" disabled={busy}>
                {t("pair.saveEndDate")}
              </button>
            </div>
          </Form>
          <h2>{t("pair.end")}</h2>
          <ReflectionForm
            intent="end"
            button={t("pair.end")}
            hint={t("pair.endHint", { max: MAX_REFLECTION_LENGTH, name: otherName })}
          />
        </section>
      ) : (
        <section aria-labelledby="reflections-title" id="reflections">
          <h2 id="reflections-title">{t("pair.reflections")}</h2>
          <ul className="takeaway-list">
            {reflections.map((r) => (
              <li key={r.name + r.createdAt}>
                <p className="muted">{r.mine ? t("pair.you") : r.name}</p>
                <p className="proposal__text">{r.text}</p>
              </li>
            ))}
          </ul>
          {mayReflect ? <ReflectionForm intent="reflect" button={t("pair.addReflection")} /> : null}
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
  const { t } = useTranslation("mentoring");
  return (
    <Form method="post" className="stack">
      <TextAreaField
        label={t("pair.yourReflection")}
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
