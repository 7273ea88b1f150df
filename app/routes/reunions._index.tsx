// /reunions: the group meetings, mentoring check-ins and reunions I organise
// or am invited to, each named by its kind, with where each stands and my
// answer: coming up soonest first, cancelled ones apart, then the past.
import {
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { canOrganiseReunion } from "~/domain/policy";
import { listMyReunions } from "~/domain/reunions/list-reunions.server";
import { occasionWords } from "~/domain/reunions/occasion-words";
import {
  REUNION_FORMAT_LABELS,
  REUNION_STATUS_LABELS,
  RSVP_ANSWER_LABELS,
} from "~/domain/reunions/reunion-fields";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Meetings and reunions · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const lists = await listMyReunions(context.services.db, user);
  const forPage = (rows: typeof lists.comingUp) =>
    rows.map(({ sortAt: _sortAt, ...r }) => ({
      ...r,
      startsAt: r.startsAt?.toISOString() ?? null,
      endsAt: r.endsAt?.toISOString() ?? null,
    }));
  return json({
    mayOrganise: canOrganiseReunion(user),
    viewerZone: user.timeZone,
    comingUp: forPage(lists.comingUp),
    cancelled: forPage(lists.cancelled),
    past: forPage(lists.past),
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["comingUp"][number];

function myAnswer(r: Row) {
  if (r.isOrganiser) return "You organise it";
  if (r.status === "cancelled") return "—";
  if (r.status === "polling") {
    if (r.voted) return "You answered the date poll";
    return r.over ? "—" : "Waiting for your answer to the date poll";
  }
  if (!r.answer) return r.over ? "—" : "Waiting for your answer";
  if (r.answer === "going" && r.waitlisted) return "On the waitlist";
  return RSVP_ANSWER_LABELS[r.answer];
}

/** What it is: a group's meeting, a mentoring check-in, or a reunion of some format. */
function kindOf(r: Row) {
  const words = occasionWords(r);
  const what =
    words.kind === "meeting"
      ? `Meeting of ${r.groupName ?? "a group"}`
      : words.kind === "check-in"
      ? "Mentoring check-in"
      : REUNION_FORMAT_LABELS[r.format];
  return `${what}${r.occurrence ? ` · ${words.noun} ${r.occurrence} of a series` : ""}`;
}

function OccasionTable({ rows, caption, viewerZone }: { rows: Row[]; caption: string; viewerZone: string }) {
  return (
    <table className="reunion-list">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">When</th>
          <th scope="col">Status</th>
          <th scope="col">Your answer</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/reunions/${r.id}`}>{r.title}</Link>
              <br />
              <span className="muted">{kindOf(r)}</span>
            </td>
            <td>
              {r.startsAt
                ? formatDateTimeInZone(r.startsAt, viewerZone)
                : "Date not chosen yet"}
            </td>
            <td>{REUNION_STATUS_LABELS[r.status]}</td>
            <td>{myAnswer(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Reunions() {
  const { mayOrganise, viewerZone, comingUp, cancelled, past } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="reunions-title">
      <h1 id="reunions-title">Meetings and reunions</h1>
      <p className="muted">
        Your group meetings, mentoring check-ins and reunions: the ones you
        organise and those you are invited to.
      </p>
      {mayOrganise ? (
        <p>
          <Link to="/reunions/new" className="button">
            Plan a reunion
          </Link>
        </p>
      ) : null}
      <section aria-labelledby="coming-up-title">
        <h2 id="coming-up-title">Coming up</h2>
        {comingUp.length === 0 ? (
          <p className="muted">Nothing planned yet.</p>
        ) : (
          <OccasionTable rows={comingUp} caption="Coming up, soonest first" viewerZone={viewerZone} />
        )}
      </section>
      {cancelled.length ? (
        <section aria-labelledby="cancelled-title" className="muted">
          <h2 id="cancelled-title">Cancelled</h2>
          <p>These will not take place.</p>
          <OccasionTable rows={cancelled} caption="Cancelled" viewerZone={viewerZone} />
        </section>
      ) : null}
      <section aria-labelledby="past-title">
        <h2 id="past-title">Past</h2>
        {past.length === 0 ? (
          <p className="muted">Nothing past yet.</p>
        ) : (
          <OccasionTable rows={past} caption="Past, most recent first" viewerZone={viewerZone} />
        )}
      </section>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
