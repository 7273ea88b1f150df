// /mentoring: my offer, my requests and asks, the asks waiting for my answer
// as a mentor, and my mentoring pairs. Forms are told apart by their intent.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, TextAreaField } from "~/components/form-fields";
import { formatDateInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { TopicTags } from "~/components/topic-tags";
import { acceptAsk, declineAsk, withdrawAsk } from "~/domain/mentoring/answer-mentoring-ask.server";
import { ASK_STATUS_LABELS, answerSchema, formatDay, MAX_REASON_LENGTH, OFFER_SCOPE_LABELS, REQUEST_STATUS_LABELS } from "~/domain/mentoring/mentoring-fields";
import { loadMyMentoring } from "~/domain/mentoring/my-mentoring.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Mentoring · Roundtable" }];

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
  return (
    <section aria-labelledby="mentoring-title">
      <h1 id="mentoring-title">Mentoring</h1>
      <p className="muted">Alumni offer their experience as mentors; anyone can ask for one. A mentoring pair has a private space for goals, check-ins and notes.</p>
      <FormError message={errors.formError ?? errors.fieldErrors.intent ?? errors.fieldErrors.askId} />

      {mayOffer ? (
        <section aria-labelledby="offer-title" className="card">
          <h2 id="offer-title">My mentoring offer</h2>
          {offer?.offer ? (
            <>
              <p>
                {offer.offer.active ? "Open to new mentees." : "Paused: nobody can ask you at the moment."} You mentor {offer.activeMentees} of {offer.offer.capacity}{" "}
                {offer.offer.capacity === 1 ? "place" : "places"}
                {offer.waitingAsks ? `, and ${offer.waitingAsks} ${offer.waitingAsks === 1 ? "ask waits" : "asks wait"} for your answer` : ""}.
              </p>
              <TopicTags topics={offer.offer.topics} />
              <p>
                {offer.offer.format} · {OFFER_SCOPE_LABELS[offer.offer.scope]}
              </p>
              <p>
                <Link to="/mentoring/offer">Change my offer</Link>
              </p>
            </>
          ) : (
            <p>
              You have not offered mentoring yet. <Link to="/mentoring/offer">Offer mentoring</Link>
            </p>
          )}
        </section>
      ) : null}

      {mayOffer || asksForMe.length ? (
        <section aria-labelledby="asks-title" id="asks">
          <h2 id="asks-title">Asks waiting for your answer</h2>
          {asksForMe.length === 0 ? <p>No one is waiting for your answer.</p> : null}
          <ul className="cards">
            {asksForMe.map((a) => (
              <li key={a.id} className="card">
                <h3>{a.menteeName}</h3>
                <p className="muted">
                  {a.menteeOrgName} · asked on {formatDateInZone(a.createdAt, viewerZone)}
                </p>
                {a.goal ? <p className="proposal__text">Goal: {a.goal}</p> : null}
                <TopicTags topics={a.topics} />
                {a.message ? <p className="proposal__text">Message: {a.message}</p> : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="askId" value={a.id} />
                  <button type="submit" name="intent" value="accept" disabled={busy} aria-label={`Accept ${a.menteeName}`}>
                    Accept
                  </button>
                </Form>
                <Form method="post" className="stack">
                  <input type="hidden" name="askId" value={a.id} />
                  <TextAreaField
                    label={`Reason for declining ${a.menteeName} (optional)`}
                    name="reason"
                    rows={2}
                    maxLength={MAX_REASON_LENGTH}
                    defaultValue={postedAsk === a.id ? errors.value("reason", "") : ""}
                    error={postedAsk === a.id ? errors.fieldErrors.reason : undefined}
                  />
                  <div>
                    <button type="submit" name="intent" value="decline" className="button--secondary" disabled={busy} aria-label={`Decline ${a.menteeName}`}>
                      Decline
                    </button>
                  </div>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="pairs-title" id="pairs">
        <h2 id="pairs-title">My mentoring pairs</h2>
        {pairs.length === 0 ? <p>No mentoring pairs yet.</p> : null}
        {running.length ? (
          <ul>
            {running.map((p) => (
              <li key={p.id}>
                <Link to={`/mentoring/${p.id}`}>{p.role === "mentor" ? `Mentoring ${p.otherName}` : `Mentored by ${p.otherName}`}</Link>
                {p.endsOn ? <span className="muted"> · until {formatDay(p.endsOn)}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {ended.length ? (
          <>
            <h3>Ended</h3>
            <ul>
              {ended.map((p) => (
                <li key={p.id}>
                  <Link to={`/mentoring/${p.id}`}>{p.role === "mentor" ? `Mentoring ${p.otherName}` : `Mentored by ${p.otherName}`}</Link>
                  {p.endedAt ? <span className="muted"> · ended on {formatDateInZone(p.endedAt, viewerZone)}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="my-requests-title" id="my-requests">
        <h2 id="my-requests-title">My requests for a mentor</h2>
        <p>
          <Link to="/mentoring/requests/new" className="button">
            Ask for a mentor
          </Link>
        </p>
        {requests.length ? (
          <ul>
            {requests.map((r) => (
              <li key={r.id}>
                <Link to={`/mentoring/requests/${r.id}`}>{excerpt(r.goal, 80)}</Link> <span className="tag">{REQUEST_STATUS_LABELS[r.status]}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>You have not asked for a mentor yet.</p>
        )}
        {myAsks.length ? (
          <>
            <h3>My asks</h3>
            <ul>
              {myAsks.map((a) => (
                <li key={a.id}>
                  {a.mentorName}: {ASK_STATUS_LABELS[a.status]}
                  {a.status === "declined" && a.declineReason ? <span className="muted"> ({a.declineReason})</span> : null}
                  {a.status === "asked" ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="askId" value={a.id} />{" "}
                      <button type="submit" name="intent" value="withdraw" className="link-button" disabled={busy} aria-label={`Withdraw my ask to ${a.mentorName}`}>
                        Withdraw
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
