// The module ideas people have proposed, to discuss and support.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { useFormat } from "~/components/use-format";
import { MINDSETS } from "~/domain/content/mindsets";
import { translateMessage } from "~/domain/i18n/message";
import { personName } from "~/domain/people/person-name";
import { pageTitle } from "~/domain/i18n/translators";
import { canPropose } from "~/domain/policy";
import { listProposals } from "~/domain/proposals/list-proposals.server";
import { PROPOSAL_LIST_LIMIT } from "~/domain/proposals/proposal-list-params";
import { parseProposalListParams, PROPOSAL_SORTS, PROPOSAL_STATUS_FILTERS, proposalListHref } from "~/domain/proposals/proposal-list-params";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "proposals:list.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { notes, ...params } = parseProposalListParams(readSearchParams(request));
  const result = await listProposals(context.services.db, user, params);
  return json({ params, notes, ...result, mayPropose: canPropose(user), timeZone: user.timeZone });
}

export default function Proposals() {
  const { params, notes, items, more, mayPropose, timeZone } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("proposals");
  const format = useFormat();
  return (
    <section aria-labelledby="proposals-title">
      <h1 id="proposals-title">{t("list.heading")}</h1>
      <p className="muted">{t("list.intro")}</p>
      {mayPropose ? (
        <p>
          <Link className="button" to="/proposals/new">
            {t("list.propose")}
          </Link>
        </p>
      ) : null}
      <Form key={proposalListHref(params)} method="get" className="search-form" aria-label={t("list.filterLabel")}>
        <div className="field">
          <label htmlFor="sort">{t("list.sortBy")}</label>
          <select id="sort" name="sort" defaultValue={params.sort}>
            {PROPOSAL_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`list.sorts.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mindset">{t("modules:catalogue.mindset")}</label>
          <select id="mindset" name="mindset" defaultValue={params.mindset ?? ""}>
            <option value="">{t("modules:catalogue.allMindsets")}</option>
            {MINDSETS.map((m) => (
              <option key={m} value={m}>
                {t(`modules:mindsets.${m}.name`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">{t("list.status")}</label>
          <select id="status" name="status" defaultValue={params.status}>
            {PROPOSAL_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`list.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="search-form__actions">
          <button type="submit">{t("list.show")}</button> <Link to="/proposals">{t("modules:catalogue.clear")}</Link>
        </div>
      </Form>
      {notes.map((n) => (
        <p key={n} className="notice" role="status">
          {translateMessage(i18n, n)}
        </p>
      ))}
      <p aria-live="polite" className="result-count">
        {items.length === 0 ? t("list.noMatch") : t(more ? "list.countMore" : "list.count", { count: items.length })}
      </p>
      <ol className="module-list proposal-list">
        {items.map((p) => (
          <li key={p.id} className="card proposal-card">
            <h2>
              <Link to={`/proposals/${p.id}`}>{p.title}</Link>
            </h2>
            <p className="module-card__meta">
              <span className="tag tag--mindset">{t(`modules:mindsets.${p.mindset}.name`)}</span>
              {p.status !== "open" ? <span className="tag">{t(`list.tags.${p.status}`)}</span> : null}
              <span className="tag">{p.visibility === "public" ? t("list.allOrganisations") : t("list.ourOrganisation")}</span>
              <span className="muted">
                {t("list.byOn", { name: personName(p.proposerName, t), date: format.date(p.createdAt, timeZone) })}
              </span>
            </p>
            <p className="proposal-card__challenge">{p.challenge.length > 240 ? `${p.challenge.slice(0, 239)}…` : p.challenge}</p>
            <p className="proposal-card__counts">
              <strong>{t("list.supporters", { count: p.supportCount })}</strong>
              {p.supportedByMe ? ` ${t("list.includingYou")}` : ""} · {t("list.comments", { count: p.commentCount })}
            </p>
          </li>
        ))}
      </ol>
      {more ? <p className="muted">{t("list.limit", { count: PROPOSAL_LIST_LIMIT })}</p> : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
