// A mentee's request: the goal, the asks made, and the suggested mentors
// ranked by shared topics and free places, each with an "Ask" button.
// Private to the mentee: anyone else gets a 404.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, TextAreaField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { TopicTags } from "~/components/topic-tags";
import { askMentor } from "~/domain/mentoring/ask-mentor.server";
import { loadRequestPage } from "~/domain/mentoring/match-mentors.server";
import { MAX_MESSAGE_LENGTH, requestPageSchema } from "~/domain/mentoring/mentoring-fields";
import { closeRequest, findOwnRequest } from "~/domain/mentoring/request-mentor.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mentoring:requestPage.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json({ ...(await loadRequestPage(context.services.db, user, params.id ?? "")), viewerZone: user.timeZone });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // Someone else's request is a 404 whatever the form says.
  const { id } = await findOwnRequest(db, user, params.id ?? "");
  const formData = await readFormData(request);
  return submitForm(formData, requestPageSchema, async (input) => {
    if (input.intent === "close") await closeRequest(db, user, id);
    else await askMentor(db, user, id, input);
    return redirect(`/mentoring/requests/${id}#asks`);
  });
}

export default function MentoringRequest() {
  const { request, asks, suggestions, viewerZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const postedMentor = errors.values.mentorId;
  const { t } = useTranslation("mentoring");
  const format = useFormat();
  return (
    <article aria-labelledby="request-title">
      <p className="muted">
        <Link to="/mentoring">{t("index.heading")}</Link>
      </p>
      <h1 id="request-title">{t("requestPage.title")}</h1>
      <FormError message={errors.formError ?? errors.fieldErrors.intent ?? errors.fieldErrors.mentorId} />
      <dl className="facts">
        <div>
          <dt>{t("groups:page.status")}</dt>
          <dd>{t(`requestStatuses.${request.status}`)}</dd>
        </div>
        <div>
          <dt>{t("requestPage.askedOn")}</dt>
          <dd>{format.date(request.createdAt, viewerZone)}</dd>
        </div>
        <div>
          <dt>{t("requestPage.mentorFrom")}</dt>
          <dd>{t(`request.scopes.${request.scope}`)}</dd>
        </div>
      </dl>
      <h2>{t("request.goal")}</h2>
      <p className="proposal__text">{request.goal}</p>
      <TopicTags topics={request.topics} />

      <section aria-labelledby="asks-title" id="asks">
        <h2 id="asks-title">{t("requestPage.asked")}</h2>
        {asks.length === 0 ? <p>{t("requestPage.noneAsked")}</p> : null}
        <ul>
          {asks.map((a) => (
            <li key={a.id}>
              {t("index.requests.askStatus", { name: a.mentorName, status: t(`askStatuses.${a.status}`) })}
              {a.status === "declined" && a.declineReason ? <span className="muted"> ({a.declineReason})</span> : null}
              {a.status === "active" || a.status === "ended" ? (
                <>
                  {" "}
                  <Link to={`/mentoring/${a.id}`}>{t("requestPage.openSpace")}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {request.status === "open" ? (
        <section aria-labelledby="suggestions-title" id="suggestions">
          <h2 id="suggestions-title">{t("requestPage.suggestions")}</h2>
          <p className="muted">{t("requestPage.order")}</p>
          {suggestions.length === 0 ? <p>{t("requestPage.noSuggestion")}</p> : null}
          <ul className="cards">
            {suggestions.map((s) => (
              <li key={s.userId} className="card">
                <h3>{s.name}</h3>
                <p className="muted">
                  {s.sameOrg ? t("requestPage.yourOrganisation") : s.orgName} · {t("requestPage.freePlaces", { count: s.freePlaces })}
                </p>
                <TopicTags topics={s.topics} shared={s.sharedTopics} />
                {s.format ? <p>{s.format}</p> : null}
                <Form method="post" className="stack">
                  <input type="hidden" name="mentorId" value={s.userId} />
                  <TextAreaField
                    label={t("requestPage.message", { name: s.name })}
                    name="message"
                    rows={3}
                    maxLength={MAX_MESSAGE_LENGTH}
                    defaultValue={postedMentor === s.userId ? errors.value("message", "") : ""}
                    error={postedMentor === s.userId ? errors.fieldErrors.message : undefined}
                  />
                  <div>
                    <button type="submit" name="intent" value="ask" disabled={busy}>
                      {t("requestPage.ask", { name: s.name })}
                    </button>
                  </div>
                </Form>
              </li>
            ))}
          </ul>
          <Form method="post">
            <button type="submit" name="intent" value="close" className="button--secondary" disabled={busy}>
              {t("requestPage.close")}
            </button>
          </Form>
        </section>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
