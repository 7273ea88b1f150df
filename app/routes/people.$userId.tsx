// One directory profile: only what its owner chose to show, and a 404 for
// anyone it is not visible to.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryProfileCard } from "~/components/directory-profile-card";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { Notice } from "~/components/form-fields";
import { pageTitle } from "~/domain/i18n/translators";
import { findDirectoryProfile } from "~/domain/people/directory-profile.server";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "people:person.titleOf", { name: data.profile.name }) : pageTitle(matches, "people:directory.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const profile = await findDirectoryProfile(context.services.db, user, params.userId ?? "");
  return json({ profile, isMe: profile.userId === user.id });
}

export default function PersonProfile() {
  const { profile, isMe } = useLoaderData<typeof loader>();
  const { t } = useTranslation("people");
  return (
    <>
      <p>
        <Link to="/people">{t("person.back")}</Link>
      </p>
      {isMe ? (
        <Notice>
          {profile.listed ? t("person.yoursListed") : t("person.yoursUnlisted")} <Link to="/profile/directory">{t("person.change")}</Link>
        </Notice>
      ) : null}
      <DirectoryProfileCard profile={profile} headingLevel={1} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
