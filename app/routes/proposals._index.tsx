// The module ideas people have proposed, to discuss and support.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDateInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { MINDSET_LABELS, MINDSETS } from "~/domain/content/mindsets";
import { canPropose } from "~/domain/policy";
import { listProposals } from "~/domain/proposals/list-proposals.server";
import { PROPOSAL_LIST_LIMIT } from "~/domain/proposals/proposal-list-params";
import {
  parseProposalListParams,
  PROPOSAL_SORT_LABELS,
  PROPOSAL_SORTS,
  PROPOSAL_STATUS_FILTERS,
  PROPOSAL_STATUS_LABELS,
  proposalListHref,
} from "~/domain/proposals/proposal-list-params";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = () => [{ title: "Proposals · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { notes, ...params } = parseProposalListParams(readSearchParams(request));
  const result = await listProposals(context.services.db, user, params);
  return json({ params, notes, ...result, mayPropose: canPropose(user), timeZone: user.timeZone });
}

const STATUS_TAG: Record<string, string> = { open: "Open", accepted: "Accepted", declined: "Declined", merged: "Merged" };

export default function Proposals() {
  const { params, notes, items, more, mayPropose, timeZone } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="proposals-title">
      <h1 id="proposals-title">Proposals</h1>
      <p className="muted">Ideas for new modules. Discuss them, support the ones you want, and moderators turn the best into drafts.</p>
      {mayPropose ? (
        <p>
          <Link className="button" to="/proposals/new">
            Propose a module
          </Link>
        </p>
      ) : null}
      <Form key={proposalListHref(params)} method="get" className="search-form" aria-label="Sort and filter proposals">
        <div className="field">
          <label htmlFor="sort">Sort by</label>
          <select id="sort" name="sort" defaultValue={params.sort}>
            {PROPOSAL_SORTS.map((s) => (
              <option key={s} value={s}>
                {PROPOSAL_SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mindset">Mindset</label>
          <select id="mindset" name="mindset" defaultValue={params.mindset ?? ""}>
            <option value="">All mindsets</option>
            {MINDSETS.map((m) => (
              <option key={m} value={m}>
                {MINDSET_LABELS[m].name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={params.status}>
            {PROPOSAL_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {PROPOSAL_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="search-form__actions">
          <button type="submit">Show</button> <Link to="/proposals">Clear</Link>
        </div>
      </Form>
      {notes.map((n) => (
        <p key={n} className="notice" role="status">
          {n}
        </p>
      ))}
      <p aria-live="polite" className="result-count">
        {items.length === 0 ? "No proposals match these filters." : `${items.length}${more ? "+" : ""} ${items.length === 1 ? "proposal" : "proposals"}`}
      </p>
      <ol className="module-list proposal-list">
        {items.map((p) => (
          <li key={p.id} className="card proposal-card">
            <h2>
              <Link to={`/proposals/${p.id}`}>{p.title}</Link>
            </h2>
            <p className="module-card__meta">
              <span className="tag tag--mindset">{MINDSET_LABELS[p.mindset].name}</span>
              {p.status !== "open" ? <span className="tag">{STATUS_TAG[p.status]}</span> : null}
              <span className="tag">{p.visibility === "public" ? "All organisations" : "Our organisation"}</span>
              <span className="muted">
                by {p.proposerName ?? "a former member"} · {formatDateInZone(p.createdAt, timeZone)}
              </span>
            </p>
            <p className="proposal-card__challenge">{p.challenge.length > 240 ? `${p.challenge.slice(0, 239)}…` : p.challenge}</p>
            <p className="proposal-card__counts">
              <strong>
                {p.supportCount} {p.supportCount === 1 ? "supporter" : "supporters"}
              </strong>
              {p.supportedByMe ? " (including you)" : ""} · {p.commentCount} {p.commentCount === 1 ? "comment" : "comments"}
            </p>
          </li>
        ))}
      </ol>
      {more ? <p className="muted">Only the first {PROPOSAL_LIST_LIMIT} are shown. Narrow the list with the filters above.</p> : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
