// The co-authoring editor for a module's working draft. Co-authors edit it
// live; moderators and admins may read along. Everyone else gets a 404.
import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useMemo } from "react";
import { draftAccessChecker } from "~/components/check-draft-access";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { ModuleEditor } from "~/components/module-editor";
import { collaboratorColour } from "~/domain/modules/collaborator-colour";
import { draftDocumentName, findDraftBySlug } from "~/domain/modules/module-draft.server";
import { requireUser } from "~/require-user.server";
import editorStyles from "~/styles/module-editor.css";

const ROUTE_ID = "routes/modules.$slug.edit";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Draft: ${data.module.title} · Roundtable` : "Draft · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const draft = await findDraftBySlug(context.services.db, user, params.slug ?? "");
  return json({
    module: { id: draft.id, slug: draft.slug, title: draft.title, status: draft.status },
    documentName: draftDocumentName(draft.id),
    access: draft.access === "edit" ? ("edit" as const) : ("view" as const),
    user: { id: user.id, name: user.name, color: collaboratorColour(user.id) },
  });
}

export default function EditDraft() {
  const { module, documentName, access, user } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const checkAccess = useMemo(() => draftAccessChecker(pathname, ROUTE_ID), [pathname]);
  return (
    <article className="draft-page" aria-labelledby="draft-title">
      <p className="muted draft-page__crumb">
        {module.status === "published" ? <Link to={`/modules/${module.slug}`}>The published module</Link> : "Not published yet"}
      </p>
      <h1 id="draft-title">
        <span className="draft-page__kind">Working draft</span> {module.title}
      </h1>
      <p className="muted">Everyone who writes this module edits the same draft at the same time. Readers keep seeing the published version.</p>
      <ModuleEditor documentName={documentName} access={access} user={user} checkAccess={checkAccess} />
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
