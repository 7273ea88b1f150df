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
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import editorStyles from "~/styles/module-editor.css";

const ROUTE_ID = "routes/reunions.$id.sessions.$sessionId";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: editorStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "reunions:notes.title", { topic: data.session.topic }) : pageTitle(matches, "reunions:notes.titleUnknown");

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
  const { t } = useTranslation("reunions");
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
          {t("notes.sessions", { title: reunion.title })}
        </Link>{" "}
        · <Link to={`/reunions/${reunion.id}/proceedings`}>{t("notes.proceedings")}</Link>
      </p>
      <h1 id="notes-title">
        <span className="draft-page__kind">{t("notes.kind")}</span>{" "}
        {session.topic}
      </h1>
      <p className="muted">
        {session.convenerName ? (
          <>{t("notes.convenedBy", { name: personName(session.convenerName, t) })} </>
        ) : null}
        {session.description}
      </p>
      <p className="muted">{t("notes.intro")}</p>
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
