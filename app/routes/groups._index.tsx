// /groups: my groups, then the directory of peer groups I could join,
// searchable by field and filtered by how people join.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { listGroupDirectory, listMyGroupMemberships } from "~/domain/groups/group-directory.server";
import { DIRECTORY_LIMIT, JOIN_POLICIES, gatheringProgress, type JoinPolicy } from "~/domain/groups/group-fields";
import { translateMessage } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { canFoundGroup } from "~/domain/policy";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "groups:list.title");

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
  const { t, i18n } = useTranslation("groups");
  return (
    <section aria-labelledby="groups-title">
      <h1 id="groups-title">{t("list.heading")}</h1>
      <p className="muted">{t("list.intro")}</p>
      {mayFound ? (
        <p>
          <Link className="button" to="/groups/new">
            {t("list.found")}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="my-groups-title">
        <h2 id="my-groups-title">{t("list.mine")}</h2>
        {mine.length === 0 ? (
          <p className="muted">{mayFound ? t("list.noneMayFound") : t("list.none")}</p>
        ) : (
          <ul className="module-list">
            {mine.map((g) => (
              <li key={g.id} className="card">
                {/* Programme groups too: their page, members and meetings are open to their members. */}
                <Link to={`/groups/${g.id}`}>{g.name}</Link>{" "}
                <span className="tag">{t(`roles.${g.role}`)}</span>{" "}
                <span className="muted">
                  {g.kind === "peer" ? (g.field ? `${g.field} · ` : "") : `${t("list.programmeGroup")} · `}
                  {t("list.members", { count: g.memberCount })}
                  {g.kind === "peer" && g.status !== "active" ? ` · ${t(`statuses.${g.status}`)}` : ""}
                </span>{" "}
                ·{" "}
                <Link to={`/groups/${g.id}/meetings`} aria-label={t("list.meetingsOf", { group: g.name })}>
                  {t("list.meetings")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="find-groups-title">
        <h2 id="find-groups-title">{t("list.find")}</h2>
        <Form method="get" className="search-form" aria-label={t("list.searchLabel")}>
          <div className="field">
            <label htmlFor="groups-q">{t("list.q")}</label>
            <input id="groups-q" type="search" name="q" defaultValue={filters.q} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="groups-policy">{t("list.policy")}</label>
            <select id="groups-policy" name="policy" defaultValue={filters.policy ?? ""}>
              <option value="">{t("list.anyPolicy")}</option>
              {JOIN_POLICIES.map((p) => (
                <option key={p} value={p}>
                  {t(`policies.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="search-form__actions">
            <button type="submit">{t("modules:catalogue.submit")}</button> {searching ? <Link to="/groups">{t("modules:catalogue.clear")}</Link> : null}
          </div>
        </Form>
        <p aria-live="polite" className="result-count">
          {groups.length === 0 ? (searching ? t("list.noMatch") : t("list.noneToJoin")) : t(more ? "list.countMore" : "list.count", { count: groups.length })}
        </p>
        <ol className="module-list" aria-label={t("list.heading")}>
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
                {t(`policies.${g.joinPolicy}`)}
                {" · "}
                {g.crossOrg ? t("list.crossOrg") : t("list.onlyOrg", { organisation: g.orgName })}
                {" · "}
                {g.sizeCap === null ? t("list.membersNoCap", { count: g.memberCount }) : t("list.membersOfCap", { count: g.memberCount, cap: g.sizeCap })}
                {g.role ? ` · ${t(`list.youAre.${g.role}`)}` : ""}
              </p>
              {g.status === "gathering" ? (
                <p className="muted">
                  {translateMessage(
                    i18n,
                    gatheringProgress({ interestedPeople: g.interestedPeople, interestedDepartments: g.interestedDepartments, minPeople: g.minPeople, minDepartments: g.minDepartments }),
                  )}
                  {g.interestedByMe ? ` · ${t("list.includingYou")}` : ""}
                </p>
              ) : g.status === "awaiting_approval" ? (
                <p className="muted">{t("statuses.awaiting_approval")}</p>
              ) : null}
            </li>
          ))}
        </ol>
        {more ? <p className="muted">{t("list.limit", { count: DIRECTORY_LIMIT })}</p> : null}
      </section>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
