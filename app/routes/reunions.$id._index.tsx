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
import { formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { answerPoll } from "~/domain/reunions/answer-poll.server";
import { finaliseReunion } from "~/domain/reunions/finalise-reunion.server";
import { formatSlot } from "~/domain/reunions/format-slot";
import { loadReunionPage } from "~/domain/reunions/load-reunion-page.server";
import { EVERY_OCCASION, occasionWords } from "~/domain/reunions/occasion-words";
import {
  finaliseSchema,
  REUNION_FORMAT_LABELS,
  REUNION_STATUS_LABELS,
  RSVP_ANSWER_LABELS,
  RSVP_ANSWERS,
  rsvpSchema,
  SLOT_ANSWER_LABELS,
  SLOT_ANSWERS,
  voteSchema,
} from "~/domain/reunions/reunion-fields";
import { rsvp as answerInvitation } from "~/domain/reunions/rsvp.server";
import { findVisibleReunion } from "~/domain/reunions/visible-reunions.server";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.reunion.title} · ${occasionWords(data.reunion).Noun} · Roundtable`
      : "Roundtable",
  },
];

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
        form: "That action is not one this page offers. Please reload the page.",
      });
  }
}

/** Where the calendar download and the open-space board are linked. */
function ReunionLinks({ noun, children }: { noun: string; children?: ReactNode }) {
  return (
    <nav aria-label={`For this ${noun}`} className="reunion-links">
      <ul>
        {children}
      </ul>
    </nav>
  );
}

export default function ReunionPage() {
  const data = useLoaderData<typeof loader>();
  const { reunion, viewerZone, mayRun, mayTakePart, group, module } = data;
  const words = occasionWords(reunion);
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const bothZones = (start: string, end: string) => (
    <>
      {formatSlot(start, end, viewerZone)}
      {viewerZone !== reunion.timeZone ? (
        <span className="muted">
          {" "}
          · for the organiser: {formatSlot(start, end, reunion.timeZone)}
        </span>
      ) : null}
    </>
  );
  return (
    <article aria-labelledby="reunion-title" className="reunion">
      <header>
        <p className="muted">
          {group ? (
            <>
              Meeting of <Link to={`/groups/${group.id}`}>{group.name}</Link>
            </>
          ) : data.mentoringHref ? (
            <>
              <Link to={data.mentoringHref}>Mentoring</Link> check-in
            </>
          ) : (
            REUNION_FORMAT_LABELS[reunion.format]
          )}{" "}
          · {REUNION_STATUS_LABELS[reunion.status]}
          {reunion.occurrence
            ? ` · ${words.noun} ${reunion.occurrence} of a series`
            : ""}
        </p>
        <h1 id="reunion-title">{reunion.title}</h1>
        <p>
          {words.organisedBy} {reunion.organiserName}.
        </p>
      </header>
      {reunion.status === "cancelled" ? (
        <div className="notice" role="status">
          This {words.noun} has been cancelled.
        </div>
      ) : null}
      {reunion.description ? (
        <p className="reunion__description">{reunion.description}</p>
      ) : null}
      <dl className="reunion__facts">
        <dt>When</dt>
        <dd>
          {reunion.startsAt && reunion.endsAt
            ? bothZones(reunion.startsAt, reunion.endsAt)
            : "The date is being chosen."}
        </dd>
        <dt>Where</dt>
        <dd>
          {reunion.location || null}
          {reunion.location && reunion.onlineUrl ? " · " : null}
          {reunion.onlineUrl ? (
            <a href={reunion.onlineUrl} rel="noopener noreferrer">
              Online link
            </a>
          ) : null}
        </dd>
        {group ? (
          <>
            <dt>Module</dt>
            <dd>
              {module ? (
                module.readable ? (
                  <>
                    <Link to={`/modules/${module.slug}`}>{module.title}</Link> ·{" "}
                    <Link to={`/modules/${module.slug}/session`}>
                      Run it in session mode
                      <span className="visually-hidden">: {module.title}</span>
                    </Link>
                  </>
                ) : (
                  <>{module.title} (not available to you)</>
                )
              ) : reunion.status === "cancelled" ? (
                "None was chosen."
              ) : (
                <>
                  Not chosen yet.{" "}
                  <Link to={`/groups/${group.id}/meetings#meeting-${reunion.id}`}>Choose one</Link>
                </>
              )}
            </dd>
          </>
        ) : null}
        {words.kind === "reunion" || reunion.capacity !== null ? (
          <>
            <dt>Places</dt>
            <dd>
              {reunion.capacity === null ? "No limit" : `${reunion.capacity}`}
            </dd>
          </>
        ) : null}
        <dt>Invited</dt>
        <dd>{data.audience.join("; ")}</dd>
      </dl>
      <ReunionLinks noun={words.noun}>
        {group ? (
          <li>
            <Link to={group.meetingHref}>
              The group’s page of this meeting: take-aways and actions
            </Link>
          </li>
        ) : null}
        {reunion.startsAt ? (
          <li>
            <a href={`/reunions/${reunion.id}.ics`} download>
              Add to your calendar (.ics)
            </a>{" "}
            · <Link to="/calendar">Subscribe to all your {EVERY_OCCASION}</Link>
          </li>
        ) : null}
        {reunion.format === "open_space" ? (
          <>
            <li>
              <Link to={`/reunions/${reunion.id}/open-space`}>Open the session board</Link>
            </li>
            <li>
              <Link to={`/reunions/${reunion.id}/proceedings`}>Proceedings: the break-out notes and what they add up to</Link>
            </li>
          </>
        ) : null}
      </ReunionLinks>
      <FormError message={errors.formError} />

      {reunion.status === "polling" ? (
        <section id="poll" aria-labelledby="poll-title">
          <h2 id="poll-title">Which dates suit you?</h2>
          <p className="muted">
            Times are shown in your time zone ({viewerZone.replace(/_/g, " ")})
            {viewerZone !== reunion.timeZone
              ? `, and in the organiser's (${reunion.timeZone.replace(
                  /_/g,
                  " "
                )})`
              : ""}
            .
            {reunion.pollDeadline
              ? ` Answers close ${formatDateTimeInZone(
                  reunion.pollDeadline,
                  viewerZone
                )}.`
              : ""}
          </p>
          {mayTakePart && reunion.pollClosed ? (
            <p className="notice" role="status">
              The poll has closed. The organiser is choosing the date from the answers given.
            </p>
          ) : null}
          {mayTakePart && !reunion.pollClosed ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="vote" />
              {data.slots.map((s, i) => (
                <RadioGroup
                  key={s.id}
                  legend={`Option ${i + 1}: ${formatSlot(
                    s.startsAt,
                    s.endsAt,
                    viewerZone
                  )}${
                    viewerZone !== reunion.timeZone
                      ? ` · for the organiser: ${formatSlot(
                          s.startsAt,
                          s.endsAt,
                          reunion.timeZone
                        )}`
                      : ""
                  }`}
                  name={`vote-${s.id}`}
                  selected={errors.value(
                    `vote-${s.id}`,
                    data.myVotes[s.id] ?? undefined
                  )}
                  options={SLOT_ANSWERS.map((a) => ({
                    value: a,
                    label: SLOT_ANSWER_LABELS[a],
                  }))}
                />
              ))}
              <div>
                <button type="submit" disabled={busy}>
                  Save my answers
                </button>
              </div>
            </Form>
          ) : null}
          {mayRun ? (
            <section aria-labelledby="matrix-title">
              <h3 id="matrix-title">Answers so far</h3>
              <table className="reunion-matrix">
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    {data.slots.map((s, i) => (
                      <th scope="col" key={s.id}>
                        Option {i + 1}
                        {s.id === data.bestSlotId ? " (best)" : ""}
                        <br />
                        <span className="muted">
                          {formatSlot(s.startsAt, s.endsAt, reunion.timeZone)}
                        </span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.matrix.map((row, r) => (
                    <tr key={r}>
                      <th scope="row">{row.name}</th>
                      {data.slots.map((s) => (
                        <td key={s.id}>
                          {row.answers[s.id]
                            ? SLOT_ANSWER_LABELS[row.answers[s.id]!]
                            : "—"}
                        </td>
                      ))}
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">Total</th>
                    {data.slots.map((s) => {
                      const score = data.scores.find((x) => x.slotId === s.id)!;
                      return (
                        <td key={s.id}>
                          {score.yes} yes, {score.ifNeedBe} if need be
                        </td>
                      );
                    })}
                  </tr>
                </tbody>
              </table>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="finalise" />
                <RadioGroup
                  legend="Choose the date and send the invitation"
                  name="slotId"
                  selected={errors.value(
                    "slotId",
                    data.bestSlotId ?? undefined
                  )}
                  options={data.slots.map((s, i) => ({
                    value: s.id,
                    label: `Option ${i + 1}: ${formatSlot(
                      s.startsAt,
                      s.endsAt,
                      reunion.timeZone
                    )}${s.id === data.bestSlotId ? " — the best so far" : ""}`,
                  }))}
                  error={errors.fieldErrors.slotId}
                />
                <div>
                  <button type="submit" disabled={busy}>
                    Confirm this date
                  </button>
                </div>
              </Form>
            </section>
          ) : null}
        </section>
      ) : null}

      {reunion.status === "scheduled" ? (
        <section id="invitation" aria-labelledby="invitation-title">
          <h2 id="invitation-title">Are you coming?</h2>
          {data.myAnswer ? (
            <p className="reunion__my-answer">
              {data.myWaitlistPosition
                ? `On the waitlist, number ${data.myWaitlistPosition}`
                : `Your answer: ${RSVP_ANSWER_LABELS[data.myAnswer]}`}
            </p>
          ) : null}
          {mayTakePart ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="rsvp" />
              <RadioGroup
                legend="Your answer"
                name="answer"
                selected={errors.value("answer", data.myAnswer ?? undefined)}
                options={RSVP_ANSWERS.map((a) => ({
                  value: a,
                  label: RSVP_ANSWER_LABELS[a],
                }))}
                error={errors.fieldErrors.answer}
                hint={
                  reunion.capacity !== null
                    ? "When every place is taken, “going” puts you on the waitlist; you move up automatically when a place frees."
                    : undefined
                }
              />
              <div>
                <button type="submit" disabled={busy}>
                  Send my answer
                </button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}

      {reunion.status !== "polling" ? (
        <section aria-labelledby="going-title">
          <h2 id="going-title">
            Going ({data.going.length}
            {reunion.capacity !== null ? ` of ${reunion.capacity}` : ""})
          </h2>
          {data.going.length ? (
            <ul className="reunion-people">
              {data.going.map((name, i) => (
                <li key={i}>{name}</li>
              ))}
            </ul>
          ) : (
            <p>Nobody yet.</p>
          )}
          {data.maybe.length ? <p>Maybe: {data.maybe.join(", ")}</p> : null}
          {data.waitlist.length ? (
            <>
              <h3>Waitlist</h3>
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
          <h2 id="series-title">The series</h2>
          <ol className="reunion-series">
            {data.series.map((s) => (
              <li key={s.id}>
                {s.id === reunion.id ? (
                  <strong>
                    {s.startsAt
                      ? formatDateTimeInZone(s.startsAt, viewerZone)
                      : "Date to be chosen"}{" "}
                    (this one)
                  </strong>
                ) : (
                  <Link to={`/reunions/${s.id}`}>
                    {s.startsAt
                      ? formatDateTimeInZone(s.startsAt, viewerZone)
                      : "Date to be chosen"}
                  </Link>
                )}
                {s.status === "cancelled" ? " — cancelled" : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {mayRun && reunion.status !== "cancelled" ? (
        <section
          aria-labelledby="organiser-title"
          className="reunion__organiser"
        >
          <h2 id="organiser-title">Running the {words.noun}</h2>
          <ul>
            <li>
              <Link to={`/reunions/${reunion.id}/edit`}>
                {words.kind === "reunion"
                  ? "Change the date, place or places, or cancel"
                  : `Change the date or place, or cancel the ${words.noun}`}
              </Link>
            </li>
            {reunion.status === "scheduled" ? (
              <li>
                <Link to={`/reunions/${reunion.id}/attendance`}>
                  Check people in
                </Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
