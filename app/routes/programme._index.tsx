// The programme from where a person stands: as a member, their group's cycle
// and their own part in it (attendance, votes, evaluations, take-aways); as a
// facilitator, each of their groups' next meeting and health. Anyone signed
// in may open it; someone with no part in the programme reads why it is empty.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormError, Notice, RadioGroup } from "~/components/form-fields";
import { formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { preferenceCohorts } from "~/domain/programme/cohorts/formation-preferences.server";
import { loadProgrammePage } from "~/domain/programme/programme-page.server";
import { answerTakeawayFollowUp } from "~/domain/programme/takeaway-follow-up.server";
import { FOLLOW_UP_LABELS, FOLLOW_UPS, takeawayFollowUpSchema } from "~/domain/programme/takeaway-follow-up-fields";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Your programme · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [page, preferences] = await Promise.all([loadProgrammePage(context.services.db, user), preferenceCohorts(context.services.db, user)]);
  return json({ ...page, preferenceCohorts: preferences, timeZone: user.timeZone });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  if (formData.get("intent") !== "takeaway-follow-up") return invalid(formData, { form: "That action is not one this page offers. Please reload the page." });
  return submitForm(formData, takeawayFollowUpSchema, async (input) => {
    await answerTakeawayFollowUp(context.services.db, user, input.takeawayId, input.followUp);
    return redirect("/programme?saved=follow-up#takeaways");
  });
}

