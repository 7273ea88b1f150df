import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listOutbox, OUTBOX_PAGE_SIZE } from "~/domain/email/list-outbox.server";
import { requirePlatformAdmin } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = () => [{ title: "Outbox · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePlatformAdmin(context, request);
  const pageParam = Number(readSearchParams(request).get("page") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 100_000 ? pageParam : 1;
  const { messages, total } = await listOutbox(context.services.db, user, page);
  return json({ messages, total, page, pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)), smtp: Boolean(context.services.config.smtpUrl) });
}

const STATUS: Record<string, string> = { pending: "Waiting to send", sending: "Sending", sent: "Sent", failed: "Failed" };

export default function Outbox() {
  const { messages, total, page, pages, smtp } = useLoaderData<typeof loader>();
  return (
    <>
      <h2>Outbox ({total})</h2>
      <p className="muted">
        {smtp
          ? "Emails are delivered through the configured SMTP server; failures are retried and their reason shown here."
          : "No SMTP server is configured, so emails stay here. Open one to read it and follow its links."}
      </p>
      {messages.map((m) => (
        <details key={m.id} className="mail" data-testid="outbox-message">
          <summary>
            <strong>{m.subject}</strong> — to {m.to} · {smtp || m.status !== "pending" ? STATUS[m.status] : "Kept here (no SMTP server)"} · {new Date(m.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC
          </summary>
          {m.lastError ? <p className="field__error">Last failure: {m.lastError}</p> : null}
          <pre>{m.text}</pre>
        </details>
      ))}
      <nav aria-label="Outbox pages">
        {page > 1 ? <Link to={`?page=${page - 1}`}>Newer</Link> : null} {page < pages ? <Link to={`?page=${page + 1}`}>Older</Link> : null}
      </nav>
    </>
  );
}
