import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { useApproverList } from "~/components/revision-approvers";
import { TableScroll } from "~/components/table-scroll";
import { useFormat } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import { personName } from "~/domain/people/person-name";
import { listModuleHistory } from "~/domain/modules/module-history.server";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "modules:history.titleOf", { title: data.module.title }) : pageTitle(matches, "modules:history.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const history = await listModuleHistory(context.services.db, user, params.slug ?? "");
  return json({ ...history, timeZone: user.timeZone });
}

export default function ModuleHistory() {
  const { module, revisions, timeZone } = useLoaderData<typeof loader>();
  const base = `/modules/${module.slug}`;
  const { t } = useTranslation("modules");
  const format = useFormat();
  const approverList = useApproverList();
  const options = revisions.map((r) => ({ value: String(r.number), label: t(r.isCurrent ? "history.optionCurrent" : "history.option", { number: r.number }) }));
  return (
    <article aria-labelledby="history-title">
      <p>
        <Link to={base}>{t("history.back", { title: module.title })}</Link>
      </p>
      <h1 id="history-title">{t("history.titleOf", { title: module.title })}</h1>
      <p className="muted">{t("history.intro")}</p>
      <TableScroll label={t("history.revisionsLabel")}>
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">{t("reader.revision")}</th>
              <th scope="col">{t("history.published")}</th>
              <th scope="col">{t("history.author")}</th>
              <th scope="col">{t("history.approvedBy")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("history.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.number}>
                <td>
                  {t("history.option", { number: r.number })}
                  {r.isCurrent ? (
                    <>
                      {" "}
                      <span className="tag">{t("history.current")}</span>
                    </>
                  ) : null}
                </td>
                <td>{format.dateTime(r.publishedAt, timeZone)}</td>
                <td>{r.authorName === null ? t("history.notRecorded") : personName(r.authorName, t)}</td>
                <td>{approverList(r)}</td>
                <td className="history-table__actions">
                  <Link to={`${base}/history/${r.number}`} aria-label={t("history.viewLabel", { number: r.number })}>
                    {t("history.view")}
                  </Link>
                  {r.number > 1 ? (
                    <Link to={`${base}/compare?from=${r.number - 1}&to=${r.number}`} aria-label={t("history.comparePreviousLabel", { from: r.number - 1, to: r.number })}>
                      {t("history.comparePrevious")}
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
          <h2>{t("history.compareAny")}</h2>
          <Form method="get" action={`${base}/compare`} className="compare-form">
            <SelectField label={t("history.from")} name="from" options={options} defaultValue={String(revisions[1]!.number)} />
            <SelectField label={t("history.to")} name="to" options={options} defaultValue={String(revisions[0]!.number)} />
            <button type="submit">{t("history.compare")}</button>
          </Form>
        </>
      ) : (
        <p>{t("history.onlyOne")}</p>
      )}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
