// /reunions: the group meetings, mentoring check-ins and reunions I organise
// or am invited to, each named by its kind, with where each stands and my
// answer: coming up soonest first, cancelled ones apart, then the past.
import {
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { useFormat } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import { canOrganiseReunion } from "~/domain/policy";
import { listMyReunions } from "~/domain/reunions/list-reunions.server";
import { occasionKind } from "~/domain/reunions/occasion-words";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reunions:list.title");

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

type Translate = (key: string, values?: Record<string, unknown>) => string;

function myAnswer(t: Translate, r: Row) {
  if (r.isOrganiser) return t("list.answer.organiser");
  if (r.status === "cancelled") return "—";
  if (r.status === "polling") {
    if (r.voted) return t("list.answer.voted");
    return r.over ? "—" : t("list.answer.pollWaiting");
  }
  if (!r.answer) return r.over ? "—" : t("list.answer.waiting");
  if (r.answer === "going" && r.waitlisted) return t("list.answer.waitlisted");
  return t(`rsvp.${r.answer}`);
}

/** What it is: a group's meeting, a mentoring check-in, or a reunion of some format; and which of a series. */
function kindOf(t: Translate, r: Row) {
  const kind = occasionKind(r);
  const what = kind === "meeting" ? (r.groupName ? t("list.kind.meetingOf", { group: r.groupName }) : t("list.kind.meeting")) : kind === "check-in" ? t("list.kind.checkIn") : t(`formats.${r.format}`);
  return r.occurrence ? t("list.kind.ofSeries", { what, kind: t(`occasion.${kind}`), number: r.occurrence }) : what;
}

function OccasionTable({ rows, caption, viewerZone }: { rows: Row[]; caption: string; viewerZone: string }) {
  const { t } = useTranslation("reunions");
  const format = useFormat();
  return (
    <table className="reunion-list">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("list.columns.what")}</th>
          <th scope="col">{t("list.columns.when")}</th>
          <th scope="col">{t("list.columns.status")}</th>
          <th scope="col">{t("list.columns.answer")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/reunions/${r.id}`}>{r.title}</Link>
              <br />
              <span className="muted">{kindOf(t, r)}</span>
            </td>
            <td>{r.startsAt ? format.dateTime(r.startsAt, viewerZone) : t("list.noDate")}</td>
            <td>{t(`statuses.${r.status}`)}</td>
            <td>{myAnswer(t, r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Reunions() {
  const { mayOrganise, viewerZone, comingUp, cancelled, past } = useLoaderData<typeof loader>();
  const { t } = useTranslation("reunions");
  return (
    <section aria-labelledby="reunions-title">
      <h1 id="reunions-title">{t("list.heading")}</h1>
      <p className="muted">{t("list.intro")}</p>
      {mayOrganise ? (
        <p>
          <Link to="/reunions/new" className="button">
            {t("list.plan")}
          </Link>
        </p>
      ) : null}
      <section aria-labelledby="coming-up-title">
        <h2 id="coming-up-title">{t("list.comingUp")}</h2>
        {comingUp.length === 0 ? (
          <p className="muted">{t("list.nothingPlanned")}</p>
        ) : (
          <OccasionTable rows={comingUp} caption={t("list.comingUpCaption")} viewerZone={viewerZone} />
        )}
      </section>
      {cancelled.length ? (
        <section aria-labelledby="cancelled-title" className="muted">
          <h2 id="cancelled-title">{t("list.cancelled")}</h2>
          <p>{t("list.cancelledIntro")}</p>
          <OccasionTable rows={cancelled} caption={t("list.cancelled")} viewerZone={viewerZone} />
        </section>
      ) : null}
      <section aria-labelledby="past-title">
        <h2 id="past-title">{t("list.past")}</h2>
        {past.length === 0 ? (
          <p className="muted">{t("list.nothingPast")}</p>
        ) : (
          <OccasionTable rows={past} caption={t("list.pastCaption")} viewerZone={viewerZone} />
        )}
      </section>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
