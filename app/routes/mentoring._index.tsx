// /mentoring: my offer, my requests and asks, the asks waiting for my answer
// as a mentor, and my mentoring pairs. Forms are told apart by their intent.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { TopicTags } from "~/components/topic-tags";
import { useFormat } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { acceptAsk, declineAsk, withdrawAsk } from "~/domain/mentoring/answer-mentoring-ask.server";
import { answerSchema, MAX_REASON_LENGTH } from "~/domain/mentoring/mentoring-fields";
import { loadMyMentoring } from "~/domain/mentoring/my-mentoring.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mentoring:index.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json({ ...(await loadMyMentoring(context.services.db, user)), viewerZone: user.timeZone });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const formData = await readFormData(request);
  return submitForm(formData, answerSchema, async (input) => {
    switch (input.intent) {
      case "accept":
        return redirect(`/mentoring/${await acceptAsk(db, user, input.askId)}`);
      case "decline":
        await declineAsk(db, user, input.askId, { reason: input.reason });
        return redirect("/mentoring#asks");
      case "withdraw":
        await withdrawAsk(db, user, input.askId);
        return redirect("/mentoring#my-requests");
    }
  });
}

const excerpt = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max)}…` : text);

export default function Mentoring() {
  const { mayOffer, offer, requests, myAsks, asksForMe, pairs, viewerZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const postedAsk = errors.values.askId;
  const running = pairs.filter((p) => p.status === "active");
  const ended = pairs.filter((p) => p.status === "ended");
  const { t } = useTranslation("mentoring");
  const format = useFormat();
  // A pair's end date is a calendar day, the same in every zone.
  const day = (d: string) => format.date(`${d}T12:00:00Z`, "UTC");
  return (
    <section aria-labelledby="mentoring-title">
      <h1 id="mentoring-title">{t("index.heading")}</h1>
      <p className="muted">{t("index.intro")}</p>
      <FormError message={errors.formError ?? errors.fieldErrors.intent ?? errors.fieldErrors.askId} />

      {mayOffer ? (
        <section aria-labelledby="offer-title" className="card">
          <h2 id="offer-title">{t("index.offer.heading")}</h2>
          {offer?.offer ? (
            <>
              <p>
                {offer.offer.active ? t("index.offer.open") : t("index.offer.paused")}{" "}
                {offer.waitingAsks
                  ? t("index.offer.placesAndAsks", { count: offer.offer.capacity, mentees: offer.activeMentees, asks: offer.waitingAsks })
                  : t("index.offer.places", { count: offer.offer.capacity, mentees: offer.activeMentees })}
              </p>
              <TopicTags topics={offer.offer.topics} />
              <p>
                {offer.offer.format} · {t(`index.offer.scopes.${offer.offer.scope}`)}
              </p>
              <p>
                <Link to="/mentoring/offer">{t("index.offer.change")}</Link>
              </p>
            </>
          ) : (
            <p>
              {t("index.offer.none")} <Link to="/mentoring/offer">{t("index.offer.make")}</Link>
            </p>
          )}
        </section>
      ) : null}

      {mayOffer || asksForMe.length ? (
        <section aria-labelledby="asks-title" id="asks">
          <h2 id="asks-title">{t("index.asks.heading")}</h2>
          {asksForMe.length === 0 ? <p>{t("index.asks.none")}</p> : null}
          <ul className="cards">
            {asksForMe.map((a) => (
              <li key={a.id} className="card">
                <h3>{personName(a.menteeName, t)}</h3>
                <p className="muted">
                  {t("index.asks.askedOn", { organisation: a.menteeOrgName, date: format.date(a.createdAt, viewerZone) })}
                </p>
                {a.goal ? <p className="proposal__text">{t("index.asks.goal", { goal: a.goal })}</p> : null}
                <TopicTags topics={a.topics} />
                {a.message ? <p className="proposal__text">{t("index.asks.message", { message: a.message })}</p> : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="askId" value={a.id} />
                  <button type="submit" name="intent" value="accept" disabled={busy} aria-label={t("index.asks.acceptLabel", { name: personName(a.menteeName, t) })}>
                    {t("index.asks.accept")}
                  </button>
                </Form>
                <Form method="post" className="stack">
                  <input type="hidden" name="askId" value={a.id} />
                  <TextAreaField
                    label={t("index.asks.reason", { name: personName(a.menteeName, t) })}
                    name="reason"
                    rows={2}
                    maxLength={MAX_REASON_LENGTH}
                    defaultValue={postedAsk === a.id ? errors.value("reason", "") : ""}
                    error={postedAsk === a.id ? errors.fieldErrors.reason : undefined}
                  />
                  <div>
                    <button type="submit" name="intent" value="decline" className="button--secondary" disabled={busy} aria-label={t("index.asks.declineLabel", { name: personName(a.menteeName, t) })}>
                      {t("index.asks.decline")}
                    </button>
                  </div>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="pairs-title" id="pairs">
        <h2 id="pairs-title">{t("index.pairs.heading")}</h2>
        {pairs.length === 0 ? <p>{t("index.pairs.none")}</p> : null}
        {running.length ? (
          <ul>
            {running.map((p) => (
              <li key={p.id}>
                <Link to={`/mentoring/${p.id}`}>{t(p.role === "mentor" ? "index.pairs.mentoring" : "index.pairs.mentoredBy", { name: personName(p.otherName, t) })}</Link>
                {p.endsOn ? <span className="muted"> · {t("index.pairs.until", { date: day(p.endsOn) })}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {ended.length ? (
          <>
            <h3>{t("index.pairs.ended")}</h3>
            <ul>
              {ended.map((p) => (
                <li key={p.id}>
                  <Link to={`/mentoring/${p.id}`}>{t(p.role === "mentor" ? "index.pairs.mentoring" : "index.pairs.mentoredBy", { name: personName(p.otherName, t) })}</Link>
                  {p.endedAt ? <span className="muted"> · {t("index.pairs.endedOn", { date: format.date(p.endedAt, viewerZone) })}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="my-requests-title" id="my-requests">
        <h2 id="my-requests-title">{t("index.requests.heading")}</h2>
        <p>
          <Link to="/mentoring/requests/new" className="button">
            {t("index.requests.ask")}
          </Link>
        </p>
        {requests.length ? (
          <ul>
            {requests.map((r) => (
              <li key={r.id}>
                <Link to={`/mentoring/requests/${r.id}`}>{excerpt(r.goal, 80)}</Link> <span className="tag">{t(`requestStatuses.${r.status}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("index.requests.none")}</p>
        )}
        {myAsks.length ? (
          <>
            <h3>{t("index.requests.myAsks")}</h3>
            <ul>
              {myAsks.map((a) => (
                <li key={a.id}>
                  {t("index.requests.askStatus", { name: personName(a.mentorName, t), status: t(`askStatuses.${a.status}`) })}
                  {a.status === "declined" && a.declineReason ? <span className="muted"> ({a.declineReason})</span> : null}
                  {a.status === "asked" ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="askId" value={a.id} />{" "}
                      <button type="submit" name="intent" value="withdraw" className="link-button" disabled={busy} aria-label={t("index.requests.withdrawLabel", { name: personName(a.mentorName, t) })}>
                        {t("index.requests.withdraw")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
