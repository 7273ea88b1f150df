import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { useFormat } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import { nameFormerMembers } from "~/domain/people/person-name";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "~/domain/notifications/list-notifications.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser, safeRedirectPath } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications:list.title");

const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("open"), id: z.string({ required_error: "validation:notification.gone" }).uuid("validation:notification.gone") }),
    z.object({ intent: z.literal("read-all") }),
  ],
  { errorMap: () => ({ message: "validation:notification.intent" }) },
);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const pageParam = Number(readSearchParams(request).get("page") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 100_000 ? pageParam : 1;
  const list = await listNotifications(context.services.db, user, page);
  return json({ ...list, timeZone: user.timeZone });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (input) => {
    if (input.intent === "read-all") {
      await markAllNotificationsRead(context.services.db, user);
      return redirect("/notifications?allRead=1");
    }
    const { link } = await markNotificationRead(context.services.db, user, input.id);
    return redirect(safeRedirectPath(link, "/notifications"));
  });
}

export default function Notifications() {
  const { items, total, unread, page, pages, timeZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const { t } = useTranslation("notifications");
  const format = useFormat();
  return (
    <section aria-labelledby="notifications-title" className="notifications">
      <h1 id="notifications-title">{t("list.heading")}</h1>
      {params.get("allRead") ? <Notice>{t("list.allRead")}</Notice> : null}
      <FormError message={errors.formError ?? errors.fieldErrors.id ?? errors.fieldErrors.intent} />
      <div className="notifications__bar">
        <p className="muted">
          {total === 0 ? t("list.none") : t("list.unread", { count: unread })} <Link to="/notifications/settings">{t("list.settingsLink")}</Link>
        </p>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="button--secondary">
              {t("list.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length ? (
        <ol className="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? "notification" : "notification notification--unread"} data-testid="notification">
              <Form method="post">
                <input type="hidden" name="id" value={n.id} />
                {/* Opening goes through the server so the notification is marked read on the way. */}
                <button type="submit" name="intent" value="open" className="link-button notification__title">
                  {n.readAt ? null : <span className="notification__badge">{t("list.new")}</span>} {nameFormerMembers(n.title, t)}
                </button>
              </Form>
              {n.body ? <p className="notification__body">{nameFormerMembers(n.body, t)}</p> : null}
              <p className="muted notification__time">{format.dateTime(n.createdAt, timeZone)}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t("list.pages")} className="pager">
          {page > 1 ? <Link to={`?page=${page - 1}`}>{t("list.newer")}</Link> : <span />}
          <span className="muted">{t("list.pageOf", { page, pages })}</span>
          {page < pages ? <Link to={`?page=${page + 1}`}>{t("list.older")}</Link> : <span />}
        </nav>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
