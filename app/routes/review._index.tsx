// The moderators' review queue: proposals, submitted drafts and reports
// waiting in their scope, oldest first, with claims and overdue highlights.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CheckboxGroup, FormError } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { MINDSET_LABELS, isMindset } from "~/domain/content/mindsets";
import { ForbiddenError } from "~/domain/http-errors";
import { canUseReviewQueue } from "~/domain/policy";
import { KIND_LABELS, REVIEW_AGES, REVIEW_KINDS, listReviewQueue, setClaim, setMyMindsets, type QueueFilters } from "~/domain/review/review-queue.server";
import { MINDSETS } from "../../db/mindsets";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser, safeRedirectPath } from "~/require-user.server";
import { readSearchParams } from "~/forms/read-search-params.server";

export const meta: MetaFunction = () => [{ title: "Review queue · Roundtable" }];

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
  if (!canUseReviewQueue(user)) throw new ForbiddenError("The review queue is for moderators.");
  return user;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireModerator(context, request);
  const filters = parseFilters(readSearchParams(request));
  const overdueHours = context.services.config.reviewReminderHours;
  const queue = await listReviewQueue(context.services.db, user, filters, { overdueHours });
  // The kinds come with the data: the page cannot import them from a .server module, which is empty in the browser.
  const kinds = REVIEW_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));
  return json({ ...queue, filters, overdueHours, kinds });
}

const schema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.enum(["claim", "release"]), itemId: z.string().uuid("That item is no longer in the queue.") }),
    z.object({ intent: z.literal("mindsets"), mindsets: z.union([z.string(), z.array(z.string())]).optional() }),
  ],
  { errorMap: () => ({ message: "That action is not available here. Reload the page and try again." }) },
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

const waited = (hours: number) => (hours < 1 ? "less than an hour" : hours < 48 ? `${hours} hour${hours === 1 ? "" : "s"}` : `${Math.floor(hours / 24)} days`);

export default function ReviewQueue() {
  const { items, filters, myMindsets, overdueHours, kinds } = useLoaderData<typeof loader>();
  const kindLabel = (kind: string) => kinds.find((k) => k.value === kind)?.label ?? kind;
  const errors = useFormErrors();
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Review queue</h1>
      <p className="muted">Oldest first. Items waiting more than {overdueHours} hours are highlighted, and their reviewers get one reminder by email.</p>
      <Form method="get" className="filter-bar" aria-label="Filter the queue">
        <label>
          Type{" "}
          <select name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">All types</option>
            {kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}s
              </option>
            ))}
          </select>
        </label>
        <label>
          Mindset{" "}
          <select name="mindset" defaultValue={filters.mindset ?? ""}>
            <option value="">{myMindsets.length && filters.onlyMyMindsets ? "My mindsets" : "All mindsets"}</option>
            {MINDSETS.map((m) => (
              <option key={m} value={m}>
                {MINDSET_LABELS[m].name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Waiting{" "}
          <select name="age" defaultValue={filters.age}>
            <option value="any">Any time</option>
            <option value="overdue">Longer than {overdueHours} hours</option>
            <option value="week">Arrived this week</option>
          </select>
        </label>
        {myMindsets.length ? (
          <label className="checkbox">
            <input type="checkbox" name="all" value="1" defaultChecked={!filters.onlyMyMindsets} /> Include mindsets outside mine
          </label>
        ) : null}
        <button type="submit" className="button--secondary">
          Show
        </button>
      </Form>
      <FormError message={errors.formError ?? errors.fieldErrors.itemId ?? errors.fieldErrors.intent} />
      {items.length === 0 ? (
        <p className="notice">Nothing is waiting here. Thank you!</p>
      ) : (
        <ol className="review-queue">
          {items.map((item) => (
            <li key={item.id} className={item.overdue ? "review-queue__item review-queue__item--overdue" : "review-queue__item"} data-testid="review-item">
              <span className="review-queue__kind">{kindLabel(item.kind)}</span>{" "}
              <Link to={item.link}>{item.title}</Link>
              {item.mindset ? <span className="muted"> · {MINDSET_LABELS[item.mindset].name}</span> : null}
              <span className={item.overdue ? "review-queue__age review-queue__age--overdue" : "review-queue__age"}>
                {" "}
                · waiting {waited(item.waitedHours)}
                {item.overdue ? " (overdue)" : ""}
              </span>
              <Form method="post" className="inline-form">
                <input type="hidden" name="itemId" value={item.id} />
                {item.claimedBy ? (
                  <>
                    <span className="muted">Taken by {item.claimedByMe ? "you" : item.claimedBy}</span>{" "}
                    {item.claimedByMe ? (
                      <button type="submit" name="intent" value="release" className="link-button">
                        Release {item.title}
                      </button>
                    ) : null}
                  </>
                ) : (
                  <button type="submit" name="intent" value="claim" className="link-button">
                    Claim {item.title}
                  </button>
                )}
              </Form>
            </li>
          ))}
        </ol>
      )}
      <details className="review-scope">
        <summary>My mindsets</summary>
        <Form method="post">
          <CheckboxGroup legend="Show me items of these mindsets (none chosen: all)" name="mindsets" options={MINDSETS.map((m) => ({ value: m, label: MINDSET_LABELS[m].name }))} selected={myMindsets} />
          <button type="submit" name="intent" value="mindsets" className="button--secondary">
            Save my mindsets
          </button>
        </Form>
      </details>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
