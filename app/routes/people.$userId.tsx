// One directory profile: only what its owner chose to show, and a 404 for
// anyone it is not visible to.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DirectoryProfileCard } from "~/components/directory-profile-card";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { Notice } from "~/components/form-fields";
import { findDirectoryProfile } from "~/domain/people/directory-profile.server";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.profile.name} · People · Roundtable` : "People · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const profile = await findDirectoryProfile(context.services.db, user, params.userId ?? "");
  return json({ profile, isMe: profile.userId === user.id });
}

export default function PersonProfile() {
  const { profile, isMe } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/people">← People</Link>
      </p>
      {isMe ? (
        <Notice>
          This is your profile.{" "}
          {profile.listed ? "Others see only what you chose to show." : "You are not listed in the directory, so only you can see this page."}{" "}
          <Link to="/profile/directory">Change what you show</Link>
        </Notice>
      ) : null}
      <DirectoryProfileCard profile={profile} headingLevel={1} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
