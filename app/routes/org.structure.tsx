import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, TextField } from "~/components/form-fields";
import { pageTitle } from "~/domain/i18n/translators";
import { addOrgUnit, listOrgStructure, removeOrgUnit } from "~/domain/orgs/org-structure.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "org:nav.structure");

const kind = z.enum(["department", "site"], { errorMap: () => ({ message: "org:structure.errors.kind" }) });
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), kind, name: z.string().trim().min(1, "org:structure.errors.name").max(120, "validation:name.tooLong") }),
  z.object({ intent: z.literal("remove"), kind, id: z.string().uuid("org:structure.errors.gone") }),
]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  return json(await listOrgStructure(context.services.db, user.orgId));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db } = context.services;
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (input) => {
    if (input.intent === "add") await addOrgUnit(db, user, user.orgId, input.kind, input.name);
    else await removeOrgUnit(db, user, user.orgId, input.kind, input.id);
    return redirect("/org/structure");
  });
}

function UnitList({ kind, title, items }: { kind: "department" | "site"; title: string; items: { id: string; name: string }[] }) {
  const errors = useFormErrors();
  const { t } = useTranslation("org");
  const mine = errors.values.kind === kind;
  return (
    <section className="card" aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`}>{title}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            {item.name}{" "}
            <Form method="post" style={{ display: "inline" }}>
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="kind" value={kind} />
              <input type="hidden" name="id" value={item.id} />
              <button type="submit" className="link-button" aria-label={t("structure.removeLabel", { name: item.name })}>
                {t("structure.remove")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="stack" noValidate>
        {mine ? <FormError message={errors.formError} /> : null}
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="kind" value={kind} />
        <TextField label={t(`structure.${kind}.new`)} name="name" defaultValue={mine ? errors.value("name") : undefined} error={mine ? errors.fieldErrors.name : undefined} />
        <div>
          <button type="submit">{t(`structure.${kind}.add`)}</button>
        </div>
      </Form>
    </section>
  );
}

export default function OrgStructure() {
  const { departments, sites } = useLoaderData<typeof loader>();
  const { t } = useTranslation("org");
  return (
    <div className="cards">
      <UnitList kind="department" title={t("structure.department.heading")} items={departments} />
      <UnitList kind="site" title={t("structure.site.heading")} items={sites} />
    </div>
  );
}
