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
import { MINDSET_LABELS } from "~/domain/content/mindsets";
import {
  PROCEEDINGS_VISIBILITIES,
  PROCEEDINGS_VISIBILITY_LABELS,
  proceedingsSharingSchema,
} from "~/domain/open-space/proceedings-fields";
import {
  loadProceedings,
  shareProceedings,
} from "~/domain/open-space/proceedings.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Proceedings: ${data.reunion.title} · Roundtable`
      : "Proceedings · Roundtable",
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json(
    await loadProceedings(
      context.services.db,
      context.services.documentEditor,
      user,
      params.id ?? ""
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

const sessionsLabel = (n: number) => (n === 1 ? "1 session" : `${n} sessions`);

export default function Proceedings() {
  const { reunion, can, sharing, namesHidden, overview, breakouts } =
    useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  return (
    <article className="proceedings" aria-labelledby="proceedings-title">
      {can.readNotes ? (
        <p className="muted">
          <Link to={`/reunions/${reunion.id}/open-space`}>
            {reunion.title}: the sessions
          </Link>
        </p>
      ) : null}
      <h1 id="proceedings-title">
        <span className="draft-page__kind">Proceedings</span> {reunion.title}
      </h1>
      <p className="muted">
        What {sessionsLabel(overview.sessionCount)} talked about
        {overview.notedCount < overview.sessionCount
          ? `; ${overview.notedCount} of them took notes`
          : ""}
        .{namesHidden ? " Names are hidden in this version." : ""}
      </p>

      <section
        aria-labelledby="themes-title"
        className="card proceedings__overview"
      >
        <h2 id="themes-title">Recurring themes</h2>
        {overview.themes.length === 0 ? (
          <p>
            No theme came up in more than one session yet. Themes appear here
            once two or more break-outs raise the same words.
          </p>
        ) : (
          <ol className="proceedings__themes">
            {overview.themes.map((theme) => (
              <li key={theme.term}>
                <span className="proceedings__term">{theme.term}</span>{" "}
                <span
                  className="tag"
                  title={theme.sessions.map((s) => s.topic).join(", ")}
                >
                  {sessionsLabel(theme.sessionCount)}
                </span>
                {theme.mindsets.map((m) => (
                  <span key={m} className="tag tag--mindset">
                    {MINDSET_LABELS[m].name}
                  </span>
                ))}
                <span className="muted proceedings__from">
                  {" "}
                  in {theme.sessions.map((s) => s.topic).join(", ")}
                </span>
                {theme.proposeHref ? (
                  <>
                    {" "}
                    <Link
                      className="button button--small"
                      to={theme.proposeHref}
                    >
                      Turn into a module proposal
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <p className="muted">
          A theme is a word or two-word phrase that at least two break-outs
          wrote in their insights or actions, counted once per break-out.
        </p>
      </section>

      <section aria-labelledby="mindsets-title" className="card">
        <h2 id="mindsets-title">Mindsets touched</h2>
        {overview.mindsets.length === 0 ? (
          <p>The notes do not yet touch any of the five mindsets.</p>
        ) : (
          <ul className="proceedings__mindsets">
            {overview.mindsets.map((m) => (
              <li key={m.mindset}>
                <strong>
                  {MINDSET_LABELS[m.mindset].name} (
                  {MINDSET_LABELS[m.mindset].focus})
                </strong>
                : {sessionsLabel(m.sessionCount)}
                {m.terms.length ? (
                  <span className="muted"> — {m.terms.join(", ")}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="actions-title" className="card">
        <h2 id="actions-title">Actions people committed to</h2>
        {overview.actions.length === 0 ? (
          <p>No actions were written down yet.</p>
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
          <h2 id="sharing-title">Who may read the proceedings</h2>
          <p className="muted">
            Break-out notes are private to the people invited. Publishing the
            proceedings shares this page, including the notes.
          </p>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="share" />
            <FormError
              message={errors.formError ?? errors.fieldErrors.intent}
            />
            <RadioGroup
              legend="Readers"
              name="visibility"
              selected={errors.value("visibility", sharing.visibility)}
              options={PROCEEDINGS_VISIBILITIES.map((v) => ({
                value: v,
                label: PROCEEDINGS_VISIBILITY_LABELS[v],
              }))}
              error={errors.fieldErrors.visibility}
            />
            <label className="checkbox">
              <input
                type="checkbox"
                name="hideNames"
                defaultChecked={sharing.hideNames}
              />{" "}
              Hide people's names from readers who were not invited
            </label>
            <div>
              <button type="submit" disabled={busy}>
                {busy ? "Saving…" : "Save who may read"}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <h2>The break-outs</h2>
      {breakouts.length === 0 ? (
        <p>No break-out sessions were proposed.</p>
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
            {b.convenerName ? <>Convened by {b.convenerName}. </> : null}
            {b.description}
            {can.readNotes ? (
              <>
                {" "}
                <Link to={`/reunions/${reunion.id}/sessions/${b.id}`}>
                  Open the live notes
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
              These notes contain content the notes editor does not support, so
              they cannot be shown here yet.
              {can.readNotes
                ? " Open the live notes, which removes what the editor cannot show, and check that they read as you want."
                : null}
            </p>
          ) : (
            <p>No notes were taken.</p>
          )}
          {b.insights.length ? (
            <details className="proceedings__propose">
              <summary>
                Turn an insight from this break-out into a module proposal
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
                        Propose a module
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
