// Starting a translation of a module: its title and summary in the other
// language; the pages are then translated in the working draft, together,
// and reviewed like any draft. Contributors who can read the module use it;
// others get a 403, and a module they cannot read a 404.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { LANGUAGE_NAMES } from "~/domain/i18n/language-names";
import { languageSchema } from "~/domain/i18n/languages";
import { message } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { loadTranslationStart, startTranslation } from "~/domain/modules/start-translation.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? "modules:translate.titleOf" : "modules:translate.title", { title: data?.original.title ?? "" });

// The same bounds as a module's title and summary in content/ (parse-module-markdown.ts).
const MAX_TITLE = 120;
const MAX_SUMMARY = 280;

const schema = z.object({
  language: languageSchema,
  title: z
    .string({ required_error: "modules:translate.errors.title" })
    .trim()
    .min(3, message("modules:translate.errors.titleShort", { min: 3 }))
    .max(MAX_TITLE, message("modules:translate.errors.titleTooLong", { max: MAX_TITLE })),
  summary: z
    .string({ required_error: "modules:translate.errors.summary" })
    .trim()
    .min(10, message("modules:translate.errors.summaryShort", { min: 10 }))
    .max(MAX_SUMMARY, message("modules:translate.errors.summaryTooLong", { max: MAX_SUMMARY })),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const start = await loadTranslationStart(context.services.db, user, params.slug ?? "");
  return json({ original: start.original, languages: start.languages.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  // Refused before the form is read: a 404 or 403 for those who may not translate it.
  await loadTranslationStart(db, user, params.slug ?? "");
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (input) => {
    const created = await startTranslation(db, user, params.slug ?? "", input);
    return redirect(`/modules/${created.slug}/edit?translation=1`);
  });
}

export default function TranslateModule() {
  const { original, languages } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("modules");
  return (
    <section aria-labelledby="translate-title">
      <p className="muted">
        <Link to={`/modules/${original.slug}?lang=${original.language}`}>
          <span lang={original.language}>{original.title}</span>
        </Link>
      </p>
      <h1 id="translate-title">{t("translate.heading")}</h1>
      {languages.length === 0 ? (
        <p>{t("translate.everyLanguage")}</p>
      ) : (
        <>
          <p className="muted">{t("translate.intro")}</p>
          <Form method="post" className="stack wide" noValidate>
            <FormError message={errors.formError} />
            <SelectField label={t("translate.language")} name="language" options={languages} defaultValue={errors.value("language", languages[0]!.value)} error={errors.fieldErrors.language} />
            <TextField label={t("translate.titleField")} name="title" maxLength={MAX_TITLE} defaultValue={errors.value("title", "")} error={errors.fieldErrors.title} />
            <TextAreaField
              label={t("translate.summaryField")}
              name="summary"
              rows={3}
              maxLength={MAX_SUMMARY}
              hint={t("translate.summaryHint")}
              defaultValue={errors.value("summary", "")}
              error={errors.fieldErrors.summary}
            />
            <button type="submit" disabled={busy}>
              {busy ? t("translate.starting") : t("translate.start")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
