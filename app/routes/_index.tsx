import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateInZone } from "~/components/format-time";
import { loadDashboard } from "~/domain/dashboard/load-dashboard.server";
import { ROLE_LABELS, type Role } from "~/domain/roles";
import { getUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Roundtable" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = getUser(context);
  if (!user) return json({ signedIn: false as const });
  const dashboard = await loadDashboard(context.services.db, user);
  return json({ signedIn: true as const, name: user.name, roles: user.roles, timeZone: user.timeZone, ...dashboard });
}

const ROLE_NEXT_STEPS: Record<Role, { lead: string; steps: string[] }> = {
  participant: {
    lead: "You are in a cycle now.",
    steps: ["Run your group's monthly meeting page by page.", "Write down your take-aways and try the best one this month."],
  },
  alumnus: {
    lead: "You finished a cycle. Keep the learning going.",
    steps: ["Propose a topic for a new module and co-write it with other alumni.", "Organise or join a reunion.", "Found or join a peer group in your field."],
  },
  facilitator: {
    lead: "You guide groups until they run themselves.",
    steps: ["Schedule your groups' meetings.", "Choose the next module together with each group."],
  },
  thought_leader: {
    lead: "You write the modules groups discuss.",
    steps: ["Publish and improve your modules.", "Invite co-authors and approve changes to your modules."],
  },
  moderator: {
    lead: "You keep the catalogue's quality.",
    steps: ["Review proposals and drafts, publish or send them back.", "Handle reports."],
  },
  org_admin: {
    lead: "You run Roundtable for your organisation.",
    steps: ["Invite people or import them from a spreadsheet.", "Assign roles, departments and sites.", "Decide how people join."],
  },
  platform_admin: {
    lead: "You run the whole platform.",
    steps: ["Create organisations and invite their first admin.", "Read the outbox of emails."],
  },
};

export default function Home() {
  const data = useLoaderData<typeof loader>();
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
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Welcome, {data.name}</h1>
      <p className="muted">{data.orgName}</p>
      {data.profileIncomplete ? (
        <p className="notice">
          Tell your peers who you are: <Link to="/profile">complete your profile</Link>.
        </p>
      ) : null}
      <p>
        <Link className="button" to="/modules">
          Browse the modules
        </Link>
      </p>
      <ul className="cards" aria-label="What you can do next">
        {data.roles.map((role) => (
          <li key={role} className="card" data-role={role}>
            <h2>{ROLE_LABELS[role]}</h2>
            <p>{ROLE_NEXT_STEPS[role].lead}</p>
            <ul>
              {ROLE_NEXT_STEPS[role].steps.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
            {role === "org_admin" && data.org ? (
              <p>
                {data.org.people} people, {data.org.pendingInvitations} open invitations.{" "}
                <Link to="/org">Manage people</Link> · <Link to="/org/invite">Invite someone</Link>
              </p>
            ) : null}
            {role === "platform_admin" && data.platform ? (
              <p>
                {data.platform.organisations} organisations, {data.platform.undeliveredEmails} emails waiting.{" "}
                <Link to="/admin">Organisations</Link> · <Link to="/admin/outbox">Outbox</Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {data.drafts.length ? (
        <section aria-labelledby="drafts-title">
          <h2 id="drafts-title">Modules you are writing</h2>
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
