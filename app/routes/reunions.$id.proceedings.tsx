// An open space's proceedings: the bird's-eye view over every break-out's
// notes (recurring themes, mindsets, actions), then the notes themselves.
// The organiser decides who may read them and whether names show.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, RadioGroup } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import {
  PROCEEDINGS_VISIBILITIES,
  
  proceedingsSharingSchema,
} from "~/domain/open-space/proceedings-fields";
import {
  loadProceedings,
  shareProceedings,
} from "~/domain/open-space/proceedings.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "reunions:proceedings.title", { title: data.reunion.title }) : pageTitle(matches, "reunions:proceedings.kind");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json(
    await loadProceedings(
      context.services.db,
      context.services.documentEditor,
      user,
      params.id ?? "",
      context.language
    )
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, proceedingsSharingSchema, async (input) => {
    await shareProceedings(context.services.db, user, params.id ?? "", {
      visibility: input.visibility,
      hideNames: input.hideNames,
    });
    return redirect(`/reunions/${params.id}/proceedings?shared=1#sharing`);
  });
}

export default function Proceedings() {
  const { reunion, can, sharing, namesHidden, overview, breakouts } =
    useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("reunions");
  const format = useFormat();
  const sessionsLabel = (count: number) => t("proceedings.sessionCount", { count });
  return (
    <article className="proceedings" aria-labelledby="proceedings-title">
      {can.readNotes ? (
        <p className="muted">
          <Link to={`/reunions/${reunion.id}/open-space`}>
            {t("proceedings.sessions", { title: reunion.title })}
          </Link>
        </p>
      ) : null}
      <h1 id="proceedings-title">
        <span className="draft-page__kind">{t("proceedings.kind")}</span> {reunion.title}
      </h1>
      <p className="muted">
        {overview.notedCount < overview.sessionCount
          ? t("proceedings.summaryNoted", { count: overview.sessionCount, noted: overview.notedCount })
          : t("proceedings.summary", { count: overview.sessionCount })}
        {namesHidden ? ` ${t("proceedings.namesHidden")}` : ""}
      </p>

      <section
        aria-labelledby="themes-title"
        className="card proceedings__overview"
      >
        <h2 id="themes-title">{t("proceedings.themes")}</h2>
        {overview.themes.length === 0 ? (
          <p>{t("proceedings.noThemes")}</p>
        ) : (
          <ol className="proceedings__themes">
            {overview.themes.map((theme) => (
              <li key={theme.term}>
                <span className="proceedings__term">{theme.term}</span>{" "}
                <span
                  className="tag"
                  title={format.enumerate(theme.sessions.map((s) => s.topic))}
                >
                  {sessionsLabel(theme.sessionCount)}
                </span>
                {theme.mindsets.map((m) => (
                  <span key={m} className="tag tag--mindset">
                    {t(`modules:mindsets.${m}.name`)}
                  </span>
                ))}
                <span className="muted proceedings__from">
                  {" "}
                  {t("proceedings.themeIn", { topics: format.enumerate(theme.sessions.map((s) => s.topic)) })}
                </span>
                {theme.proposeHref ? (
                  <>
                    {" "}
                    <Link
                      className="button button--small"
                      to={theme.proposeHref}
                    >
                      {t("proceedings.proposeTheme")}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <p className="muted">{t("proceedings.themeAbout")}</p>
      </section>

      <section aria-labelledby="mindsets-title" className="card">
        <h2 id="mindsets-title">{t("proceedings.mindsets")}</h2>
        {overview.mindsets.length === 0 ? (
          <p>{t("proceedings.noMindsets")}</p>
        ) : (
          <ul className="proceedings__mindsets">
            {overview.mindsets.map((m) => (
              <li key={m.mindset}>
                <strong>
                  {t("proceedings.mindset", { name: t(`modules:mindsets.${m.mindset}.name`), focus: t(`modules:mindsets.${m.mindset}.focus`) })}
                </strong>
                : {sessionsLabel(m.sessionCount)}
                {m.terms.length ? (
                  <span className="muted"> — {format.enumerate(m.terms)}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="actions-title" className="card">
        <h2 id="actions-title">{t("proceedings.actions")}</h2>
        {overview.actions.length === 0 ? (
          <p>{t("proceedings.noActions")}</p>
        ) : (
          <ul className="proceedings__actions">
            {overview.actions.map((a, i) => (
              <li key={`${a.sessionId}-${i}`}>
                {a.who ? <strong>{a.who}: </strong> : null}
                {a.what} <span className="muted">({a.topic})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {can.run ? (
        <section aria-labelledby="sharing-title" id="sharing" className="card">
          <h2 id="sharing-title">{t("proceedings.sharing")}</h2>
          <p className="muted">{t("proceedings.sharingIntro")}</p>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="share" />
            <FormError
              message={errors.formError ?? errors.fieldErrors.intent}
            />
            <RadioGroup
              legend={t("proceedings.readers")}
              name="visibility"
              selected={errors.value("visibility", sharing.visibility)}
              options={PROCEEDINGS_VISIBILITIES.map((v) => ({
                value: v,
                label: t(`proceedings.visibility.${v}`),
              }))}
              error={errors.fieldErrors.visibility}
            />
            <label className="checkbox">
              <input
                type="checkbox"
                name="hideNames"
                defaultChecked={sharing.hideNames}
              />{" "}
              {t("proceedings.hideNames")}
            </label>
            <div>
              <button type="submit" disabled={busy}>
                {busy ? t("proceedings.saving") : t("proceedings.save")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <h2>{t("proceedings.breakouts")}</h2>
      {breakouts.length === 0 ? (
        <p>{t("proceedings.noBreakouts")}</p>
      ) : null}
      {breakouts.map((b) => (
        <section
          key={b.id}
          id={`session-${b.id}`}
          aria-labelledby={`session-${b.id}-title`}
          className="card proceedings__breakout"
        >
          <h2 id={`session-${b.id}-title`}>{b.topic}</h2>
          <p className="muted">
            {b.convenerName ? <>{t("proceedings.convenedBy", { name: personName(b.convenerName, t) })} </> : null}
            {b.description}
            {can.readNotes ? (
              <>
                {" "}
                <Link to={`/reunions/${reunion.id}/sessions/${b.id}`}>
                  {t("proceedings.openNotes")}
                </Link>
              </>
            ) : null}
          </p>
          {/* Made on the server from the notes schema and sanitised (render-notes.server.ts). */}
          {b.html ? (
            <div
              className="proceedings__notes"
              dangerouslySetInnerHTML={{ __html: b.html }}
            />
          ) : b.notesUnreadable ? (
            <p className="notice">
              {t("proceedings.unreadable")}
              {can.readNotes ? ` ${t("proceedings.unreadableFix")}` : null}
            </p>
          ) : (
            <p>{t("proceedings.noNotes")}</p>
          )}
          {b.insights.length ? (
            <details className="proceedings__propose">
              <summary>
                {t("proceedings.proposeInsight")}
              </summary>
              <ul>
                {b.insights.map((insight, i) => (
                  <li key={i}>
                    {insight.text}{" "}
                    {insight.proposeHref ? (
                      <Link
                        className="button button--small"
                        to={insight.proposeHref}
                      >
                        {t("proceedings.propose")}
                      </Link>
                    ) : null}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ))}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
