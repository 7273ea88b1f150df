// One reunion, group meeting or mentoring check-in (each named by its kind,
// occasion-words.ts): the date poll or the invitation, who is going, the
// waitlist, a meeting's group and module, and the organiser's controls.
// Forms are told apart by their intent.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormError, RadioGroup } from "~/components/form-fields";
import { useFormat } from "~/components/use-format";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { answerPoll } from "~/domain/reunions/answer-poll.server";
import { finaliseReunion } from "~/domain/reunions/finalise-reunion.server";
import { formatSlot } from "~/domain/reunions/format-slot";
import { loadReunionPage } from "~/domain/reunions/load-reunion-page.server";
import { occasionKind } from "~/domain/reunions/occasion-words";
import { Trans, useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";
import {
  finaliseSchema,
  RSVP_ANSWERS,
  rsvpSchema,
  SLOT_ANSWERS,
  voteSchema,
} from "~/domain/reunions/reunion-fields";
import { rsvp as answerInvitation } from "~/domain/reunions/rsvp.server";
import { findVisibleReunion } from "~/domain/reunions/visible-reunions.server";
import { personName } from "~/domain/people/person-name";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, `reunions:page.title.${occasionKind(data.reunion)}`, { title: data.reunion.title }) : pageTitle(matches, "reunions:list.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = await loadReunionPage(
    context.services.db,
    user,
    params.id ?? ""
  );
  return json({ ...page, viewerZone: user.timeZone });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // An outsider gets a 404 whatever the form says.
  const { id } = await findVisibleReunion(db, user, params.id ?? "");
  const formData = await readFormData(request);
  const here = `/reunions/${id}`;
  switch (formData.get("intent")) {
    case "vote":
      return submitForm(formData, voteSchema, async (answers) => {
        await answerPoll(db, user, id, answers);
        return redirect(`${here}#poll`);
      });
    case "finalise":
      return submitForm(formData, finaliseSchema, async (input) => {
        await finaliseReunion(db, user, id, input.slotId);
        return redirect(`${here}#invitation`);
      });
    case "rsvp":
      return submitForm(formData, rsvpSchema, async (input) => {
        await answerInvitation(db, user, id, input.answer);
        return redirect(`${here}#invitation`);
      });
    default:
      return invalid(formData, {
        form: "reunions:errors.unknownIntent",
      });
  }
}

/** Where the calendar download and the open-space board are linked. */
function ReunionLinks({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <nav aria-label={label} className="reunion-links">
      <ul>{children}</ul>
    </nav>
  );
}