const ATTENDANCE_LABELS: Record<string, string> = { present: "You were there", excused: "Excused", absent: "Absent" };
const CYCLE_STATE_LABELS: Record<string, string> = {
  planned: "Planned",
  running: "Running",
  evaluating: "Finished: the continue vote is open",
  continued: "Finished: the group continues",
  ended: "Ended",
};

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Programme() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const empty = data.participant.length === 0 && data.facilitator.length === 0;
  return (
    <section aria-labelledby="programme-title" className="stack">
      <h1 id="programme-title">Your programme</h1>
      {params.get("saved") === "follow-up" ? <Notice>Your answer is saved. Thank you for following up.</Notice> : null}
      {empty ? (
        <p className="lead">
          You are not in a programme group yet. When your organisation enrols you in a cohort, your group, its meetings and what to do before each one
          appear here.
        </p>
      ) : null}
      {data.preferenceCohorts.length ? (
        <p>
          <Link to="/programme/preferences">Name colleagues you would like to meet, or would rather not be grouped with</Link>
          <span className="muted">
            {" "}
            · when the groups of {data.preferenceCohorts.map((c) => c.name).join(", ")} are formed
          </span>
        </p>
      ) : null}
      {data.participant.length ? (
        <p>
          <Link to="/programme/diagnostics">Your self-assessment: agency, responsiveness and connectivity, before and after, with suggested next steps</Link>
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
  return (
    <article aria-labelledby={`group-${group.id}`} className="card stack">
      <h2 id={`group-${group.id}`}>
        <Link to={`/groups/${group.id}/cycle`}>{group.name}</Link>
      </h2>
      <p className="muted">
        {group.cohortName}
        {cycle ? ` · cycle ${cycle.number} · ${CYCLE_STATE_LABELS[cycle.state]}` : " · no cycle planned yet"}
      </p>

      {next ? (
        <section aria-labelledby={`next-${group.id}`}>
          <h3 id={`next-${group.id}`}>Next meeting</h3>
          <p>
            <Link to={`/programme/meetings/${next.id}`}>
              Meeting {next.number}
              {cycle ? ` of ${cycle.meetingsPlanned}` : ""}
            </Link>{" "}
            · {next.startsAt ? formatDateTimeInZone(next.startsAt, timeZone) : "date to be set"} · <a href={`/reunions/${next.id}.ics`}>Add to your calendar</a>
          </p>
          <p>
            Module:{" "}
            {next.module ? (
              <>
                <Link to={`/modules/${next.module.slug}`}>{next.module.title}</Link>
                {next.moduleConfirmed ? " (confirmed)" : " (leading the vote)"}
              </>
            ) : (
              "not chosen yet"
            )}
            {next.moduleConfirmed ? null : next.myVote ? (
              <>
                {" "}
                · you voted for {next.myVote}. <Link to={`/programme/meetings/${next.id}`}>Change your vote</Link>
              </>
            ) : (
              <>
                {" "}
                · <Link to={`/programme/meetings/${next.id}`}>Vote for the module</Link>
              </>
            )}
          </p>
        </section>
      ) : null}

      {group.evaluationsToGive.length ? (
        <section aria-labelledby={`evaluate-${group.id}`}>
          <h3 id={`evaluate-${group.id}`}>Evaluations to give</h3>
          <ul>
            {group.evaluationsToGive.map((m) => (
              <li key={m.id}>
                <Link to={`/programme/meetings/${m.id}/evaluate`}>One minute on meeting {m.number}</Link>
                <span className="muted"> · anonymous: your answers are stored without your name</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {group.goalToWrite ? (
        <p>
          <Link to={`/groups/${group.id}/cycle#goals`}>Write your goal for this cycle</Link>
        </p>
      ) : null}
      {group.continueVoteOpen ? (
        <p>
          <Link to={`/groups/${group.id}/cycle#vote`}>Vote: should your group continue for another cycle?</Link>
        </p>
      ) : null}

      {group.takeaways.length ? (
        <section aria-labelledby={`takeaways-${group.id}`} id="takeaways">
          <h3 id={`takeaways-${group.id}`}>From your last meeting: did you try it?</h3>
          <ul className="takeaway-list">
            {group.takeaways.map((t) => {
              const answeringThis = errors.values.takeawayId === t.id;
              return (
                <li key={t.id}>
                  <p className="comment__body">{t.text}</p>
                  <p className="muted">
                    {t.moduleTitle}
                    {t.followUp ? ` · ${FOLLOW_UP_LABELS[t.followUp]}` : ""}
                  </p>
                  {answeringThis ? <FormError message={errors.formError ?? errors.fieldErrors.takeawayId} /> : null}
                  <Form method="post" className="stack" noValidate>
                    <input type="hidden" name="takeawayId" value={t.id} />
                    <RadioGroup
                      legend={`Did you try “${t.text.length > 60 ? `${t.text.slice(0, 59)}…` : t.text}”?`}
                      name="followUp"
                      selected={answeringThis ? errors.value("followUp") : (t.followUp ?? undefined)}
                      options={FOLLOW_UPS.map((f) => ({ value: f, label: FOLLOW_UP_LABELS[f] }))}
                      error={answeringThis ? errors.fieldErrors.followUp : undefined}
                    />
                    <div>
                      <button type="submit" name="intent" value="takeaway-follow-up" className="button--secondary" disabled={busy}>
                        Save the answer<span className="visually-hidden"> about “{t.text}”</span>
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
          <caption>The meetings of this cycle (times in {timeZone.replace(/_/g, " ")})</caption>
          <thead>
            <tr>
              <th scope="col">Meeting</th>
              <th scope="col">When</th>
              <th scope="col">Module</th>
              <th scope="col">You</th>
            </tr>
          </thead>
          <tbody>
            {group.meetings.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/programme/meetings/${m.id}`}>{m.number}</Link>
                </td>
                <td>
                  {m.startsAt ? formatDateTimeInZone(m.startsAt, timeZone) : "date to be set"}
                  {m.cancelled ? " · cancelled" : ""}
                </td>
                <td>{m.module ? <Link to={`/modules/${m.module.slug}`}>{m.module.title}</Link> : <span className="muted">not chosen yet</span>}</td>
                <td>{m.attendance ? ATTENDANCE_LABELS[m.attendance] : m.over ? <span className="muted">not recorded</span> : <span className="muted">to come</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Your facilitator has not scheduled the meetings yet.</p>
      )}
    </article>
  );
}

function FacilitatedGroups({ groups, timeZone }: { groups: Data["facilitator"]; timeZone: string }) {
  const atRisk = groups.filter((g) => g.risk.atRisk);
  const ready = groups.filter((g) => g.stepBack?.suggest);
  const waiting = groups.reduce((n, g) => n + g.evaluationsWaiting, 0);
  return (
    <section aria-labelledby="facilitated-title" className="stack">
      <h2 id="facilitated-title">Groups you facilitate ({groups.length})</h2>
      <ul className="work-list" aria-label="Your groups at a glance">
        <li>{atRisk.length === 1 ? "1 group at risk" : `${atRisk.length} groups at risk`}</li>
        <li>{ready.length === 1 ? "1 group ready to run itself" : `${ready.length} groups ready to run themselves`}</li>
        <li>{waiting === 1 ? "1 evaluation waiting" : `${waiting} evaluations waiting`}</li>
      </ul>
      {groups.map((g) => (
        <article key={g.id} aria-labelledby={`facilitated-${g.id}`} className="card stack">
          <h3 id={`facilitated-${g.id}`}>
            <Link to={`/groups/${g.id}/cycle`}>{g.name}</Link>
          </h3>
          <p className="muted">
            {g.cohortName} · {g.members === 1 ? "1 member" : `${g.members} members`}
            {g.cycle ? ` · cycle ${g.cycle.number} · ${CYCLE_STATE_LABELS[g.cycle.state]}` : " · no cycle planned yet"}
          </p>
          {g.next ? (
            <p>
              Next: <Link to={`/programme/meetings/${g.next.id}`}>meeting {g.next.number}</Link> ·{" "}
              {g.next.startsAt ? formatDateTimeInZone(g.next.startsAt, timeZone) : "date to be set"} · module:{" "}
              {g.next.module ? `${g.next.module.title}${g.next.moduleConfirmed ? " (confirmed)" : " (not confirmed yet)"}` : "not chosen yet"}
            </p>
          ) : g.cycle ? null : (
            <p>
              <Link to={`/groups/${g.id}/cycle`}>Schedule the first cycle</Link>
            </p>
          )}
          {g.risk.atRisk ? (
            <div className="notice" role="status">
              <strong>At risk.</strong>
              <ul>
                {g.risk.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {g.stepBack?.suggest ? (
            <p>
              <strong>Ready to run itself.</strong> {g.stepBack.reason}{" "}
              {g.next ? <Link to={`/programme/meetings/${g.next.id}`}>Hand the next meeting to a member</Link> : null}
            </p>
          ) : null}
          {g.evaluationsWaiting ? (
            <p className="muted">{g.evaluationsWaiting === 1 ? "1 evaluation still to come in" : `${g.evaluationsWaiting} evaluations still to come in`} from members who were there.</p>
          ) : null}
        </article>
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
