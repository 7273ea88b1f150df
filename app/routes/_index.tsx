import { json, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/form-fields";
import { formatDateInZone, formatDateTimeInZone } from "~/components/format-time";
import { programmeStatus } from "~/domain/dashboard/programme-status";
import { facilitatorWork, participantWork, type WorkItem } from "~/domain/dashboard/programme-work";
import { loadDashboard } from "~/domain/dashboard/load-dashboard.server";
import { ROLE_LABELS, type Role } from "~/domain/roles";
import { getUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Roundtable" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = getUser(context);
  if (!user) return json({ signedIn: false as const });
  const dashboard = await loadDashboard(context.services.db, user, { overdueHours: context.services.config.reviewReminderHours });
  return json({ signedIn: true as const, userId: user.id, name: user.name, roles: user.roles, timeZone: user.timeZone, ...dashboard });
}

type Step = { text: string; to?: string };

// Where a person stands in the programme is said once, above the cards (programmeStatus),
// so the participant's and the alumnus's cards carry no status of their own.
const ROLE_CARDS: Record<Role, { lead: string | null; steps: (userId: string) => Step[] }> = {
  participant: {
    lead: null,
    steps: () => [{ text: "Your group, its meetings and your take-aways", to: "/programme" }],
  },
  alumnus: {
    lead: null,
    steps: () => [
      { text: "Propose a topic for a new module", to: "/proposals/new" },
      { text: "Organise a reunion", to: "/reunions/new" },
      { text: "Find or found a peer group", to: "/groups" },
      { text: "Mentoring: offer or ask", to: "/mentoring" },
    ],
  },
  facilitator: {
    lead: "You guide groups until they run themselves.",
    steps: () => [{ text: "All your groups and how they are doing", to: "/programme" }],
  },
  thought_leader: {
    lead: "You write the modules groups discuss.",
    steps: (userId) => [
      { text: "Your modules in the catalogue", to: `/modules?author=${userId}` },
      { text: "Propose a new module", to: "/proposals/new" },
    ],
  },
  moderator: {
    lead: "You keep the catalogue's quality.",
    steps: () => [
      { text: "Open the review queue", to: "/review?all=1" },
      { text: "Read the audit log", to: "/audit" },
    ],
  },
  org_admin: {
    lead: "You run Roundtable for your organisation.",
    steps: () => [
      { text: "Invite someone", to: "/org/invite" },
      { text: "Import people from a spreadsheet", to: "/org/import" },
      { text: "Departments and sites", to: "/org/structure" },
      { text: "How people join", to: "/org/settings" },
    ],
  },
  platform_admin: {
    lead: "You run the whole platform.",
    steps: () => [
      { text: "Create an organisation and invite its first admin", to: "/admin" },
      { text: "The module archive", to: "/admin/modules" },
    ],
  },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Work waiting, each line a link with its count; lines with nothing waiting are left out unless `always`. */
function WorkList({ label, items }: { label: string; items: { text: string; to: string; count: number; always?: boolean; urgent?: boolean }[] }) {
  const shown = items.filter((i) => i.count > 0 || i.always);
  if (shown.length === 0) return null;
  return (
    <ul className="work-list" aria-label={label}>
      {shown.map((i) => (
        <li key={i.to + i.text} className={i.urgent && i.count > 0 ? "work-list__urgent" : undefined}>
          <Link to={i.to}>{i.text}</Link>
        </li>
      ))}
    </ul>
  );
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  if (!data.signedIn) {
    return (
      <section aria-labelledby="welcome-title" className="stack">
        <h1 id="welcome-title">Peer learning for managers, and for the alumni who keep it going</h1>
        <p>
          In Roundtable, small groups of managers meet every month to reflect on their real work, one question at a time. After a cycle, alumni write
          new modules together, meet again at reunions, and form their own peer groups.
        </p>
        <p>
          <Link className="button" to="/login">
            Sign in
          </Link>{" "}
          <Link className="button button--secondary" to="/signup">
            Create an account
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
      <h1 id="dashboard-title">Welcome, {data.name}</h1>
      <p className="muted">{data.orgName}</p>
      {params.get("rolesChanged") ? <Notice>Your roles are saved. This page now shows what you can do with them.</Notice> : null}
      {params.get("leftDraft") ? <Notice>You are no longer an author of that draft. Its lead author can add you again.</Notice> : null}
      {data.profileIncomplete ? (
        <p className="notice">
          Tell your peers who you are: <Link to="/profile">complete your profile</Link>.
        </p>
      ) : null}
      {status ? <p className="lead">{status}</p> : null}
      <p>
        <Link className="button" to="/modules">
          Browse the modules
        </Link>
      </p>
      <ul className="cards" aria-label="What you can do next">
        {data.roles.map((role) => {
          const card = ROLE_CARDS[role];
          const steps = card.steps(data.userId);
          return (
            <li key={role} className="card" data-role={role}>
              <h2>{ROLE_LABELS[role]}</h2>
              {card.lead ? <p>{card.lead}</p> : null}
              <RoleWork role={role} data={data} />
              <ul className="steps">
                {steps.map((s) => (
                  <li key={s.text}>{s.to ? <Link to={s.to}>{s.text}</Link> : s.text}</li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
      {data.drafts.length ? (
        <section aria-labelledby="drafts-title">
          <h2 id="drafts-title">Modules you are writing ({data.drafts.length})</h2>
          <ul className="draft-list">
            {data.drafts.map((d) => (
              <li key={d.slug}>
                <Link to={`/modules/${d.slug}/edit`}>{d.title}</Link>
                <span className="muted"> · {d.role === "lead" ? "lead author" : "co-author"}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="takeaways-title">
        <h2 id="takeaways-title">Your take-aways</h2>
        {data.takeaways.length === 0 ? (
          <p className="muted">At the end of a meeting, write down what you will try. Your take-aways appear here.</p>
        ) : (
          <ul className="takeaway-list">
            {data.takeaways.map((t) => (
              <li key={t.id}>
                <p>{t.text}</p>
                <p className="muted">
                  <Link to={`/modules/${t.moduleSlug}`}>{t.moduleTitle}</Link> · {formatDateInZone(t.createdAt, data.timeZone)} ({data.timeZone.replace(/_/g, " ")})
                  {t.shared ? " · shared with your group" : " · private"}
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
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="work-list" aria-label={label}>
      {items.map((i) => (
        <li key={i.to + i.text} className={i.urgent ? "work-list__urgent" : undefined}>
          <Link to={i.to}>{i.text}</Link>
          {i.when ? <span className="muted"> · {formatDateTimeInZone(i.when, zone)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The work waiting for one role, counted and linked. */
function RoleWork({ role, data }: { role: Role; data: Dashboard }) {
  const zone = data.timeZone;
  if (role === "participant" && data.programme) {
    return (
      <ProgrammeWork
        label="Your programme today"
        items={participantWork(data.programme.participant)}
        empty={data.programme.participant.length ? "Nothing to do for your group right now." : "You are not in a programme group yet."}
        zone={zone}
      />
    );
  }
  if (role === "facilitator" && data.programme) {
    return (
      <ProgrammeWork
        label="Your groups today"
        items={facilitatorWork(data.programme.facilitator)}
        empty={data.programme.facilitator.length ? "Your groups need nothing from you right now." : "You do not facilitate a group yet."}
        zone={zone}
      />
    );
  }
  if (role === "moderator" && data.review) {
    const r = data.review;
    if (r.total === 0)
      return (
        <p>
          Nothing is waiting for review. <Link to="/review?all=1">The review queue</Link>
        </p>
      );
    return (
      <WorkList
        label="Waiting for review"
        items={[
          { text: `${plural(r.byKind.proposal, "proposal")} to decide`, to: "/review?kind=proposal&all=1", count: r.byKind.proposal },
          { text: `${plural(r.byKind.draft, "draft")} to review`, to: "/review?kind=draft&all=1", count: r.byKind.draft },
          { text: `${plural(r.byKind.report, "report")} to handle`, to: "/review?kind=report&all=1", count: r.byKind.report },
          { text: `${plural(r.byKind.group, "peer group")} waiting for approval`, to: "/review?kind=group&all=1", count: r.byKind.group },
          { text: `${plural(r.overdue, "item")} waiting longer than ${r.overdueHours} hours`, to: "/review?age=overdue&all=1", count: r.overdue, urgent: true },
          { text: `${plural(r.claimedByMe, "item")} you claimed`, to: "/review?all=1", count: r.claimedByMe },
        ]}
      />
    );
  }
  if (role === "alumnus" && data.alumnus) {
    const { upcoming, proposals, peerGroups, mentoring } = data.alumnus;
    const coauthored = data.drafts.filter((d) => d.role === "coauthor").length;
    return (
      <>
        <h3>Coming up</h3>
        {upcoming.total === 0 ? (
          <p className="muted">No reunions or meetings planned for you yet.</p>
        ) : (
          <ul aria-label="Reunions and meetings coming up">
            {upcoming.next.map((u) => (
              <li key={u.id}>
                <Link to={`/reunions/${u.id}`}>{u.title}</Link>
                <span className="muted"> · {u.startsAt ? formatDateTimeInZone(u.startsAt, zone) : "date still being chosen"}</span>
              </li>
            ))}
            {upcoming.total > upcoming.next.length ? (
              <li>
                <Link to="/reunions">All {plural(upcoming.total, "reunion and meeting", "reunions and meetings")} coming up</Link>
              </li>
            ) : null}
          </ul>
        )}
        <WorkList
          label="Your part in the community"
          items={[
            { text: `${plural(coauthored, "draft")} you co-write`, to: "#drafts-title", count: coauthored },
            { text: `${plural(proposals.authored, "open proposal")} of yours`, to: "/proposals", count: proposals.authored },
            { text: `${plural(proposals.supported, "open proposal")} you support`, to: "/proposals", count: proposals.supported },
            { text: `${plural(peerGroups.total, "peer group")}`, to: "/groups", count: peerGroups.total },
            { text: `${plural(mentoring.asksForMe, "mentoring ask")} waiting for your answer`, to: "/mentoring", count: mentoring.asksForMe, urgent: true },
            { text: `${plural(mentoring.activePairs, "mentoring pair")}`, to: "/mentoring", count: mentoring.activePairs },
            { text: `${plural(mentoring.myAsksWaiting, "ask")} of yours waiting for a mentor's answer`, to: "/mentoring", count: mentoring.myAsksWaiting },
          ]}
        />
        {proposals.shown.length || peerGroups.shown.length ? (
          <ul aria-label="Your proposals and groups">
            {proposals.shown.map((p) => (
              <li key={p.id}>
                <Link to={`/proposals/${p.id}`}>{p.title}</Link>
                <span className="muted"> · {p.authored ? "your proposal" : "you support it"}</span>
              </li>
            ))}
            {peerGroups.shown.map((g) => (
              <li key={g.id}>
                <Link to={`/groups/${g.id}`}>{g.name}</Link>
                <span className="muted"> · {g.role === "convener" ? "you convene it" : "member"}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </>
    );
  }
  if (role === "thought_leader" && data.thoughtLeader) {
    const t = data.thoughtLeader;
    return (
      <>
        <WorkList
          label="Your modules"
          items={[
            { text: `${plural(t.waitingForMe, "submitted draft")} waiting for your approval`, to: t.submissions.find((s) => s.waitsForMe) ? `/review/drafts/${t.submissions.find((s) => s.waitsForMe)!.id}` : "/modules", count: t.waitingForMe, urgent: true },
            { text: `${plural(t.inReview, "draft")} of your modules in review`, to: t.submissions[0] ? `/review/drafts/${t.submissions[0].id}` : "/modules", count: t.inReview },
            { text: `${plural(t.modulesPublished, "published module")} you lead`, to: `/modules?author=${data.userId}`, count: t.modulesPublished, always: true },
          ]}
        />
        {t.submissions.length ? (
          <ul aria-label="Submitted drafts of your modules">
            {t.submissions.map((s) => (
              <li key={s.id}>
                <Link to={`/review/drafts/${s.id}`}>{s.title}</Link>
                <span className="muted"> · {s.waitsForMe ? "waits for your approval" : "in review"}</span>
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
        label="Your organisation"
        items={[
          { text: plural(o.people, "person", "people"), to: "/org", count: o.people, always: true },
          { text: `${plural(o.pendingInvitations, "open invitation")}`, to: "/org#invitations", count: o.pendingInvitations, always: true },
          { text: `${plural(o.programmeModules, "module")} in your programme`, to: "/org/programme", count: o.programmeModules, always: true },
          { text: `${plural(o.groupsGathering, "peer group")} gathering founding members`, to: "/groups", count: o.groupsGathering },
        ]}
      />
    );
  }
  if (role === "platform_admin" && data.platform) {
    const p = data.platform;
    return (
      <WorkList
        label="The platform"
        items={[
          { text: plural(p.organisations, "organisation"), to: "/admin", count: p.organisations, always: true },
          { text: `${plural(p.emailsWaiting, "email")} waiting to be sent`, to: "/admin/outbox", count: p.emailsWaiting, always: true },
          { text: `${plural(p.emailsFailed, "email")} that could not be sent`, to: "/admin/outbox", count: p.emailsFailed, urgent: true },
          { text: `${plural(p.archivedModules, "archived module")}`, to: "/admin/modules", count: p.archivedModules },
        ]}
      />
    );
  }
  return null;
}
