// A programme group's cycle, for its members and its facilitator (a 404 for
// everyone else, the organisation's admins included): scheduling (the
// facilitator only), the meetings one by one, goals, the continue vote and,
// once finished, the cycle report. ?cycle=N shows an earlier cycle.
// The vote's direction is not shown while it is open (only how many have
// voted), so nobody votes with the crowd; the tally comes with the decision.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { FormError, Notice, RadioGroup, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { GroupSpaceNav } from "~/components/group-space-nav";
import { TableScroll } from "~/components/table-scroll";
import { TimeZoneField } from "~/components/time-zone-field";
import { useFormat } from "~/components/use-format";
import { listTimeZones } from "~/domain/accounts/account-fields";
import { translateMessage } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { castContinueVote } from "~/domain/programme/cycles/cast-continue-vote.server";
import { continueVoteSchema, goalSchema, groupGoalSchema, rateGoalSchema, rateGroupGoalSchema, scheduleCycleSchema } from "~/domain/programme/cycles/cycle-fields";
import { rateGoal, rateGroupGoal, writeGoal, writeGroupGoal } from "~/domain/programme/cycles/cycle-goals.server";
import { loadCyclePage } from "~/domain/programme/cycles/load-cycle-page.server";
import { scheduleCycle } from "~/domain/programme/cycles/schedule-cycle.server";
import { findProgrammeGroup } from "~/domain/programme/load-programme-group.server";
import { PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";
import { formatSlot } from "~/domain/reunions/format-slot";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? "groups:cycle.titleOf" : "groups:cycle.title", { group: data?.group.name ?? "" });

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
      return invalid(formData, { form: "org:settings.errors.unknownIntent" });
  }
}

const SAVED: Record<string, string> = {
  scheduled: "cycle.saved.scheduled",
  goal: "cycle.saved.goal",
  rated: "cycle.saved.rated",
  "group-goal": "cycle.saved.groupGoal",
  "group-rated": "cycle.saved.groupRated",
  voted: "cycle.saved.voted",
};

