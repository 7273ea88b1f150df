import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOutbox, OUTBOX_PAGE_SIZE } from "~/domain/email/list-outbox.server";
import { pageTitle } from "~/domain/i18n/translators";
import { requirePlatformAdmin } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.nav.outbox");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePlatformAdmin(context, request);
  const pageParam = Number(readSearchParams(request).get("page") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 100_000 ? pageParam : 1;
  const { messages, total } = await listOutbox(context.services.db, user, page);
  return json({ messages, total, page, pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)), smtp: Boolean(context.services.config.smtpUrl) });
}

export default function Outbox() {
  const { messages, total, page, pages, smtp } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h2>{t("admin.outbox.heading", { count: total })}</h2>
      <p className="muted">{smtp ? t("admin.outbox.smtp") : t("admin.outbox.noSmtp")}</p>
      {messages.map((m) => (
        <details key={m.id} className="mail" data-testid="outbox-message">
          <summary>
            <strong>{m.subject}</strong> — {t("admin.outbox.to", { to: m.to })} · {smtp || m.status !== "pending" ? t(`admin.outbox.statuses.${m.status}`) : t("admin.outbox.kept")} ·{" "}
            {new Date(m.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC
          </summary>
          {m.lastError ? <p className="field__error">{t("admin.outbox.lastFailure", { error: m.lastError })}</p> : null}
          <pre>{m.text}</pre>
        </details>
      ))}
      <nav aria-label={t("admin.outbox.pages")}>
        {page > 1 ? <Link to={`?page=${page - 1}`}>{t("notifications:list.newer")}</Link> : null}{" "}
        {page < pages ? <Link to={`?page=${page + 1}`}>{t("notifications:list.older")}</Link> : null}
      </nav>
    </>
  );
}
