// The audit log for moderators and admins: every state change, decision,
// claim, role change and report resolution, newest first, filterable.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { TableScroll } from "~/components/table-scroll";
import { AUDIT_AREA_LABELS, auditActionLabel, isAuditArea } from "~/domain/audit/audit-actions";
import { AUDIT_TARGET_LABELS, AUDIT_TARGET_TYPES } from "~/domain/audit/audit-targets";
import { listAuditEvents, type AuditFilters } from "~/domain/audit/list-audit-events.server";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = () => [{ title: "Audit log · Roundtable" }];

function parseDate(value: string | null, endOfDay = false): { date: Date | null; invalid: boolean } {
  if (!value) return { date: null, invalid: false };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { date: null, invalid: true };
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return { date: null, invalid: true };
  return { date: endOfDay ? new Date(date.getTime() + 86_400_000) : date, invalid: false };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const search = readSearchParams(request);
  const action = search.get("action");
  const targetType = search.get("target");
  const from = parseDate(search.get("from"));
  const to = parseDate(search.get("to"), true);
  const page = Math.min(Math.max(Number.parseInt(search.get("page") ?? "1", 10) || 1, 1), 1000);
  const notes: string[] = [];
  if (from.invalid || to.invalid) notes.push("A date was not understood, so it was left out. Use the date pickers, or write dates as 2026-11-24.");
  const filters: AuditFilters = {
    action: action && (isAuditArea(action) || /^[a-z_]+\.[a-z_]+$/.test(action)) ? action : null,
    targetType: targetType && (AUDIT_TARGET_TYPES as readonly string[]).includes(targetType) ? targetType : null,
    actor: (search.get("actor") ?? "").trim().slice(0, 100) || null,
    from: from.date,
    to: to.date,
    page,
  };
  const result = await listAuditEvents(context.services.db, user, filters);
  return json({ ...result, filters: { action: filters.action ?? "", targetType: filters.targetType ?? "", actor: filters.actor ?? "", from: search.get("from") ?? "", to: search.get("to") ?? "", page }, notes, timeZone: user.timeZone });
}

const targetTypeLabel = (type: string) => ((AUDIT_TARGET_TYPES as readonly string[]).includes(type) ? AUDIT_TARGET_LABELS[type as (typeof AUDIT_TARGET_TYPES)[number]] : type);

export default function AuditLog() {
  const { events, hasMore, filters, notes, timeZone } = useLoaderData<typeof loader>();
  const pageHref = (page: number) => {
    const params = new URLSearchParams({ action: filters.action, target: filters.targetType, actor: filters.actor, from: filters.from, to: filters.to, page: String(page) });
    return `/audit?${params}`;
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p className="muted">Every decision and change of state, with who made it, when and why. Nothing here can be edited or deleted.</p>
      <Form method="get" className="filter-bar" aria-label="Filter the audit log">
        <label>
          What{" "}
          <select name="action" defaultValue={filters.action}>
            <option value="">Everything</option>
            {Object.entries(AUDIT_AREA_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Concerning{" "}
          <select name="target" defaultValue={filters.targetType}>
            <option value="">Anything</option>
            {AUDIT_TARGET_TYPES.map((t) => (
              <option key={t} value={t}>
                {AUDIT_TARGET_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Person <input type="search" name="actor" defaultValue={filters.actor} maxLength={100} />
        </label>
        <label>
          From <input type="date" name="from" defaultValue={filters.from} />
        </label>
        <label>
          To <input type="date" name="to" defaultValue={filters.to} />
        </label>
        <button type="submit" className="button--secondary">
          Show
        </button>
      </Form>
      {notes.map((n) => (
        <p key={n} className="notice" role="status">
          {n}
        </p>
      ))}
      {events.length === 0 ? (
        <p className="notice">Nothing matches these filters.</p>
      ) : (
        <TableScroll label="Audit log">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Concerning</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} data-testid="audit-event">
                  <td>{formatDateTimeInZone(e.at, timeZone)}</td>
                  <td>{e.actorName}</td>
                  <td data-action={e.action}>{auditActionLabel(e.action)}</td>
                  <td>{e.targetLabel || targetTypeLabel(e.targetType)}</td>
                  <td>{e.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label="Pages" className="pager">
        {filters.page > 1 ? <Link to={pageHref(filters.page - 1)}>Newer</Link> : null} {hasMore ? <Link to={pageHref(filters.page + 1)}>Older</Link> : null}
      </nav>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
