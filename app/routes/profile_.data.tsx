// Your data: download everything Roundtable holds about you, and delete your
// account. Three forms told apart by their intent.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { ExportDownload, ExportStatusWords } from "~/components/export-download";
import { TableScroll } from "~/components/table-scroll";
import { useFormat } from "~/components/use-format";
import { pageTitle } from "~/domain/i18n/translators";
import { cancelDeletion, deletionState, requestDeletion } from "~/domain/personal-data/account-deletions.server";
import { listOwnExports, requestPersonExport } from "~/domain/personal-data/data-exports.server";
import { confirmDeletion, EXPORT_LINK_DAYS } from "~/domain/personal-data/personal-data-fields";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "privacy:yourData.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const [downloads, deletion] = await Promise.all([listOwnExports(db, user), deletionState(db, user, user.id)]);
  return json({
    timeZone: user.timeZone,
    downloads: downloads
      .filter((e) => e.scope === "person")
      .map((e) => ({ id: e.id, status: e.status, requested: e.createdAt.toISOString(), expires: e.expiresAt?.toISOString() ?? null, size: e.byteSize })),
    deletion: { coolingOffDays: deletion.coolingOffDays, waiting: deletion.waiting ? { erasesAt: deletion.waiting.erasesAt.toISOString(), bySomeoneElse: deletion.waiting.bySomeoneElse } : null },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const formData = await readFormData(request);
  switch (formData.get("intent")) {
    case "export":
      return submitForm(formData, z.object({}), async () => {
        await requestPersonExport(db, user);
        return redirect("/profile/data?asked=export#export");
      });
    case "delete":
      return submitForm(formData, confirmDeletion, async () => {
        await requestDeletion(db, user, user.id);
        return redirect("/profile/data?asked=delete#delete");
      });
    case "cancel-deletion":
      return submitForm(formData, z.object({}), async () => {
        await cancelDeletion(db, user, user.id);
        return redirect("/profile/data?asked=cancel#delete");
      });
    default:
      return invalid(formData, { form: "privacy:errors.unknownIntent" });
  }
}

export default function YourData() {
  const { timeZone, downloads, deletion } = useLoaderData<typeof loader>();
  const { t } = useTranslation("privacy");
  const format = useFormat();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const asked = params.get("asked");
  const posted = errors.values.intent;
  const day = deletion.waiting ? format.date(deletion.waiting.erasesAt, timeZone) : "";
  return (
    <>
      <h1>{t("yourData.heading")}</h1>
      <FormError message={posted && !["export", "delete", "cancel-deletion"].includes(posted) ? errors.formError : undefined} />

      <section aria-labelledby="export-title" id="export">
        <h2 id="export-title">{t("yourData.export.heading")}</h2>
        {asked === "export" ? <Notice>{t("yourData.export.asked")}</Notice> : null}
        <p>{t("yourData.export.intro")}</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="export" />
          <FormError message={posted === "export" ? errors.formError : undefined} />
          <div>
            <button type="submit">{t("yourData.export.submit")}</button>
          </div>
        </Form>
        {downloads.length ? (
          <TableScroll label={t("yourData.export.tableLabel")}>
            <table>
              <caption>{t("yourData.export.caption", { count: EXPORT_LINK_DAYS })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("exports.columns.askedFor")}</th>
                  <th scope="col">{t("exports.columns.state")}</th>
                  <th scope="col">{t("exports.columns.download")}</th>
                </tr>
              </thead>
              <tbody>
                {downloads.map((e) => (
                  <tr key={e.id}>
                    <td>{format.date(e.requested, timeZone)}</td>
                    <td>
                      <ExportStatusWords status={e.status} />
                    </td>
                    <td>
                      <ExportDownload id={e.id} status={e.status} size={e.size} expires={e.expires} timeZone={timeZone} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
      </section>

      <section aria-labelledby="delete-title" id="delete">
        <h2 id="delete-title">{t("yourData.delete.heading")}</h2>
        {asked === "delete" && deletion.waiting ? <Notice>{t("yourData.delete.asked", { date: day })}</Notice> : null}
        {asked === "cancel" ? <Notice>{t("yourData.delete.cancelled")}</Notice> : null}
        {/* A second request, or a cancel with nothing waiting, is answered here whichever form is shown now. */}
        <FormError message={posted === "delete" ? (errors.formError ?? errors.fieldErrors.confirm) : posted === "cancel-deletion" ? errors.formError : undefined} />
        <p>{t("yourData.delete.intro")}</p>
        {deletion.waiting ? (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="cancel-deletion" />
            <p>
              <Trans
                t={t}
                i18nKey={deletion.waiting.bySomeoneElse ? "yourData.delete.waitingByAdmin" : "yourData.delete.waiting"}
                values={{ date: day }}
                components={{ strong: <strong /> }}
              />
            </p>
            <div>
              <button type="submit">{t("yourData.delete.keep")}</button>
            </div>
          </Form>
        ) : (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="delete" />
            <p>{t("yourData.delete.coolingOff", { count: deletion.coolingOffDays })}</p>
            <label className="checkbox">
              <input type="checkbox" name="confirm" defaultChecked={posted === "delete" && errors.values.confirm === "on"} /> {t("yourData.delete.confirm")}
            </label>
            <div>
              <button type="submit">{t("yourData.delete.submit")}</button>
            </div>
          </Form>
        )}
      </section>
    </>
  );
}