export default function ReunionPage() {
  const data = useLoaderData<typeof loader>();
  const { reunion, viewerZone, mayRun, mayTakePart, group, module } = data;
  const kind = occasionKind(reunion);
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("reunions");
  const format = useFormat();
  const slot = (start: string, end: string, zone: string) => formatSlot(start, end, zone, format.language);
  const zoneName = (zone: string) => zone.replace(/_/g, " ");
  const bothZones = (start: string, end: string) => (
    <>
      {slot(start, end, viewerZone)}
      {viewerZone !== reunion.timeZone ? (
        <span className="muted">
          {" · "}
          {t("page.forOrganiser", { when: slot(start, end, reunion.timeZone) })}
        </span>
      ) : null}
    </>
  );
  const optionLabel = (n: number, s: { startsAt: string; endsAt: string }) =>
    viewerZone !== reunion.timeZone
      ? t("page.optionBoth", { number: n, when: slot(s.startsAt, s.endsAt, viewerZone), organiserWhen: slot(s.startsAt, s.endsAt, reunion.timeZone) })
      : t("page.option", { number: n, when: slot(s.startsAt, s.endsAt, viewerZone) });
  const audience = data.audience.map((a) => (a.kind === "person" ? personName(a.name, t) : t(`page.audience.${a.kind}`, { name: a.name })));
  return (
    <article aria-labelledby="reunion-title" className="reunion">
      <header>
        <p className="muted">
          {group ? (
            <Trans t={t} i18nKey="page.meetingOf" values={{ group: group.name }} components={{ a: <Link to={`/groups/${group.id}`} /> }} />
          ) : data.mentoringHref ? (
            <Trans t={t} i18nKey="page.checkIn" components={{ a: <Link to={data.mentoringHref} /> }} />
          ) : (
            t(`formats.${reunion.format}`)
          )}{" "}
          · {t(`statuses.${reunion.status}`)}
          {reunion.occurrence ? ` · ${t(`page.ofSeries.${kind}`, { number: reunion.occurrence })}` : ""}
        </p>
        <h1 id="reunion-title">{reunion.title}</h1>
        <p>{t(`page.organisedBy.${kind}`, { name: personName(reunion.organiserName, t) })}</p>
      </header>
      {reunion.status === "cancelled" ? (
        <div className="notice" role="status">
          {t(`page.cancelled.${kind}`)}
        </div>
      ) : null}
      {reunion.description ? <p className="reunion__description">{reunion.description}</p> : null}
      <dl className="reunion__facts">
        <dt>{t("page.when")}</dt>
        <dd>{reunion.startsAt && reunion.endsAt ? bothZones(reunion.startsAt, reunion.endsAt) : t("page.dateBeingChosen")}</dd>
        <dt>{t("page.where")}</dt>
        <dd>
          {reunion.location || null}
          {reunion.location && reunion.onlineUrl ? " · " : null}
          {reunion.onlineUrl ? (
            <a href={reunion.onlineUrl} rel="noopener noreferrer">
              {t("page.onlineLink")}
            </a>
          ) : null}
        </dd>
        {group ? (
          <>
            <dt>{t("page.module")}</dt>
            <dd>
              {module ? (
                module.readable ? (
                  <>
                    <Link to={`/modules/${module.slug}`}>{module.title}</Link> ·{" "}
                    <Link to={`/modules/${module.slug}/session`}>
                      {t("page.runInSession")}
                      <span className="visually-hidden">: {module.title}</span>
                    </Link>
                  </>
                ) : (
                  <>{t("page.notAvailable", { title: module.title })}</>
                )
              ) : reunion.status === "cancelled" ? (
                t("page.noneChosen")
              ) : (
                <>
                  {t("page.notChosenYet")} <Link to={`/groups/${group.id}/meetings#meeting-${reunion.id}`}>{t("page.chooseOne")}</Link>
                </>
              )}
            </dd>
          </>
        ) : null}
        {kind === "reunion" || reunion.capacity !== null ? (
          <>
            <dt>{t("page.places")}</dt>
            <dd>{reunion.capacity === null ? t("page.noLimit") : format.number(reunion.capacity)}</dd>
          </>
        ) : null}
        <dt>{t("page.invited")}</dt>
        <dd>{format.enumerate(audience)}</dd>
      </dl>
      <ReunionLinks label={t(`page.linksLabel.${kind}`)}>
        {group ? (
          <li>
            <Link to={group.meetingHref}>{t("page.groupPage")}</Link>
          </li>
        ) : null}
        {reunion.startsAt ? (
          <li>
            <a href={`/reunions/${reunion.id}.ics`} download>
              {t("page.addToCalendar")}
            </a>{" "}
            · <Link to="/calendar">{t("page.subscribe")}</Link>
          </li>
        ) : null}
        {reunion.format === "open_space" ? (
          <>
            <li>
              <Link to={`/reunions/${reunion.id}/open-space`}>{t("page.board")}</Link>
            </li>
            <li>
              <Link to={`/reunions/${reunion.id}/proceedings`}>{t("page.proceedings")}</Link>
            </li>
          </>
        ) : null}
      </ReunionLinks>
      <FormError message={errors.formError} />

      {reunion.status === "polling" ? (
        <section id="poll" aria-labelledby="poll-title">
          <h2 id="poll-title">{t("page.pollHeading")}</h2>
          <p className="muted">
            {viewerZone !== reunion.timeZone
              ? t("page.timesInBoth", { zone: zoneName(viewerZone), organiserZone: zoneName(reunion.timeZone) })
              : t("page.timesIn", { zone: zoneName(viewerZone) })}
            {reunion.pollDeadline ? ` ${t("page.answersClose", { when: format.dateTime(reunion.pollDeadline, viewerZone) })}` : ""}
          </p>
          {mayTakePart && reunion.pollClosed ? (
            <p className="notice" role="status">
              {t("page.pollClosed")}
            </p>
          ) : null}
          {mayTakePart && !reunion.pollClosed ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="vote" />
              {data.slots.map((s, i) => (
                <RadioGroup
                  key={s.id}
                  legend={optionLabel(i + 1, s)}
                  name={`vote-${s.id}`}
                  selected={errors.value(`vote-${s.id}`, data.myVotes[s.id] ?? undefined)}
                  options={SLOT_ANSWERS.map((a) => ({ value: a, label: t(`slotAnswers.${a}`) }))}
                />
              ))}
              <div>
                <button type="submit" disabled={busy}>
                  {t("page.saveAnswers")}
                </button>
              </div>
            </Form>
          ) : null}
          {mayRun ? (
            <section aria-labelledby="matrix-title">
              <h3 id="matrix-title">{t("page.answersSoFar")}</h3>
              <table className="reunion-matrix">
                <thead>
                  <tr>
                    <th scope="col">{t("page.person")}</th>
                    {data.slots.map((s, i) => (
                      <th scope="col" key={s.id}>
                        {s.id === data.bestSlotId ? t("page.optionBest", { number: i + 1 }) : t("page.optionHeading", { number: i + 1 })}
                        <br />
                        <span className="muted">{slot(s.startsAt, s.endsAt, reunion.timeZone)}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.matrix.map((row, r) => (
                    <tr key={r}>
                      <th scope="row">{row.name}</th>
                      {data.slots.map((s) => (
                        <td key={s.id}>{row.answers[s.id] ? t(`slotAnswers.${row.answers[s.id]!}`) : "—"}</td>
                      ))}
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t("page.total")}</th>
                    {data.slots.map((s) => {
                      const score = data.scores.find((x) => x.slotId === s.id)!;
                      return <td key={s.id}>{t("page.score", { yes: score.yes, ifNeedBe: score.ifNeedBe })}</td>;
                    })}
                  </tr>
                </tbody>
              </table>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="finalise" />
                <RadioGroup
                  legend={t("page.chooseDate")}
                  name="slotId"
                  selected={errors.value("slotId", data.bestSlotId ?? undefined)}
                  options={data.slots.map((s, i) => {
                    const when = slot(s.startsAt, s.endsAt, reunion.timeZone);
                    return { value: s.id, label: s.id === data.bestSlotId ? t("page.optionBestSoFar", { number: i + 1, when }) : t("page.option", { number: i + 1, when }) };
                  })}
                  error={errors.fieldErrors.slotId}
                />
                <div>
                  <button type="submit" disabled={busy}>
                    {t("page.confirmDate")}
                  </button>
                </div>
              </Form>
            </section>
          ) : null}
        </section>
      ) : null}

      {reunion.status === "scheduled" ? (
        <section id="invitation" aria-labelledby="invitation-title">
          <h2 id="invitation-title">{t("page.comingHeading")}</h2>
          {data.myAnswer ? (
            <p className="reunion__my-answer">
              {data.myWaitlistPosition ? t("page.waitlistNumber", { number: data.myWaitlistPosition }) : t("page.yourAnswerIs", { answer: t(`rsvp.${data.myAnswer}`) })}
            </p>
          ) : null}
          {mayTakePart ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="rsvp" />
              <RadioGroup
                legend={t("page.yourAnswer")}
                name="answer"
                selected={errors.value("answer", data.myAnswer ?? undefined)}
                options={RSVP_ANSWERS.map((a) => ({ value: a, label: t(`rsvp.${a}`) }))}
                error={errors.fieldErrors.answer}
                hint={reunion.capacity !== null ? t("page.waitlistHint") : undefined}
              />
              <div>
                <button type="submit" disabled={busy}>
                  {t("page.sendAnswer")}
                </button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}

      {reunion.status !== "polling" ? (
        <section aria-labelledby="going-title">
          <h2 id="going-title">
            {reunion.capacity !== null ? t("page.goingOf", { number: data.going.length, capacity: reunion.capacity }) : t("page.going", { number: data.going.length })}
          </h2>
          {data.going.length ? (
            <ul className="reunion-people">
              {data.going.map((name, i) => (
                <li key={i}>{name}</li>
              ))}
            </ul>
          ) : (
            <p>{t("page.nobodyYet")}</p>
          )}
          {data.maybe.length ? <p>{t("page.maybe", { names: format.enumerate(data.maybe) })}</p> : null}
          {data.waitlist.length ? (
            <>
              <h3>{t("page.waitlist")}</h3>
              <ol className="reunion-people">
                {data.waitlist.map((name, i) => (
                  <li key={i}>{name}</li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ) : null}

      {data.series.length > 1 ? (
        <section aria-labelledby="series-title">
          <h2 id="series-title">{t("page.series")}</h2>
          <ol className="reunion-series">
            {data.series.map((s) => {
              const when = s.startsAt ? format.dateTime(s.startsAt, viewerZone) : t("page.dateToBeChosen");
              return (
                <li key={s.id}>
                  {s.id === reunion.id ? <strong>{t("page.thisOne", { when })}</strong> : <Link to={`/reunions/${s.id}`}>{when}</Link>}
                  {s.status === "cancelled" ? t("page.seriesCancelled") : ""}
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}

      {mayRun && reunion.status !== "cancelled" ? (
        <section aria-labelledby="organiser-title" className="reunion__organiser">
          <h2 id="organiser-title">{t(`page.running.${kind}`)}</h2>
          <ul>
            <li>
              <Link to={`/reunions/${reunion.id}/edit`}>{t(`page.change.${kind}`)}</Link>
            </li>
            {reunion.status === "scheduled" ? (
              <li>
                <Link to={`/reunions/${reunion.id}/attendance`}>{t("page.checkPeopleIn")}</Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
