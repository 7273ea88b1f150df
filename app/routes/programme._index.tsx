// The programme from where a person stands: as a member, their group's cycle
// and their own part in it (attendance, votes, evaluations, take-aways); as a
// facilitator, each of their groups' next meeting and health. Anyone signed
// in may open it; someone with no part in the programme reads why it is empty.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { FormError, Notice, RadioGroup } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { useFormat } from "~/components/use-format";
import { translateMessage } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { preferenceCohorts } from "~/domain/programme/cohorts/formation-preferences.server";
import { loadProgrammePage } from "~/domain/programme/programme-page.server";
import { answerTakeawayFollowUp } from "~/domain/programme/takeaway-follow-up.server";
import { FOLLOW_UPS, takeawayFollowUpSchema } from "~/domain/programme/takeaway-follow-up-fields";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "programme:page.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [page, preferences] = await Promise.all([loadProgrammePage(context.services.db, user), preferenceCohorts(context.services.db, user)]);
  return json({ ...page, preferenceCohorts: preferences, timeZone: user.timeZone });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  if (formData.get("intent") !== "takeaway-follow-up") return invalid(formData, { form: "org:settings.errors.unknownIntent" });
  return submitForm(formData, takeawayFollowUpSchema, async (input) => {
    await answerTakeawayFollowUp(context.services.db, user, input.takeawayId, input.followUp);
    return redirect("/programme?saved=follow-up#takeaways");
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Programme() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const empty = data.participant.length === 0 && data.facilitator.length === 0;
  const { t } = useTranslation("programme");
  const format = useFormat();
  return (
    <section aria-labelledby="programme-title" className="stack">
      <h1 id="programme-title">{t("page.heading")}</h1>
      {params.get("saved") === "follow-up" ? <Notice>{t("page.followUpSaved")}</Notice> : null}
      {empty ? <p className="lead">{t("page.empty")}</p> : null}
      {data.preferenceCohorts.length ? (
        <p>
          <Link to="/programme/preferences">{t("page.preferences")}</Link>
          <span className="muted"> · {t("page.preferencesWhen", { cohorts: format.enumerate(data.preferenceCohorts.map((c) => c.name)) })}</span>
        </p>
      ) : null}
      {data.participant.length ? (
        <p>
          <Link to="/programme/diagnostics">{t("page.diagnostics")}</Link>
        </p>
      ) : null}
      {data.participant.map((g) => (
        <MemberGroup key={g.id} group={g} timeZone={data.timeZone} />
      ))}
      {data.facilitator.length ? <FacilitatedGroups groups={data.facilitator} timeZone={data.timeZone} /> : null}
    </section>
  );
}

function MemberGroup({ group, timeZone }: { group: Data["participant"][number]; timeZone: string }) {
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const { cycle, next } = group;
  const { t } = useTranslation("programme");
  const format = useFormat();
  const when = (startsAt: string | null) => (startsAt ? format.dateTime(startsAt, timeZone) : t("page.dateToBeSet"));
  return (
    <article aria-labelledby={`group-${group.id}`} className="card stack">
      <h2 id={`group-${group.id}`}>
        <Link to={`/groups/${group.id}/cycle`}>{group.name}</Link>
      </h2>
      <p className="muted">
        {group.cohortName} · {cycle ? t("page.cycle", { number: cycle.number, state: t(`cycleStates.${cycle.state}`) }) : t("page.noCycle")}
      </p>

      {next ? (
        <section aria-labelledby={`next-${group.id}`}>
          <h3 id={`next-${group.id}`}>{t("page.nextMeeting")}</h3>
          <p>
            <Link to={`/programme/meetings/${next.id}`}>
              {cycle ? t("page.meetingOf", { number: next.number, planned: cycle.meetingsPlanned }) : t("page.meeting", { number: next.number })}
            </Link>{" "}
            · {when(next.startsAt)} · <a href={`/reunions/${next.id}.ics`}>{t("page.addToCalendar")}</a>
          </p>
          <p>
            {t("page.module")}{" "}
            {next.module ? (
              <>
                <Link to={`/modules/${next.module.slug}`}>{next.module.title}</Link> {next.moduleConfirmed ? t("page.confirmed") : t("page.leadingVote")}
              </>
            ) : (
              t("page.notChosen")
            )}
            {next.moduleConfirmed ? null : next.myVote ? (
              <>
                {" "}
                · {t("page.youVoted", { module: next.myVote })} <Link to={`/programme/meetings/${next.id}`}>{t("page.changeVote")}</Link>
              </>
            ) : (
              <>
                {" "}
                · <Link to={`/programme/meetings/${next.id}`}>{t("page.vote")}</Link>
              </>
            )}
          </p>
        </section>
      ) : null}

      {group.evaluationsToGive.length ? (
        <section aria-labelledby={`evaluate-${group.id}`}>
          <h3 id={`evaluate-${group.id}`}>{t("page.evaluations")}</h3>
          <ul>
            {group.evaluationsToGive.map((m) => (
              <li key={m.id}>
                <Link to={`/programme/meetings/${m.id}/evaluate`}>{t("page.evaluate", { number: m.number })}</Link>
                <span className="muted"> · {t("page.anonymous")}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {group.goalToWrite ? (
        <p>
          <Link to={`/groups/${group.id}/cycle#goals`}>{t("page.goal")}</Link>
        </p>
      ) : null}
      {group.continueVoteOpen ? (
        <p>
          <Link to={`/groups/${group.id}/cycle#vote`}>{t("home:work.continueVote")}</Link>
        </p>
      ) : null}

      {group.takeaways.length ? (
        <section aria-labelledby={`takeaways-${group.id}`} id="takeaways">
          <h3 id={`takeaways-${group.id}`}>{t("page.takeaways")}</h3>
          <ul className="takeaway-list">
            {group.takeaways.map((takeaway) => {
              const answeringThis = errors.values.takeawayId === takeaway.id;
              return (
                <li key={takeaway.id}>
                  <p className="comment__body">{takeaway.text}</p>
                  <p className="muted">
                    {takeaway.moduleTitle}
                    {takeaway.followUp ? ` · ${t(`followUp.answers.${takeaway.followUp}`)}` : ""}
                  </p>
                  {answeringThis ? <FormError message={errors.formError ?? errors.fieldErrors.takeawayId} /> : null}
                  <Form method="post" className="stack" noValidate>
                    <input type="hidden" name="takeawayId" value={takeaway.id} />
                    <RadioGroup
                      legend={t("followUp.question", { takeaway: takeaway.text.length > 60 ? `${takeaway.text.slice(0, 59)}…` : takeaway.text })}
                      name="followUp"
                      selected={answeringThis ? errors.value("followUp") : (takeaway.followUp ?? undefined)}
                      options={FOLLOW_UPS.map((f) => ({ value: f, label: t(`followUp.answers.${f}`) }))}
                      error={answeringThis ? errors.fieldErrors.followUp : undefined}
                    />
                    <div>
                      <button
                        type="submit"
                        name="intent"
                        value="takeaway-follow-up"
                        className="button--secondary"
                        disabled={busy}
                        aria-label={t("followUp.saveAbout", { takeaway: takeaway.text })}
                      >
                        {t("followUp.save")}
                      </button>
                    </div>
                  </Form>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {group.meetings.length ? (
        <table>
          <caption>{t("page.meetingsCaption", { zone: timeZone.replace(/_/g, " ") })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("page.columns.meeting")}</th>
              <th scope="col">{t("page.columns.when")}</th>
              <th scope="col">{t("page.columns.module")}</th>
              <th scope="col">{t("page.columns.you")}</th>
            </tr>
          </thead>
          <tbody>
            {group.meetings.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/programme/meetings/${m.id}`}>{m.number}</Link>
                </td>
                <td>
                  {when(m.startsAt)}
                  {m.cancelled ? ` · ${t("page.cancelled")}` : ""}
                </td>
                <td>{m.module ? <Link to={`/modules/${m.module.slug}`}>{m.module.title}</Link> : <span className="muted">{t("page.notChosen")}</span>}</td>
                <td>
                  {m.attendance ? t(`attendance.${m.attendance}`) : m.over ? <span className="muted">{t("page.notRecorded")}</span> : <span className="muted">{t("page.toCome")}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t("page.notScheduled")}</p>
      )}
    </article>
  );
}

function FacilitatedGroups({ groups, timeZone }: { groups: Data["facilitator"]; timeZone: string }) {
  const atRisk = groups.filter((g) => g.risk.atRisk);
  const ready = groups.filter((g) => g.stepBack?.suggest);
  const waiting = groups.reduce((n, g) => n + g.evaluationsWaiting, 0);
  const { t, i18n } = useTranslation("programme");
  const format = useFormat();
  return (
    <section aria-labelledby="facilitated-title" className="stack">
      <h2 id="facilitated-title">{t("facilitated.heading", { count: groups.length })}</h2>
      <ul className="work-list" aria-label={t("facilitated.glance")}>
        <li>{t("home:work.atRisk", { count: atRisk.length })}</li>
        <li>{t("home:work.ready", { count: ready.length })}</li>
        <li>{t("facilitated.evaluationsWaiting", { count: waiting })}</li>
      </ul>
      {groups.map((g) => (
        <article key={g.id} aria-labelledby={`facilitated-${g.id}`} className="card stack">
          <h3 id={`facilitated-${g.id}`}>
            <Link to={`/groups/${g.id}/cycle`}>{g.name}</Link>
          </h3>
          <p className="muted">
            {g.cohortName} · {t("groups:list.members", { count: g.members })} ·{" "}
            {g.cycle ? t("page.cycle", { number: g.cycle.number, state: t(`cycleStates.${g.cycle.state}`) }) : t("page.noCycle")}
          </p>
          {g.next ? (
            <p>
              {t("facilitated.next")} <Link to={`/programme/meetings/${g.next.id}`}>{t("page.meeting", { number: g.next.number })}</Link> ·{" "}
              {g.next.startsAt ? format.dateTime(g.next.startsAt, timeZone) : t("page.dateToBeSet")} · {t("page.module")}{" "}
              {g.next.module ? t(g.next.moduleConfirmed ? "facilitated.moduleConfirmed" : "facilitated.moduleNotConfirmed", { module: g.next.module.title }) : t("page.notChosen")}
            </p>
          ) : g.cycle ? null : (
            <p>
              <Link to={`/groups/${g.id}/cycle`}>{t("facilitated.schedule")}</Link>
            </p>
          )}
          {g.risk.atRisk ? (
            <div className="notice" role="status">
              <strong>{t("facilitated.atRisk")}</strong>
              <ul>
                {g.risk.reasons.map((r) => (
                  <li key={r}>{translateMessage(i18n, r)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {g.stepBack?.suggest ? (
            <p>
              <strong>{t("facilitated.ready")}</strong> {translateMessage(i18n, g.stepBack.reason)}{" "}
              {g.next ? <Link to={`/programme/meetings/${g.next.id}`}>{t("facilitated.handOver")}</Link> : null}
            </p>
          ) : null}
          {g.evaluationsWaiting ? (
            <p className="muted">{t("facilitated.evaluationsToCome", { count: g.evaluationsWaiting })}</p>
          ) : null}
        </article>
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
