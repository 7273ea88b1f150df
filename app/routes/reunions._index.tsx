// /reunions: the reunions I organise or am invited to, with where each
// stands and my answer.
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
import {
  REUNION_FORMAT_LABELS,
  REUNION_STATUS_LABELS,
  RSVP_ANSWER_LABELS,
} from "~/domain/reunions/reunion-fields";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Reunions · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const rows = await listMyReunions(context.services.db, user);
  return json({
    mayOrganise: canOrganiseReunion(user),
    viewerZone: user.timeZone,
    reunions: rows.map((r) => ({
      ...r,
      startsAt: r.startsAt?.toISOString() ?? null,
    })),
  });
}

function myAnswer(r: {
  status: string;
  isOrganiser: boolean;
  answer: keyof typeof RSVP_ANSWER_LABELS | null;
  waitlisted: boolean;
  voted: boolean;
}) {
  if (r.isOrganiser) return "You organise it";
  if (r.status === "polling")
    return r.voted
      ? "You answered the date poll"
      : "Waiting for your answer to the date poll";
  if (!r.answer)
    return r.status === "cancelled" ? "—" : "Waiting for your answer";
  if (r.answer === "going" && r.waitlisted) return "On the waitlist";
  return RSVP_ANSWER_LABELS[r.answer];
}

export default function Reunions() {
  const { mayOrganise, viewerZone, reunions } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="reunions-title">
      <h1 id="reunions-title">Reunions</h1>
      <p className="muted">
        Meet your former group again: the reunions you organise and those you
        are invited to.
      </p>
      {mayOrganise ? (
        <p>
          <Link to="/reunions/new" className="button">
            Plan a reunion
          </Link>
        </p>
      ) : null}
      {reunions.length === 0 ? (
        <p>No reunions yet.</p>
      ) : (
        <table className="reunion-list">
          <thead>
            <tr>
              <th scope="col">Reunion</th>
              <th scope="col">When</th>
              <th scope="col">Status</th>
              <th scope="col">Your answer</th>
            </tr>
          </thead>
          <tbody>
            {reunions.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/reunions/${r.id}`}>{r.title}</Link>
                  <br />
                  <span className="muted">
                    {REUNION_FORMAT_LABELS[r.format]}
                    {r.occurrence ? ` · part ${r.occurrence} of a series` : ""}
                  </span>
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
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
