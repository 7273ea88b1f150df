import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { TableScroll } from "~/components/table-scroll";
import { listAllModules, setModuleArchived } from "~/domain/modules/module-status.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requirePlatformAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Modules · Platform · Roundtable" }];

const schema = z.object({
  intent: z.enum(["archive", "restore"], { errorMap: () => ({ message: "Choose archive or restore." }) }),
  moduleId: z.string().uuid("That module no longer exists."),
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

const STATUS: Record<string, string> = { draft: "Draft", in_review: "In review", published: "Published", archived: "Archived" };

export default function AdminModules() {
  const { modules } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  // ?saved=<id> after archiving or restoring: the title and state come from the list itself.
  const saved = modules.find((m) => m.id === params.get("saved"));
  return (
    <>
      {saved ? (
        <Notice>
          {saved.status === "archived" ? `“${saved.title}” is archived: readers no longer see it.` : `“${saved.title}” is back in the catalogue.`}
        </Notice>
      ) : null}
      <h2>Modules ({modules.length})</h2>
      <p className="muted">Archiving takes a module out of the catalogue and every reader's view; its revisions are kept and it can be restored.</p>
      <FormError message={errors.formError ?? errors.fieldErrors.moduleId ?? errors.fieldErrors.intent} />
      <TableScroll label="Modules">
        <table>
          <thead>
            <tr>
              <th scope="col">Module</th>
              <th scope="col">Status</th>
              <th scope="col">Visibility</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {modules.map((m) => (
              <tr key={m.id}>
                <td>{m.status === "published" ? <Link to={`/modules/${m.slug}`}>{m.title}</Link> : m.title}</td>
                <td>{STATUS[m.status]}</td>
                <td>{m.visibility === "public" ? "All organisations" : "One organisation"}</td>
                <td>
                  {m.status === "published" || (m.status === "archived" && m.hasRevision) ? (
                    <Form method="post">
                      <input type="hidden" name="moduleId" value={m.id} />
                      <button type="submit" name="intent" value={m.status === "published" ? "archive" : "restore"} className="link-button">
                        {m.status === "published" ? `Archive ${m.title}` : `Restore ${m.title}`}
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
