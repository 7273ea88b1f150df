// /groups: my groups, then the directory of peer groups I could join,
// searchable by field and filtered by how people join.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { listGroupDirectory, listMyGroupMemberships } from "~/domain/groups/group-directory.server";
import { DIRECTORY_LIMIT, GROUP_ROLE_LABELS, GROUP_STATUS_LABELS, JOIN_POLICIES, JOIN_POLICY_LABELS, gatheringProgress, type JoinPolicy } from "~/domain/groups/group-fields";
import { canFoundGroup } from "~/domain/policy";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = () => [{ title: "Peer groups · Roundtable" }];

const MAX_QUERY_LENGTH = 100;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const search = readSearchParams(request);
  const policy = search.get("policy") ?? "";
  const filters = {
    q: (search.get("q") ?? "").trim().slice(0, MAX_QUERY_LENGTH),
    policy: (JOIN_POLICIES as readonly string[]).includes(policy) ? (policy as JoinPolicy) : null,
  };
  const db = context.services.db;
  const [mine, directory] = await Promise.all([listMyGroupMemberships(db, user), listGroupDirectory(db, user, filters)]);
  return json({ filters, mine, ...directory, mayFound: canFoundGroup(user) });
}

export default function Groups() {
  const { filters, mine, groups, more, mayFound } = useLoaderData<typeof loader>();
  const searching = Boolean(filters.q || filters.policy);
  return (
    <section aria-labelledby="groups-title">
      <h1 id="groups-title">Peer groups</h1>
      <p className="muted">Groups of practitioners who meet to learn from each other, founded and run by alumni.</p>
      {mayFound ? (
        <p>
          <Link className="button" to="/groups/new">
            Found a group
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="my-groups-title">
        <h2 id="my-groups-title">My groups</h2>
        {mine.length === 0 ? (
          <p className="muted">You are not in a group yet. Find one below{mayFound ? ", or found your own" : ""}.</p>
        ) : (
          <ul className="module-list">
            {mine.map((g) => (
              <li key={g.id} className="card">
                {/* Programme groups too: their page, members and meetings are open to their members. */}
                <Link to={`/groups/${g.id}`}>{g.name}</Link>{" "}
                <span className="tag">{GROUP_ROLE_LABELS[g.role]}</span>{" "}
                <span className="muted">
                  {g.kind === "peer" ? (g.field ? `${g.field} · ` : "") : "Programme group · "}
                  {g.memberCount} {g.memberCount === 1 ? "member" : "members"}
                  {g.kind === "peer" && g.status !== "active" ? ` · ${GROUP_STATUS_LABELS[g.status]}` : ""}
                </span>{" "}
                ·{" "}
                <Link to={`/groups/${g.id}/meetings`}>
                  Meetings<span className="visually-hidden"> of {g.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="find-groups-title">
        <h2 id="find-groups-title">Find a group</h2>
        <Form method="get" className="search-form" aria-label="Search peer groups">
          <div className="field">
            <label htmlFor="groups-q">Field or name</label>
            <input id="groups-q" type="search" name="q" defaultValue={filters.q} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="groups-policy">How people join</label>
            <select id="groups-policy" name="policy" defaultValue={filters.policy ?? ""}>
              <option value="">Any way</option>
              {JOIN_POLICIES.map((p) => (
                <option key={p} value={p}>
                  {JOIN_POLICY_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
          <div className="search-form__actions">
            <button type="submit">Search</button> {searching ? <Link to="/groups">Clear</Link> : null}
          </div>
        </Form>
        <p aria-live="polite" className="result-count">
          {groups.length === 0
            ? searching
              ? "No peer groups match your search."
              : "There are no peer groups you could join yet."
            : `${groups.length}${more ? "+" : ""} ${groups.length === 1 ? "peer group" : "peer groups"}`}
        </p>
        <ol className="module-list" aria-label="Peer groups">
          {groups.map((g) => (
            <li key={g.id} className="card">
              <h3>
                <Link to={`/groups/${g.id}`}>{g.name}</Link>
              </h3>
              <p className="module-card__meta">
                <span className="tag">{g.field}</span>
                <span className="muted">{g.orgName}</span>
              </p>
              <p>
                {JOIN_POLICY_LABELS[g.joinPolicy]}
                {" · "}
                {g.crossOrg ? "People from other organisations are welcome" : `Only for people of ${g.orgName}`}
                {" · "}
                {g.memberCount} of {g.sizeCap ?? "any number of"} members
                {g.role ? ` · You are a ${GROUP_ROLE_LABELS[g.role].toLowerCase()}` : ""}
              </p>
              {g.status === "gathering" ? (
                <p className="muted">
                  {gatheringProgress({ interestedPeople: g.interestedPeople, interestedDepartments: g.interestedDepartments, minPeople: g.minPeople, minDepartments: g.minDepartments })}
                  {g.interestedByMe ? " · including you" : ""}
                </p>
              ) : g.status === "awaiting_approval" ? (
                <p className="muted">{GROUP_STATUS_LABELS.awaiting_approval}</p>
              ) : null}
            </li>
          ))}
        </ol>
        {more ? <p className="muted">Only the first {DIRECTORY_LIMIT} are shown. Narrow the list with a search.</p> : null}
      </section>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
