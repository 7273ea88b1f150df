import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SelectField } from "~/components/form-fields";
import { formatDateTimeInZone } from "~/components/format-time";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { approverList } from "~/components/revision-approvers";
import { TableScroll } from "~/components/table-scroll";
import { listModuleHistory } from "~/domain/modules/module-history.server";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `History of ${data.module.title} · Roundtable` : "Module history · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const history = await listModuleHistory(context.services.db, user, params.slug ?? "");
  return json({ ...history, timeZone: user.timeZone });
}

export default function ModuleHistory() {
  const { module, revisions, timeZone } = useLoaderData<typeof loader>();
  const base = `/modules/${module.slug}`;
  const options = revisions.map((r) => ({ value: String(r.number), label: `Revision ${r.number}${r.isCurrent ? " (current)" : ""}` }));
  return (
    <article aria-labelledby="history-title">
      <p>
        <Link to={base}>Back to {module.title}</Link>
      </p>
      <h1 id="history-title">History of {module.title}</h1>
      <p className="muted">
        Every published revision, newest first. Old revisions are kept as they were; starting a new draft from one never changes them.
      </p>
      <TableScroll label="Revisions">
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">Published</th>
              <th scope="col">Author</th>
              <th scope="col">Approved by</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.number}>
                <td>
                  Revision {r.number}
                  {r.isCurrent ? (
                    <>
                      {" "}
                      <span className="tag">current</span>
                    </>
                  ) : null}
                </td>
                <td>{formatDateTimeInZone(r.publishedAt, timeZone)}</td>
                <td>{r.authorName ?? "Not recorded"}</td>
                <td>{approverList(r)}</td>
                <td className="history-table__actions">
                  <Link to={`${base}/history/${r.number}`}>
                    View<span className="visually-hidden"> revision {r.number}</span>
                  </Link>
                  {r.number > 1 ? (
                    <Link to={`${base}/compare?from=${r.number - 1}&to=${r.number}`}>
                      Compare with previous<span className="visually-hidden"> (revision {r.number - 1} to {r.number})</span>
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {revisions.length > 1 ? (
        <>
          <h2>Compare any two revisions</h2>
          <Form method="get" action={`${base}/compare`} className="compare-form">
            <SelectField label="From revision" name="from" options={options} defaultValue={String(revisions[1]!.number)} />
            <SelectField label="To revision" name="to" options={options} defaultValue={String(revisions[0]!.number)} />
            <button type="submit">Compare</button>
          </Form>
        </>
      ) : (
        <p>There is only one revision so far, so there is nothing to compare yet.</p>
      )}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
