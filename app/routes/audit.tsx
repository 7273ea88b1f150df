// The audit log for moderators and admins: every state change, decision,
// claim, role change and report resolution, newest first, filterable.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { TableScroll } from "~/components/table-scroll";
import { useFormat } from "~/components/use-format";
import { AUDIT_AREA_LABELS, isAuditAction, isAuditArea } from "~/domain/audit/audit-actions";
import { AUDIT_TARGET_TYPES } from "~/domain/audit/audit-targets";
import { listAuditEvents, type AuditFilters } from "~/domain/audit/list-audit-events.server";
import { translateNestedMessage } from "~/domain/i18n/nested-message";
import { occasionLabelIn } from "~/domain/reunions/audit-occasion.server";
import { i18nFor, pageTitle } from "~/domain/i18n/translators";
import { nameFormerMembers } from "~/domain/people/person-name";
import { requireUser } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit:title");

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
  // Catalogue keys (audit namespace), said in the page's language.
  const notes: string[] = [];
  if (from.invalid || to.invalid) notes.push("badDate");
  const filters: AuditFilters = {
    action: action && (isAuditArea(action) || /^[a-z_]+\.[a-z_]+$/.test(action)) ? action : null,
    targetType: targetType && (AUDIT_TARGET_TYPES as readonly string[]).includes(targetType) ? targetType : null,
    actor: (search.get("actor") ?? "").trim().slice(0, 100) || null,
    from: from.date,
    to: to.date,
    page,
  };
  const result = await listAuditEvents(context.services.db, user, filters);
  // Reasons and labels the app wrote are messages, said in the reader's language; a person's own words, or a row written before the catalogues, as stored.
  // An erased person reads as a former member in the reader's words wherever the erasure put the stored name.
  const i18n = i18nFor(context.language);
  const named = (text: string) => nameFormerMembers(text, (key) => String(i18n.t(key)));
  const said = (text: string | null) => (text ? named(translateNestedMessage(i18n, text)) : text);
  const label = (text: string | null) => (text ? named(occasionLabelIn(context.language, text) ?? translateNestedMessage(i18n, text)) : text);
  const events = result.events.map((e) => ({ ...e, actorName: named(e.actorName), reason: said(e.reason), targetLabel: label(e.targetLabel) }));
  return json({ ...result, events, filters: { action: filters.action ?? "", targetType: filters.targetType ?? "", actor: filters.actor ?? "", from: search.get("from") ?? "", to: search.get("to") ?? "", page }, notes, timeZone: user.timeZone });
}

type Translate = ReturnType<typeof useTranslation>["t"];

const isTargetType = (type: string) => (AUDIT_TARGET_TYPES as readonly string[]).includes(type);

/** What happened, from the catalogue by the event's kind; a kind recorded by an older version still reads as words. */
function actionWords(t: Translate, action: string) {
  if (isAuditAction(action)) return t(`actions.${action}`);
  const [area = "", what = ""] = action.split(".");
  return isAuditArea(area) ? t("unknownAction", { area: t(`areas.${area}`), what: what.replace(/_/g, " ") }) : action.replace(/[._]/g, " ");
}

export default function AuditLog() {
  const { events, hasMore, filters, notes, timeZone } = useLoaderData<typeof loader>();
  const { t } = useTranslation("audit");
  const format = useFormat();
  const pageHref = (page: number) => {
    const params = new URLSearchParams({ action: filters.action, target: filters.targetType, actor: filters.actor, from: filters.from, to: filters.to, page: String(page) });
    return `/audit?${params}`;
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("heading")}</h1>
      <p className="muted">{t("intro")}</p>
      <Form method="get" className="filter-bar" aria-label={t("filterLabel")}>
        <label>
          {t("what")}{" "}
          <select name="action" defaultValue={filters.action}>
            <option value="">{t("everything")}</option>
            {Object.keys(AUDIT_AREA_LABELS).map((value) => (
              <option key={value} value={value}>
                {t(`areas.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("concerning")}{" "}
          <select name="target" defaultValue={filters.targetType}>
            <option value="">{t("anything")}</option>
            {AUDIT_TARGET_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`targets.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("person")} <input type="search" name="actor" defaultValue={filters.actor} maxLength={100} />
        </label>
        <label>
          {t("from")} <input type="date" name="from" defaultValue={filters.from} />
        </label>
        <label>
          {t("to")} <input type="date" name="to" defaultValue={filters.to} />
        </label>
        <button type="submit" className="button--secondary">
          {t("show")}
        </button>
      </Form>
      {notes.map((n) => (
        <p key={n} className="notice" role="status">
          {t(n)}
        </p>
      ))}
      {events.length === 0 ? (
        <p className="notice">{t("noMatch")}</p>
      ) : (
        <TableScroll label={t("heading")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("columns.when")}</th>
                <th scope="col">{t("columns.who")}</th>
                <th scope="col">{t("columns.what")}</th>
                <th scope="col">{t("columns.concerning")}</th>
                <th scope="col">{t("columns.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} data-testid="audit-event">
                  <td>{format.dateTime(e.at, timeZone)}</td>
                  <td>{e.actorName}</td>
                  <td data-action={e.action}>{actionWords(t, e.action)}</td>
                  <td>{e.targetLabel || (isTargetType(e.targetType) ? t(`targets.${e.targetType}`) : e.targetType)}</td>
                  <td>{e.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label={t("pages")} className="pager">
        {filters.page > 1 ? <Link to={pageHref(filters.page - 1)}>{t("newer")}</Link> : null} {hasMore ? <Link to={pageHref(filters.page + 1)}>{t("older")}</Link> : null}
      </nav>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
