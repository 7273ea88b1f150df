// The moderators' review queue: proposals, submitted drafts and reports
// waiting in their scope, oldest first, with claims and overdue highlights.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxGroup, FormError } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { isMindset } from "~/domain/content/mindsets";
import { ForbiddenError } from "~/domain/http-errors";
import { translateNestedMessage } from "~/domain/i18n/nested-message";
import { pageTitle } from "~/domain/i18n/translators";
import { canUseReviewQueue } from "~/domain/policy";
import { REVIEW_AGES, REVIEW_KINDS, listReviewQueue, setClaim, setMyMindsets, type QueueFilters } from "~/domain/review/review-queue.server";
import { MINDSETS } from "../../db/mindsets";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser, safeRedirectPath } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "review:queue.title");

function parseFilters(search: URLSearchParams): QueueFilters {
  const kind = search.get("kind");
  const mindset = search.get("mindset") ?? "";
  const age = search.get("age");
  return {
    kind: (REVIEW_KINDS as readonly string[]).includes(kind ?? "") ? (kind as QueueFilters["kind"]) : null,
    mindset: isMindset(mindset) ? mindset : null,
    age: (REVIEW_AGES as readonly string[]).includes(age ?? "") ? (age as QueueFilters["age"]) : "any",
    onlyMyMindsets: search.get("all") !== "1",
  };
}

function requireModerator(context: LoaderFunctionArgs["context"], request: Request) {
  const user = requireUser(context, request);
  if (!canUseReviewQueue(user)) throw new ForbiddenError("review:queue.forbidden");
  return user;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireModerator(context, request);
  const filters = parseFilters(readSearchParams(request));
  const overdueHours = context.services.config.reviewReminderHours;
  const queue = await listReviewQueue(context.services.db, user, filters, { overdueHours });
  // The kinds come with the data: the page cannot import them from a .server module, which is empty in the browser.
  const kinds = [...REVIEW_KINDS];
  return json({ ...queue, filters, overdueHours, kinds });
}

const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.enum(["claim", "release"]), itemId: z.string().uuid("review:queue.errors.gone") }),
    z.object({ intent: z.literal("mindsets"), mindsets: z.union([z.string(), z.array(z.string())]).optional() }),
  ],
  { errorMap: () => ({ message: "org:settings.errors.unknownIntent" }) },
);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireModerator(context, request);
  const formData = await readFormData(request);
  const back = new URL(request.url);
  return submitForm(formData, schema, async (data) => {
    if (data.intent === "mindsets") {
      const chosen = ([] as string[]).concat(data.mindsets ?? []).filter(isMindset);
      await setMyMindsets(context.services.db, user, chosen);
    } else {
      await setClaim(context.services.db, user, data.itemId, data.intent === "claim");
    }
    return redirect(safeRedirectPath(`/review${back.search}`));
  });
}

export default function ReviewQueue() {
  const loaded = useLoaderData<typeof loader>();
  const { filters, myMindsets, overdueHours, kinds } = loaded;
  const { t, i18n } = useTranslation("review");
  // A report's or a peer group's title is a message (review:queue.reportTitle); a draft's or a proposal's is its own.
  const items = loaded.items.map((item) => ({ ...item, title: translateNestedMessage(i18n, item.title) }));
  const kindLabel = (kind: string) => t(`kinds.${kind}`);
  // How long an item has waited: under an hour, in hours up to two days, then in days.
  const waited = (hours: number) => (hours < 1 ? t("queue.waitedUnderHour") : hours < 48 ? t("queue.waitedHours", { count: hours }) : t("queue.waitedDays", { count: Math.floor(hours / 24) }));
  const errors = useFormErrors();
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t("queue.title")}</h1>
      <p className="muted">{t("queue.intro", { hours: overdueHours })}</p>
      <Form method="get" className="filter-bar" aria-label={t("queue.filterLabel")}>
        <label>
          {t("queue.type")}{" "}
          <select name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">{t("queue.allTypes")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kindsPlural.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("modules:catalogue.mindset")}{" "}
          <select name="mindset" defaultValue={filters.mindset ?? ""}>
            <option value="">{myMindsets.length && filters.onlyMyMindsets ? t("queue.myMindsets") : t("modules:catalogue.allMindsets")}</option>
            {MINDSETS.map((m) => (
              <option key={m} value={m}>
                {t(`modules:mindsets.${m}.name`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("queue.waiting")}{" "}
          <select name="age" defaultValue={filters.age}>
            <option value="any">{t("queue.anyTime")}</option>
            <option value="overdue">{t("queue.longerThan", { hours: overdueHours })}</option>
            <option value="week">{t("queue.thisWeek")}</option>
          </select>
        </label>
        {myMindsets.length ? (
          <label className="checkbox">
            <input type="checkbox" name="all" value="1" defaultChecked={!filters.onlyMyMindsets} /> {t("queue.includeOthers")}
          </label>
        ) : null}
        <button type="submit" className="button--secondary">
          {t("proposals:list.show")}
        </button>
      </Form>
      <FormError message={errors.formError ?? errors.fieldErrors.itemId ?? errors.fieldErrors.intent} />
      {items.length === 0 ? (
        <p className="notice">{t("queue.empty")}</p>
      ) : (
        <ol className="review-queue">
          {items.map((item) => (
            <li key={item.id} className={item.overdue ? "review-queue__item review-queue__item--overdue" : "review-queue__item"} data-testid="review-item">
              <span className="review-queue__kind">{kindLabel(item.kind)}</span>{" "}
              <Link to={item.link}>{item.title}</Link>
              {item.mindset ? <span className="muted"> · {t(`modules:mindsets.${item.mindset}.name`)}</span> : null}
              <span className={item.overdue ? "review-queue__age review-queue__age--overdue" : "review-queue__age"}>
                {" "}
                · {t(item.overdue ? "queue.waitedOverdue" : "queue.waited", { time: waited(item.waitedHours) })}
              </span>
              <Form method="post" className="inline-form">
                <input type="hidden" name="itemId" value={item.id} />
                {item.claimedBy ? (
                  <>
                    <span className="muted">{item.claimedByMe ? t("queue.takenByYou") : t("queue.takenBy", { name: item.claimedBy })}</span>{" "}
                    {item.claimedByMe ? (
                      <button type="submit" name="intent" value="release" className="link-button">
                        {t("queue.release", { title: item.title })}
                      </button>
                    ) : null}
                  </>
                ) : (
                  <button type="submit" name="intent" value="claim" className="link-button">
                    {t("queue.claim", { title: item.title })}
                  </button>
                )}
              </Form>
            </li>
          ))}
        </ol>
      )}
      <details className="review-scope">
        <summary>{t("queue.myMindsets")}</summary>
        <Form method="post">
          <CheckboxGroup legend={t("queue.mindsetsLegend")} name="mindsets" options={MINDSETS.map((m) => ({ value: m, label: t(`modules:mindsets.${m}.name`) }))} selected={myMindsets} />
          <button type="submit" name="intent" value="mindsets" className="button--secondary">
            {t("queue.saveMindsets")}
          </button>
        </Form>
      </details>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
