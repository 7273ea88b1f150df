// One break-out's notes: the people invited to the reunion write them
// together, live; the organisation's admins may read along. Everyone else
// gets a 404, as for the reunion itself.
import {
  json,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useMemo } from "react";
import { draftAccessChecker } from "~/components/check-draft-access";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { NotesEditor } from "~/components/notes-editor";
import { collaboratorColour } from "~/domain/modules/collaborator-colour";
import { findBreakoutForNotes } from "~/domain/open-space/breakout-notes.server";
import { requireUser } from "~/require-user.server";
import editorStyles from "~/styles/module-editor.css";

const ROUTE_ID = "routes/reunions.$id.sessions.$sessionId";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: editorStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Notes: ${data.session.topic} · Roundtable`
      : "Break-out notes · Roundtable",
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const breakout = await findBreakoutForNotes(
    context.services.db,
    user,
    params.id ?? "",
    params.sessionId ?? ""
  );
  return json({
    ...breakout,
    access: breakout.access === "edit" ? ("edit" as const) : ("view" as const),
    user: { id: user.id, name: user.name, color: collaboratorColour(user.id) },
  });
}

export default function BreakoutNotes() {
  const { reunion, session, documentName, access, user } =
    useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const checkAccess = useMemo(
    () => draftAccessChecker(pathname, ROUTE_ID),
    [pathname]
  );
  const editorUser = useMemo(
    () => ({ id: user.id, name: user.name, color: user.color }),
    [user.id, user.name, user.color]
  );
  return (
    <article
      className="draft-page breakout-notes"
      aria-labelledby="notes-title"
    >
      <p className="muted draft-page__crumb">
        <Link to={`/reunions/${reunion.id}/open-space`}>
          {reunion.title}: the sessions
        </Link>{" "}
        · <Link to={`/reunions/${reunion.id}/proceedings`}>Proceedings</Link>
      </p>
      <h1 id="notes-title">
        <span className="draft-page__kind">Break-out notes</span>{" "}
        {session.topic}
      </h1>
      <p className="muted">
        {session.convenerName ? (
          <>Convened by {session.convenerName}. </>
        ) : null}
        {session.description}
      </p>
      <p className="muted">
        Everyone in the room writes in the same notes at the same time. Under
        “Actions”, write “Name: what you will do” so the proceedings can list
        who committed to what. The notes are private to the people invited to
        the reunion unless the organiser publishes the proceedings.
      </p>
      <NotesEditor
        documentName={documentName}
        access={access}
        user={editorUser}
        checkAccess={checkAccess}
      />
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
