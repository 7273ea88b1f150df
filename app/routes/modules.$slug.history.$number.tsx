import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError } from "~/components/form-fields";
import { formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { approverList } from "~/components/revision-approvers";
import { NotFoundError } from "~/domain/http-errors";
import { getModuleRevision } from "~/domain/modules/module-history.server";
import { revisionNumberField } from "~/domain/modules/revision-fields";
import { restoreRevisionToDraft } from "~/domain/modules/restore-revision.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Revision ${data.revision.number} of ${data.module.title} · Roundtable` : "Module revision · Roundtable" },
];

/** The number in the address; anything else is a page that does not exist. */
function revisionNumberFrom(raw: string | undefined) {
  const parsed = revisionNumberField("").safeParse(raw);
  if (!parsed.success) throw new NotFoundError("We could not find that revision. Revision addresses end in a number such as /history/2.");
  return parsed.data;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const number = revisionNumberFrom(params.number);
  const found = await getModuleRevision(context.services.db, user, params.slug ?? "", number);
  return json({ ...found, timeZone: user.timeZone });
}

const schema = z.object({ intent: z.literal("restore", { errorMap: () => ({ message: "Choose what to do with this revision." }) }) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const number = revisionNumberFrom(params.number);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async () => {
    const slug = params.slug ?? "";
    await restoreRevisionToDraft(context.services.db, context.services.documentEditor, user, { slug, number });
    return redirect(`/modules/${slug}/edit`);
  });
}

export default function ModuleRevision() {
  const { module, revision, canRestore, timeZone } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const base = `/modules/${module.slug}`;
  const published = formatDateTimeInZone(revision.publishedAt, timeZone);
  return (
    <article className="module" aria-labelledby="revision-title">
      <p>
        <Link to={`${base}/history`}>Back to the history of {module.title}</Link>
      </p>
      <h1 id="revision-title">{module.title}</h1>
      <p className={revision.isCurrent ? "notice" : "revision-banner"}>
        Revision {revision.number} of {module.latestNumber}, published {published}
        {revision.isCurrent ? (
          <>; this is the current version.</>
        ) : (
          <>
            ; this is not the current version. <Link to={base}>Read the current version</Link>
          </>
        )}
      </p>
      <dl className="facts">
        <div>
          <dt>Author</dt>
          <dd>{revision.authorName ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt>Approved by</dt>
          <dd>{approverList(revision)}</dd>
        </div>
      </dl>
      <p className="no-print">
        {revision.number > 1 ? (
          <Link className="button button--secondary" to={`${base}/compare?from=${revision.number - 1}&to=${revision.number}`}>
            Compare with revision {revision.number - 1}
          </Link>
        ) : null}{" "}
        {!revision.isCurrent ? (
          <Link className="button button--secondary" to={`${base}/compare?from=${revision.number}&to=${module.latestNumber}`}>
            Compare with the latest revision
          </Link>
        ) : null}
      </p>
      {canRestore ? (
        <Form method="post" className="restore-form no-print">
          <FormError message={errors.formError ?? errors.fieldErrors.intent} />
          <p className="muted">
            This replaces what is in the working draft now with revision {revision.number}; anyone editing the draft sees it at once. Published
            revisions stay as they are, and the draft goes through review before anyone reads it.
          </p>
          <button type="submit" name="intent" value="restore">
            Start a new draft from this revision
          </button>
        </Form>
      ) : null}
      <h2>The whole module</h2>
      {/* HTML rendered on the server from the module schema and sanitised at publish time, as on the reader page. */}
      <div className="module-body" dangerouslySetInnerHTML={{ __html: revision.parts.introduction + revision.parts.pages.join("") }} />
      <h2>Take-aways</h2>
      <div className="module-body" dangerouslySetInnerHTML={{ __html: revision.parts.takeaways }} />
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
