import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { listPeople } from "~/domain/orgs/people.server";
import { ROLES, ROLE_LABELS } from "~/domain/roles";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "People · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  return json(await listPeople(context.services.db, user, user.orgId));
}

export default function OrgPeople() {
  const { people, pending } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // ?saved=<id> after saving someone's roles: the name comes from the list, so a made-up id shows nothing.
  const saved = people.find((p) => p.id === params.get("saved"));
  return (
    <>
      {saved ? (
        <Notice>
          Saved. {saved.name} is now {ROLES.filter((r) => saved.roles.includes(r)).map((r) => ROLE_LABELS[r]).join(", ")}, and was told in their notifications.
        </Notice>
      ) : null}
      <h2>People ({people.length})</h2>
      <TableScroll label="People">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Department · Site</th>
              <th scope="col">Roles</th>
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
                <td>{[p.department, p.site].filter(Boolean).join(" · ") || <span className="muted">Not set</span>}</td>
                <td>
                  {p.roles.map((r) => (
                    <span key={r} className="tag">
                      {ROLE_LABELS[r]}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2 id="invitations">Open invitations ({pending.length})</h2>
      {pending.length === 0 ? (
        <p className="muted">
          No open invitations. <Link to="/org/invite">Invite someone</Link>.
        </p>
      ) : (
        <TableScroll label="Open invitations">
          <table>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Roles</th>
                <th scope="col">Expires (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((i) => (
                <tr key={i.id}>
                  <td>
                    {i.email}
                    {i.name ? <div className="muted">{i.name}</div> : null}
                  </td>
                  <td>{i.roles.map((r) => ROLE_LABELS[r]).join(", ")}</td>
                  <td>{new Date(i.expiresAt).toISOString().slice(0, 16).replace("T", " ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