export default function GroupCycle() {
  const { group, cohort, me, facilitators, memberCount, cycles, latest, cycle, meetings, freePlaces, may, goals, vote, report, zones, viewerZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  // A cycle's outcome is a message (a row stored before the catalogues: its sentence as written).
  const { t, i18n } = useTranslation("groups");
  const format = useFormat();
  const saved = SAVED[params.get("saved") ?? ""];
  const posted = errors.values.intent;
  const kept = (intent: string, name: string, fallback = "") => (posted === intent ? (errors.value(name, fallback) ?? fallback) : fallback);
  const errorFor = (intent: string, name: string) => (posted === intent ? errors.fieldErrors[name] : undefined);
  const heldMeetings = meetings.filter((m) => !m.cancelled);
  const monthly = cohort.intervalMonths === 1;
  const withheld = t("cycle.withheld", { floor: PRIVACY_FLOOR });
  const ratingOptions = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`cycle.progress.${n}`) }));
  const ofMembers = (present: number) => t("cycle.ofMembers", { present, members: memberCount });
  const ofFive = (score: number) => t("cycle.ofFive", { score: score.toFixed(1) });
  const hostName = (m: (typeof meetings)[number]) => m.host?.name ?? t("cycle.leftGroup");
  const separator = t("cycle.report.separator");

  return (
    <section aria-labelledby="cycle-title">
      <p className="muted">
        <Link to={`/groups/${group.id}`}>{group.name}</Link> · {cohort.name}
      </p>
      <h1 id="cycle-title">{cycle ? t("cycle.headingNumber", { number: cycle.number, group: group.name }) : t("cycle.heading", { group: group.name })}</h1>
      <GroupSpaceNav groupId={group.id} convener={false} programme />
      {saved ? <Notice>{t(saved)}</Notice> : null}
      {/* A refusal shows here whichever form was sent: the form itself may no longer be offered. */}
      <FormError message={errors.formError} />

      <p>
        <strong>{cycle ? t("cycle.stateSentence", { state: t(`cycle.states.${cycle.state}`) }) : t("cycle.notScheduled")}</strong>{" "}
        {facilitators.length
          ? t("cycle.membersFacilitatedBy", { count: memberCount, names: format.list(facilitators) })
          : t("cycle.membersNoFacilitator", { count: memberCount })}
        {me.facilitator ? ` ${t("cycle.youFacilitate")}` : ""}
      </p>
      {cycles.length > 1 ? (
        <nav aria-label={t("cycle.cycles")}>
          <ul className="tabs">
            {cycles.map((c) => (
              <li key={c.number}>
                <Link to={`?cycle=${c.number}`} aria-current={cycle?.number === c.number ? "page" : undefined}>
                  {t("cycle.tab", { number: c.number })} <span className="muted">({t(`cycle.states.${c.state}`)})</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {!latest ? (
        <p>
          <Trans t={t} i18nKey="cycle.earlier" components={{ a: <Link to={`/groups/${group.id}/cycle`} /> }} />
        </p>
      ) : null}

      <h2 id="meetings">{t("cycle.meetings")}</h2>
      {meetings.length ? (
        <TableScroll label={t("cycle.meetingsLabel")}>
          <table>
            <caption className="visually-hidden">{t("cycle.meetingsCaption", { zone: viewerZone.replace(/_/g, " ") })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cycle.columns.meeting")}</th>
                <th scope="col">{t("cycle.columns.when")}</th>
                <th scope="col">{t("cycle.columns.module")}</th>
                <th scope="col">{t("cycle.columns.present")}</th>
                <th scope="col">{t("cycle.columns.usefulness")}</th>
                <th scope="col">{t("cycle.columns.safety")}</th>
                <th scope="col">{t("cycle.columns.runBy")}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id} className={m.cancelled ? "muted" : undefined}>
                  <th scope="row">
                    <Link to={`/programme/meetings/${m.id}`}>{t(m.cancelled ? "cycle.meetingCancelled" : "cycle.meeting", { number: m.number })}</Link>
                  </th>
                  <td>{m.startsAt && m.endsAt ? formatSlot(m.startsAt, m.endsAt, viewerZone, format.language) : t("meetings.noDate")}</td>
                  <td>{m.module ?? <span className="muted">{t("cycle.notChosen")}</span>}</td>
                  <td>{m.attendance ? ofMembers(m.attendance.present) : <span className="muted">{m.over ? t("cycle.notRecorded") : "—"}</span>}</td>
                  <td>{m.evaluation.shown ? ofFive(m.evaluation.value.usefulness) : <span className="muted">{m.over ? withheld : "—"}</span>}</td>
                  <td>{m.evaluation.shown ? ofFive(m.evaluation.value.safety) : <span className="muted">{m.over ? withheld : "—"}</span>}</td>
                  <td>{m.host ? t(m.host.facilitator ? "cycle.hostFacilitator" : "cycle.hostMember", { name: hostName(m) }) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="muted">{me.facilitator ? t("cycle.noMeetingsFacilitator") : t("cycle.noMeetings")}</p>
      )}
      {heldMeetings.length && meetings.some((m) => m.over) ? <p className="muted">{t("cycle.anonymous", { floor: PRIVACY_FLOOR })}</p> : null}

      {may.schedule && freePlaces > 0 ? (
        <section aria-labelledby="schedule-title">
          <h2 id="schedule-title">{t("cycle.schedule")}</h2>
          <p className="muted">
            {freePlaces === cohort.meetingsPerCycle
              ? t(monthly ? "cycle.scheduleAllMonthly" : "cycle.scheduleAllEvery", { meetings: cohort.meetingsPerCycle, months: cohort.intervalMonths })
              : t(monthly ? "cycle.scheduleFreeMonthly" : "cycle.scheduleFreeEvery", { free: freePlaces, places: cycle?.meetingsPlanned ?? cohort.meetingsPerCycle, months: cohort.intervalMonths })}
          </p>
          <Form method="post" className="stack wide" noValidate aria-labelledby="schedule-title">
            <TextField label={t("cycle.fields.date")} name="date" type="date" defaultValue={kept("schedule", "date")} error={errorFor("schedule", "date")} />
            <TextField label={t("cycle.fields.startTime")} name="startTime" type="time" defaultValue={kept("schedule", "startTime")} error={errorFor("schedule", "startTime")} />
            <TimeZoneField zones={zones} defaultValue={kept("schedule", "timeZone", cohort.timeZone)} error={errorFor("schedule", "timeZone")} />
            <TextField label={t("meetings.fields.place")} name="location" hint={t("cycle.fields.placeHint")} defaultValue={kept("schedule", "location")} error={errorFor("schedule", "location")} />
            <TextField label={t("cycle.fields.videoLink")} name="onlineUrl" type="url" hint={t("meetings.fields.linkHint")} defaultValue={kept("schedule", "onlineUrl")} error={errorFor("schedule", "onlineUrl")} />
            <div>
              <button type="submit" name="intent" value="schedule" disabled={busy}>
                {busy ? t("common:actions.saving") : t("cycle.scheduleSubmit")}
              </button>
            </div>
          </Form>
        </section>
      ) : me.facilitator && latest && cycle && !cohort.sponsored ? (
        <p className="muted">{t("cycle.notSponsored")}</p>
      ) : null}

      {cycle ? (
        <>
          <h2 id="group-goal">{t("cycle.groupGoal")}</h2>
          {cycle.groupGoal ? <p>{cycle.groupGoal}</p> : <p className="muted">{t("cycle.noGroupGoal")}</p>}
          {cycle.groupGoalRating ? (
            <p>{cycle.groupGoalNote ? t("cycle.ratedWithNote", { rating: cycle.groupGoalRating, note: cycle.groupGoalNote }) : t("cycle.rated", { rating: cycle.groupGoalRating })}</p>
          ) : null}
          {may.writeGroupGoal ? (
            <Form method="post" className="stack wide" noValidate>
              <TextAreaField label={t("cycle.fields.groupGoal")} name="groupGoal" rows={3} defaultValue={kept("group-goal", "groupGoal", cycle.groupGoal)} error={errorFor("group-goal", "groupGoal")} />
              <TextAreaField label={t("cycle.fields.concerns")} name="concerns" rows={3} hint={t("cycle.fields.concernsHint")} defaultValue={kept("group-goal", "concerns", cycle.concerns ?? "")} error={errorFor("group-goal", "concerns")} />
              <div>
                <button type="submit" name="intent" value="group-goal" className="button--secondary" disabled={busy}>
                  {t("cycle.saveGroupGoal")}
                </button>
              </div>
            </Form>
          ) : null}
          {may.rateGroupGoal ? (
            <Form method="post" className="stack wide" noValidate>
              <SelectField
                label={t("cycle.fields.groupRating")}
                name="rating"
                options={[{ value: "", label: t("cycle.choose") }, ...ratingOptions]}
                defaultValue={kept("rate-group-goal", "rating", cycle.groupGoalRating ? String(cycle.groupGoalRating) : "")}
                error={errorFor("rate-group-goal", "rating")}
              />
              <TextAreaField label={t("cycle.fields.note")} name="note" rows={3} defaultValue={kept("rate-group-goal", "note", cycle.groupGoalNote)} error={errorFor("rate-group-goal", "note")} />
              <div>
                <button type="submit" name="intent" value="rate-group-goal" className="button--secondary" disabled={busy}>
                  {t("cycle.rateGroupGoal")}
                </button>
              </div>
            </Form>
          ) : null}

          <h2 id="goals">{t("cycle.goals")}</h2>
          {me.member ? (
            goals?.mine ? (
              <p>
                {t(`cycle.myGoal${goals.mine.shared ? "Shared" : "Private"}${goals.mine.progress ? "Progress" : ""}`, { text: goals.mine.text, progress: goals.mine.progress ?? 0 })}
              </p>
            ) : (
              <p className="muted">{t("cycle.noGoal")}</p>
            )
          ) : null}
          {may.writeGoal ? (
            <Form method="post" className="stack wide" noValidate>
              <TextAreaField label={t("cycle.fields.goal")} name="text" rows={3} hint={t("cycle.fields.goalHint")} defaultValue={kept("goal", "text", goals?.mine?.text ?? "")} error={errorFor("goal", "text")} />
              <label className="checkbox">
                <input type="checkbox" name="shared" defaultChecked={posted === "goal" ? errors.values.shared === "on" : (goals?.mine?.shared ?? false)} /> {t("cycle.fields.share")}
              </label>
              <div>
                <button type="submit" name="intent" value="goal" className="button--secondary" disabled={busy}>
                  {t("cycle.saveGoal")}
                </button>
              </div>
            </Form>
          ) : null}
          {may.rateGoal ? (
            <Form method="post" className="stack wide" noValidate>
              <SelectField
                label={t("cycle.fields.progress")}
                name="progress"
                options={[{ value: "", label: t("cycle.choose") }, ...ratingOptions]}
                defaultValue={kept("rate-goal", "progress", goals?.mine?.progress ? String(goals.mine.progress) : "")}
                error={errorFor("rate-goal", "progress")}
              />
              <TextAreaField label={t("cycle.fields.whatHelped")} name="whatHelped" rows={3} defaultValue={kept("rate-goal", "whatHelped", goals?.mine?.whatHelped ?? "")} error={errorFor("rate-goal", "whatHelped")} />
              <div>
                <button type="submit" name="intent" value="rate-goal" className="button--secondary" disabled={busy}>
                  {t("cycle.saveProgress")}
                </button>
              </div>
            </Form>
          ) : null}
          <h3>{t("cycle.sharedGoals")}</h3>
          {goals?.shared.length ? (
            <ul>
              {goals.shared.map((g) => (
                <li key={g.name}>
                  <Trans t={t} i18nKey="cycle.sharedGoal" values={{ name: g.name, text: g.text }} components={{ strong: <strong /> }} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("cycle.noSharedGoals")}</p>
          )}

          <h2 id="vote">{t("cycle.vote")}</h2>
          {vote?.decided ? (
            <p>{t("cycle.decided", { outcome: translateMessage(i18n, vote.decided) })}</p>
          ) : vote?.open ? (
            <>
              <p>
                {vote.closesAt
                  ? t("cycle.voteOpen", { cast: vote.cast, members: vote.members, date: format.dateTime(vote.closesAt, viewerZone) })
                  : t("cycle.voteOpenSoon", { cast: vote.cast, members: vote.members })}
              </p>
              {may.vote ? (
                <Form method="post" className="stack wide" noValidate>
                  <RadioGroup
                    legend={t("cycle.voteLegend")}
                    name="vote"
                    options={(["continue", "stop"] as const).map((v) => ({ value: v, label: t(`cycle.voteOptions.${v}`) }))}
                    selected={kept("vote", "vote", vote.mine ?? "")}
                    error={errorFor("vote", "vote")}
                    hint={vote.mine ? t(`cycle.youVoted.${vote.mine}`) : undefined}
                  />
                  <div>
                    <button type="submit" name="intent" value="vote" disabled={busy}>
                      {vote.mine ? t("cycle.changeVote") : t("cycle.castVote")}
                    </button>
                  </div>
                </Form>
              ) : null}
            </>
          ) : cycle.state === "evaluating" ? (
            <p>{t("cycle.voteCounting")}</p>
          ) : (
            <p className="muted">{t("cycle.voteLater")}</p>
          )}

          {report ? (
            <section aria-labelledby="report-title">
              <h2 id="report-title">{t("cycle.report.title")}</h2>
              {report.outcome ? <p>{translateMessage(i18n, report.outcome)}</p> : null}
              <ul>
                <li>
                  {t("cycle.report.attendance", {
                    list: heldMeetings.length
                      ? heldMeetings.map((m) => t("cycle.report.attendanceOf", { number: m.number, value: m.attendance ? ofMembers(m.attendance.present) : t("cycle.report.notRecorded") })).join(separator)
                      : t("cycle.report.noMeetings"),
                  })}
                </li>
                <li>
                  {t("cycle.report.evaluations", {
                    list: heldMeetings.length
                      ? heldMeetings
                          .map((m) =>
                            t("cycle.report.attendanceOf", {
                              number: m.number,
                              value: m.evaluation.shown ? `${m.evaluation.value.usefulness.toFixed(1)} / ${m.evaluation.value.safety.toFixed(1)}` : t("cycle.report.withheldShort"),
                            }),
                          )
                          .join(separator)
                      : t("cycle.report.none"),
                  })}
                </li>
                <li>
                  {report.goalsMet.shown
                    ? t("cycle.report.goalsMet", { met: report.goalsMet.value.met, rated: report.goalsMet.value.rated })
                    : t("cycle.report.goalsMetWithheld", { floor: PRIVACY_FLOOR })}
                </li>
                <li>
                  {report.takeawaysTried.shown
                    ? t("cycle.report.takeaways", { tried: report.takeawaysTried.value.tried, answered: report.takeawaysTried.value.answered })
                    : t("cycle.report.takeawaysWithheld", { floor: PRIVACY_FLOOR })}
                </li>
                <li>
                  {t(report.hostedByMembers ? "cycle.report.hostedByMembers" : "cycle.report.hosted", {
                    list: heldMeetings.length
                      ? heldMeetings
                          .map((m) => t("cycle.report.hostedOf", { number: m.number, host: m.host ? (m.host.facilitator ? t("cycle.report.theFacilitator") : hostName(m)) : t("cycle.report.nobodyRecorded") }))
                          .join(separator)
                      : t("cycle.report.none"),
                    byMembers: report.hostedByMembers,
                  })}
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
