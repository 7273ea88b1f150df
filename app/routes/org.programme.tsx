import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { listProgrammeChoices, setProgramme, setProgrammeMode } from "~/domain/orgs/programme.server";
import { listOf } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/domain/i18n/translators";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "org:programme.title");

const schema = z.object({
  programmeMode: z.enum(["programme_first", "programme_only"], { errorMap: () => ({ message: "org:programme.errors.mode" }) }),
  moduleIds: listOf(z.string().uuid("common:admin.modules.errors.gone")),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  return json(await listProgrammeChoices(context.services.db, user));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db } = context.services;
  const formData = await readFormData(request);
  return submitForm(formData, schema, async ({ programmeMode, moduleIds }) => {
    await setProgramme(db, user, moduleIds);
    await setProgrammeMode(db, user, programmeMode);
    return redirect("/org/programme?saved=1");
  });
}

export default function Programme() {
  const { programmeMode, choices } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const mode = errors.value("programmeMode", programmeMode);
  const chosen = errors.values.moduleIds !== undefined ? errors.values.moduleIds.split("\n") : choices.filter((c) => c.inProgramme).map((c) => c.id);
  const { t } = useTranslation("org");
  return (
    <>
      <h2>{t("programme.title")}</h2>
      <p>{t("programme.intro")}</p>
      {params.get("saved") ? <Notice>{t("programme.saved", { count: chosen.length })}</Notice> : null}
      <Form method="post" className="stack wide" noValidate>
        <FormError message={errors.formError ?? errors.fieldErrors.moduleIds} />
        <fieldset className="field">
          <legend>{t("programme.whatTheySee")}</legend>
          <label className="checkbox">
            <input type="radio" name="programmeMode" value="programme_first" defaultChecked={mode === "programme_first"} /> {t("programme.first")}
          </label>
          <label className="checkbox">
            <input type="radio" name="programmeMode" value="programme_only" defaultChecked={mode === "programme_only"} /> {t("programme.only")}
          </label>
          {errors.fieldErrors.programmeMode ? <p className="field__error">{errors.fieldErrors.programmeMode}</p> : null}
        </fieldset>
        <fieldset className="field">
          <legend>{t("programme.modules")}</legend>
          {choices.map((c) => (
            <label key={c.id} className="checkbox">
              <input type="checkbox" name="moduleIds" value={c.id} defaultChecked={chosen.includes(c.id)} /> {c.title}{" "}
              <span className="muted">({t(`modules:mindsets.${c.mindset}.name`)})</span> <Link to={`/modules/${c.slug}`}>{t("programme.read")}</Link>
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit">{t("programme.save")}</button>
        </div>
      </Form>
    </>
  );
}
