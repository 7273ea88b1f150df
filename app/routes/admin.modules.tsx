import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { listAllModules, setModuleArchived } from "~/domain/modules/module-status.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requirePlatformAdmin } from "~/require-user.server";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.modules.title");

const schema = z.object({
  intent: z.enum(["archive", "restore"], { errorMap: () => ({ message: "common:admin.modules.errors.intent" }) }),
  moduleId: z.string().uuid("common:admin.modules.errors.gone"),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePlatformAdmin(context, request);
  return json({ modules: await listAllModules(context.services.db, user) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePlatformAdmin(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async ({ intent, moduleId }) => {
    await setModuleArchived(context.services.db, user, moduleId, intent === "archive");
    return redirect(`/admin/modules?saved=${moduleId}`);
  });
}

export default function AdminModules() {
  const { modules } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  // ?saved=<id> after archiving or restoring: the title and state come from the list itself.
  const saved = modules.find((m) => m.id === params.get("saved"));
  const { t } = useTranslation();
  return (
    <>
      {saved ? <Notice>{t(saved.status === "archived" ? "admin.modules.archived" : "admin.modules.restored", { title: saved.title })}</Notice> : null}
      <h2>{t("admin.modules.heading", { count: modules.length })}</h2>
      <p className="muted">{t("admin.modules.intro")}</p>
      <FormError message={errors.formError ?? errors.fieldErrors.moduleId ?? errors.fieldErrors.intent} />
      <TableScroll label="Modules">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.modules.columns.module")}</th>
              <th scope="col">{t("admin.modules.columns.status")}</th>
              <th scope="col">{t("admin.modules.columns.visibility")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("admin.modules.columns.action")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {modules.map((m) => (
              <tr key={m.id}>
                <td>{m.status === "published" ? <Link to={`/modules/${m.slug}`}>{m.title}</Link> : m.title}</td>
                <td>{t(`admin.modules.statuses.${m.status}`)}</td>
                <td>{m.visibility === "public" ? t("admin.modules.public") : t("admin.modules.oneOrganisation")}</td>
                <td>
                  {m.status === "published" || (m.status === "archived" && m.hasRevision) ? (
                    <Form method="post">
                      <input type="hidden" name="moduleId" value={m.id} />
                      <button type="submit" name="intent" value={m.status === "published" ? "archive" : "restore"} className="link-button">
                        {t(m.status === "published" ? "admin.modules.archive" : "admin.modules.restore", { title: m.title })}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
