import { json, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { Notice } from "~/components/form-fields";
import { useFormat } from "~/components/use-format";
import { programmeStatus } from "~/domain/dashboard/programme-status";
import { facilitatorWork, participantWork, type WorkItem } from "~/domain/dashboard/programme-work";
import { loadDashboard } from "~/domain/dashboard/load-dashboard.server";
import { translateMessage } from "~/domain/i18n/message";
import type { Role } from "~/domain/roles";
import { getUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Roundtable" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = getUser(context);
  if (!user) return json({ signedIn: false as const });
  const dashboard = await loadDashboard(context.services.db, user, { overdueHours: context.services.config.reviewReminderHours });
  return json({ signedIn: true as const, userId: user.id, name: user.name, roles: user.roles, timeZone: user.timeZone, ...dashboard });
}

// Each step's text is a key of home.json (cards.<role>.steps); the lead is cards.<role>.lead.
type Step = { key: string; to: string };

// Where a person stands in the programme is said once, above the cards (programmeStatus),
// so the participant's and the alumnus's cards carry no status of their own.
const ROLE_CARDS: Record<Role, { lead: boolean; steps: (userId: string) => Step[] }> = {
  participant: {
    lead: false,
    steps: () => [{ key: "yourGroup", to: "/programme" }],
  },
  alumnus: {
    lead: false,
    steps: () => [
      { key: "propose", to: "/proposals/new" },
      { key: "organiseReunion", to: "/reunions/new" },
      { key: "peerGroup", to: "/groups" },
      { key: "mentoring", to: "/mentoring" },
    ],
  },
  facilitator: {
    lead: true,
    steps: () => [{ key: "groups", to: "/programme" }],
  },
  thought_leader: {
    lead: true,
    steps: (userId) => [
      { key: "yourModules", to: `/modules?author=${userId}` },
      { key: "propose", to: "/proposals/new" },
    ],
  },
  moderator: {
    lead: true,
    steps: () => [
      { key: "reviewQueue", to: "/review?all=1" },
      { key: "auditLog", to: "/audit" },
    ],
  },
  org_admin: {
    lead: true,
    steps: () => [
      { key: "invite", to: "/org/invite" },
      { key: "import", to: "/org/import" },
      { key: "structure", to: "/org/structure" },
      { key: "settings", to: "/org/settings" },
    ],
  },
  platform_admin: {
    lead: true,
    steps: () => [
      { key: "organisation", to: "/admin" },
      { key: "archive", to: "/admin/modules" },
    ],
  },
};

/** Work waiting, each line a link with its count (`text` is a key of home.json); lines with nothing waiting are left out unless `always`. */
function WorkList({ label, items }: { label: string; items: { text: string; to: string; count: number; hours?: number; always?: boolean; urgent?: boolean }[] }) {
  const { t } = useTranslation("home");
  const shown = items.filter((i) => i.count > 0 || i.always);
  if (shown.length === 0) return null;
  return (
    <ul className="work-list" aria-label={label}>
      {shown.map((i) => (
        <li key={i.to + i.text} className={i.urgent && i.count > 0 ? "work-list__urgent" : undefined}>
          <Link to={i.to}>{t(i.text, { count: i.count, hours: i.hours })}</Link>
        </li>
      ))}
    </ul>
  );
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation("home");
  const format = useFormat();
  if (!data.signedIn) {
    return (
      <section aria-labelledby="welcome-title" className="stack">
        <h1 id="welcome-title">{t("landing.heading")}</h1>
        <p>{t("landing.intro")}</p>
        <p>
          <Link className="button" to="/login">
            {t("common:nav.signIn")}
          </Link>{" "}
          <Link className="button button--secondary" to="/signup">
            {t("landing.signUp")}
          </Link>
        </p>
      </section>
    );
  }
  const current = data.programme?.participant.find((g) => g.cycle)?.cycle;
  const nextNumber = data.programme?.participant.find((g) => g.cycle)?.next?.number ?? null;
  const status = programmeStatus(data.roles, current ? { number: current.number, meetingsPlanned: current.meetingsPlanned, nextMeeting: nextNumber } : null);
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("welcome", { name: data.name })}</h1>
      <p className="muted">{data.orgName}</p>
      {params.get("rolesChanged") ? <Notice>{t("rolesChanged")}</Notice> : null}
      {params.get("leftDraft") ? <Notice>{t("leftDraft")}</Notice> : null}
      {data.profileIncomplete ? (
        <p className="notice">
          <Trans t={t} i18nKey="profileIncomplete" components={{ profile: <Link to="/profile" /> }} />
        </p>
      ) : null}
      {status ? <p className="lead">{translateMessage(i18n, status)}</p> : null}
      <p>
        <Link className="button" to="/modules">
          {t("browseModules")}
        </Link>
      </p>
      <ul className="cards" aria-label={t("cardsLabel")}>
        {data.roles.map((role) => {
          const card = ROLE_CARDS[role];
          const steps = card.steps(data.userId);
          return (
            <li key={role} className="card" data-role={role}>
              <h2>{t(`common:roles.${role}`)}</h2>
              {card.lead ? <p>{t(`cards.${role}.lead`)}</p> : null}
              <RoleWork role={role} data={data} />
              <ul className="steps">
                {steps.map((s) => (
                  <li key={s.key}>
                    <Link to={s.to}>{t(`cards.${role}.steps.${s.key}`)}</Link>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
      {data.drafts.length ? (
        <section aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t("drafts.heading", { count: data.drafts.length })}</h2>
          <ul className="draft-list">
            {data.drafts.map((d) => (
              <li key={d.slug}>
                <Link to={`/modules/${d.slug}/edit`}>{d.title}</Link>
                <span className="muted"> · {d.role === "lead" ? t("drafts.lead") : t("drafts.coauthor")}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="takeaways-title">
        <h2 id="takeaways-title">{t("takeaways.heading")}</h2>
        {data.takeaways.length === 0 ? (
          <p className="muted">{t("takeaways.none")}</p>
        ) : (
          <ul className="takeaway-list">
            {data.takeaways.map((takeaway) => (
              <li key={takeaway.id}>
                <p>{takeaway.text}</p>
                <p className="muted">
                  <Link to={`/modules/${takeaway.moduleSlug}`}>{takeaway.moduleTitle}</Link> ·{" "}
                  {t(takeaway.shared ? "takeaways.whenShared" : "takeaways.whenPrivate", {
                    date: format.date(takeaway.createdAt, data.timeZone),
                    zone: data.timeZone.replace(/_/g, " "),
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

type Dashboard = Extract<SerializeFrom<typeof loader>, { signedIn: true }>;

/** The programme's work of the day, each a link; the next meeting carries its date in the person's time zone. */
function ProgrammeWork({ label, items, empty, zone }: { label: string; items: WorkItem[]; empty: string; zone: string }) {
  const { i18n } = useTranslation();
  const format = useFormat();
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="work-list" aria-label={label}>
      {items.map((i) => (
        <li key={i.to + i.text} className={i.urgent ? "work-list__urgent" : undefined}>
          <Link to={i.to}>{translateMessage(i18n, i.text)}</Link>
          {i.when ? <span className="muted"> · {format.dateTime(i.when, zone)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The work waiting for one role, counted and linked. */
function RoleWork({ role, data }: { role: Role; data: Dashboard }) {
  const { t } = useTranslation("home");
  const format = useFormat();
  const zone = data.timeZone;
  if (role === "participant" && data.programme) {
    return (
      <ProgrammeWork
        label={t("participant.label")}
        items={participantWork(data.programme.participant)}
        empty={data.programme.participant.length ? t("participant.nothing") : t("participant.noGroup")}
        zone={zone}
      />
    );
  }
  if (role === "facilitator" && data.programme) {
    return (
      <ProgrammeWork
        label={t("facilitator.label")}
        items={facilitatorWork(data.programme.facilitator)}
        empty={data.programme.facilitator.length ? t("facilitator.nothing") : t("facilitator.noGroup")}
        zone={zone}
      />
    );
  }
  if (role === "moderator" && data.review) {
    const r = data.review;
    if (r.total === 0)
      return (
        <p>
          <Trans t={t} i18nKey="moderator.nothing" components={{ queue: <Link to="/review?all=1" /> }} />
        </p>
      );
    return (
      <WorkList
        label={t("moderator.label")}
        items={[
          { text: "moderator.proposals", to: "/review?kind=proposal&all=1", count: r.byKind.proposal },
          { text: "moderator.drafts", to: "/review?kind=draft&all=1", count: r.byKind.draft },
          { text: "moderator.reports", to: "/review?kind=report&all=1", count: r.byKind.report },
          { text: "moderator.groups", to: "/review?kind=group&all=1", count: r.byKind.group },
          { text: "moderator.overdue", hours: r.overdueHours, to: "/review?age=overdue&all=1", count: r.overdue, urgent: true },
          { text: "moderator.claimed", to: "/review?all=1", count: r.claimedByMe },
        ]}
      />
    );
  }
  if (role === "alumnus" && data.alumnus) {
    const { upcoming, proposals, peerGroups, mentoring } = data.alumnus;
    const coauthored = data.drafts.filter((d) => d.role === "coauthor").length;
    return (
      <>
        <h3>{t("alumnus.comingUp")}</h3>
        {upcoming.total === 0 ? (
          <p className="muted">{t("alumnus.nothingPlanned")}</p>
        ) : (
          <ul aria-label={t("alumnus.comingUpLabel")}>
            {upcoming.next.map((u) => (
              <li key={u.id}>
                <Link to={`/reunions/${u.id}`}>{u.title}</Link>
                <span className="muted"> · {u.startsAt ? format.dateTime(u.startsAt, zone) : t("alumnus.dateBeingChosen")}</span>
              </li>
            ))}
            {upcoming.total > upcoming.next.length ? (
              <li>
                <Link to="/reunions">{t("alumnus.allComingUp", { count: upcoming.total })}</Link>
              </li>
            ) : null}
          </ul>
        )}
        <WorkList
          label={t("alumnus.label")}
          items={[
            { text: "alumnus.coauthored", to: "#drafts-title", count: coauthored },
            { text: "alumnus.proposalsAuthored", to: "/proposals", count: proposals.authored },
            { text: "alumnus.proposalsSupported", to: "/proposals", count: proposals.supported },
            { text: "alumnus.peerGroups", to: "/groups", count: peerGroups.total },
            { text: "alumnus.asksForMe", to: "/mentoring", count: mentoring.asksForMe, urgent: true },
            { text: "alumnus.activePairs", to: "/mentoring", count: mentoring.activePairs },
            { text: "alumnus.myAsksWaiting", to: "/mentoring", count: mentoring.myAsksWaiting },
          ]}
        />
        {proposals.shown.length || peerGroups.shown.length ? (
          <ul aria-label={t("alumnus.proposalsAndGroups")}>
            {proposals.shown.map((p) => (
              <li key={p.id}>
                <Link to={`/proposals/${p.id}`}>{p.title}</Link>
                <span className="muted"> · {p.authored ? t("alumnus.yourProposal") : t("alumnus.youSupport")}</span>
              </li>
            ))}
            {peerGroups.shown.map((g) => (
              <li key={g.id}>
                <Link to={`/groups/${g.id}`}>{g.name}</Link>
                <span className="muted"> · {g.role === "convener" ? t("alumnus.youConvene") : t("alumnus.member")}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </>
    );
  }
  if (role === "thought_leader" && data.thoughtLeader) {
    const leader = data.thoughtLeader;
    const waiting = leader.submissions.find((s) => s.waitsForMe);
    return (
      <>
        <WorkList
          label={t("thoughtLeader.label")}
          items={[
            { text: "thoughtLeader.waitingForMe", to: waiting ? `/review/drafts/${waiting.id}` : "/modules", count: leader.waitingForMe, urgent: true },
            { text: "thoughtLeader.inReview", to: leader.submissions[0] ? `/review/drafts/${leader.submissions[0].id}` : "/modules", count: leader.inReview },
            { text: "thoughtLeader.published", to: `/modules?author=${data.userId}`, count: leader.modulesPublished, always: true },
          ]}
        />
        {leader.submissions.length ? (
          <ul aria-label={t("thoughtLeader.submissionsLabel")}>
            {leader.submissions.map((s) => (
              <li key={s.id}>
                <Link to={`/review/drafts/${s.id}`}>{s.title}</Link>
                <span className="muted"> · {s.waitsForMe ? t("thoughtLeader.waitsForYou") : t("thoughtLeader.inReviewShort")}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </>
    );
  }
  if (role === "org_admin" && data.org) {
    const o = data.org;
    return (
      <WorkList
        label={t("orgAdmin.label")}
        items={[
          { text: "orgAdmin.people", to: "/org", count: o.people, always: true },
          { text: "orgAdmin.invitations", to: "/org#invitations", count: o.pendingInvitations, always: true },
          { text: "orgAdmin.programmeModules", to: "/org/programme", count: o.programmeModules, always: true },
          { text: "orgAdmin.gathering", to: "/groups", count: o.groupsGathering },
        ]}
      />
    );
  }
  if (role === "platform_admin" && data.platform) {
    const p = data.platform;
    return (
      <WorkList
        label={t("platform.label")}
        items={[
          { text: "platform.organisations", to: "/admin", count: p.organisations, always: true },
          { text: "platform.emailsWaiting", to: "/admin/outbox", count: p.emailsWaiting, always: true },
          { text: "platform.emailsFailed", to: "/admin/outbox", count: p.emailsFailed, urgent: true },
          { text: "platform.archived", to: "/admin/modules", count: p.archivedModules },
        ]}
      />
    );
  }
  return null;
}
