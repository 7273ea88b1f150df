// A directory profile as one viewer sees it. The profile page, the search
// results and the owner's preview all render this, so the preview cannot
// drift from what others see. It renders only what it is given: the server
// has already left out every part the owner hides.
import { Link } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { GROUP_ROLES } from "~/domain/groups/group-fields";
import type { DirectoryProfileView } from "~/domain/people/directory-fields";
import { directoryHref } from "~/domain/people/directory-search-params";
import { useFormat } from "./use-format";

type CardProfile = Omit<DirectoryProfileView, "listed" | "mentoring" | "groups"> & Partial<Pick<DirectoryProfileView, "mentoring" | "groups">>;

const BIO_EXCERPT = 240;

function Heading({ level, id, children }: { level: 1 | 2 | 3; id?: string; children: ReactNode }) {
  const Tag = `h${level}` as "h1" | "h2" | "h3";
  return <Tag id={id}>{children}</Tag>;
}

export function DirectoryProfileCard({
  profile,
  headingLevel = 2,
  compact = false,
}: {
  profile: CardProfile;
  headingLevel?: 1 | 2 | 3;
  /** In a list of results: the name links to the profile and the bio is shortened. */
  compact?: boolean;
}) {
  const id = useId();
  const { t } = useTranslation("people");
  const format = useFormat();
  const sub = Math.min(headingLevel + 1, 3) as 2 | 3;
  const facts = [
    [t("card.organisation"), profile.organisation],
    [t("card.department"), profile.department],
    [t("card.site"), profile.site],
  ].filter((f): f is [string, string] => Boolean(f[1]));
  const bio = profile.bio && compact && profile.bio.length > BIO_EXCERPT ? `${profile.bio.slice(0, BIO_EXCERPT - 1)}…` : profile.bio;
  return (
    <article className="card" aria-labelledby={id}>
      <Heading level={headingLevel} id={id}>
        {compact ? <Link to={`/people/${profile.userId}`}>{profile.name}</Link> : profile.name}
      </Heading>
      {facts.length ? (
        <dl className="facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {profile.expertise?.length ? (
        <p>
          <span className="visually-hidden">{t("card.expertise")} </span>
          {profile.expertise.map((tag) => (
            <Link key={tag} className="tag" to={directoryHref({ tag })}>
              {tag}
            </Link>
          ))}
        </p>
      ) : null}
      {profile.mindsetInterests.length ? (
        <p>
          {t("card.interestedIn")}{" "}
          {profile.mindsetInterests.map((m) => (
            <span key={m} className="tag tag--mindset">
              {t(`modules:mindsets.${m}.name`)}
            </span>
          ))}
        </p>
      ) : null}
      {bio ? <p className="proposal__text">{bio}</p> : null}
      {profile.mentoring ? (
        <section aria-label={t("card.mentoringOffer")}>
          <Heading level={sub}>{t("card.mentoringOffer")}</Heading>
          <dl className="facts">
            {profile.mentoring.topics.length ? (
              <div>
                <dt>{t("card.topics")}</dt>
                <dd>{format.enumerate(profile.mentoring.topics)}</dd>
              </div>
            ) : null}
            {profile.mentoring.format ? (
              <div>
                <dt>{t("card.format")}</dt>
                <dd>{profile.mentoring.format}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t("card.freePlaces")}</dt>
              <dd>{profile.mentoring.freePlaces === 0 ? t("card.noFreePlace") : format.number(profile.mentoring.freePlaces)}</dd>
            </div>
          </dl>
          {profile.mentoring.freePlaces > 0 ? (
            <p>
              <Link to="/mentoring">{t("card.askForMentoring")}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
      {profile.groups?.length ? (
        <section aria-label={t("card.peerGroups")}>
          <Heading level={sub}>{t("card.groups")}</Heading>
          <ul>
            {profile.groups.map((g) => (
              <li key={g.id}>
                <Link to={`/groups/${g.id}`}>{g.name}</Link>
                {g.field ? ` · ${g.field}` : ""} ({(GROUP_ROLES as readonly string[]).includes(g.role) ? t(`card.groupRoles.${g.role}`) : g.role})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
