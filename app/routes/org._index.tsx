import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { useFormat } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import { listPeople } from "~/domain/orgs/people.server";
import { ROLES } from "~/domain/roles";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "org:people.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  return json(await listPeople(context.services.db, user, user.orgId));
}

export default function OrgPeople() {
  const { people, pending } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // ?saved=<id> after saving someone's roles: the name comes from the list, so a made-up id shows nothing.
  const saved = people.find((p) => p.id === params.get("saved"));
  const { t } = useTranslation("org");
  const format = useFormat();
  const roleName = (r: (typeof ROLES)[number]) => t(`common:roles.${r}`);
  return (
    <>
      {saved ? (
        <Notice>
          {t("people.saved", { name: saved.name, roles: format.enumerate(ROLES.filter((r) => saved.roles.includes(r)).map(roleName)) })}
        </Notice>
      ) : null}
      <h2>{t("people.heading", { count: people.length })}</h2>
      <TableScroll label={t("people.tableLabel")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("people.columns.name")}</th>
              <th scope="col">{t("people.columns.email")}</th>
              <th scope="col">{t("people.columns.unit")}</th>
              <th scope="col">{t("people.columns.roles")}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/org/people/${p.id}`}>{p.name}</Link>
                  <div className="muted">{p.jobTitle}</div>
                </td>
                <td>{p.email}</td>
                <td>{[p.department, p.site].filter(Boolean).join(" · ") || <span className="muted">{t("common:notSet")}</span>}</td>
                <td>
                  {p.roles.map((r) => (
                    <span key={r} className="tag">
                      {roleName(r)}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2 id="invitations">{t("people.invitations", { count: pending.length })}</h2>
      {pending.length === 0 ? (
        <p className="muted">
          {t("people.noInvitations")} <Link to="/org/invite">{t("invite.heading")}</Link>
        </p>
      ) : (
        <TableScroll label={t("people.invitationsLabel")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("people.columns.email")}</th>
                <th scope="col">{t("people.columns.roles")}</th>
                <th scope="col">{t("people.columns.expires")}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((i) => (
                <tr key={i.id}>
                  <td>
                    {i.email}
                    {i.name ? <div className="muted">{i.name}</div> : null}
                  </td>
                  <td>{format.enumerate(i.roles.map(roleName))}</td>
                  <td>{format.dateTime(i.expiresAt, "UTC")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
