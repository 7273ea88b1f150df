// Starting a translation of a module: its title and summary in the other
// language; the pages are then translated in the working draft, together,
// and reviewed like any draft. Contributors who can read the module use it;
// others get a 403, and a module they cannot read a 404.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormError, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { LANGUAGE_NAMES } from "~/domain/i18n/language-names";
import { languageSchema } from "~/domain/i18n/languages";
import { loadTranslationStart, startTranslation } from "~/domain/modules/start-translation.server";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Translate: ${data.original.title} · Roundtable` : "Translate a module · Roundtable" }];

// The same bounds as a module's title and summary in content/ (parse-module-markdown.ts).
const MAX_TITLE = 120;
const MAX_SUMMARY = 280;

const schema = z.object({
  language: languageSchema,
  title: z
    .string({ required_error: "Write the title in the new language." })
    .trim()
    .min(3, "Write the title in the new language (at least 3 characters).")
    .max(MAX_TITLE, `Keep the title under ${MAX_TITLE} characters.`),
  summary: z
    .string({ required_error: "Write the summary in the new language." })
    .trim()
    .min(10, "Write the summary in the new language (at least 10 characters).")
    .max(MAX_SUMMARY, `Keep the summary under ${MAX_SUMMARY} characters.`),
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
  return (
    <section aria-labelledby="translate-title">
      <p className="muted">
        <Link to={`/modules/${original.slug}?lang=${original.language}`}>
          <span lang={original.language}>{original.title}</span>
        </Link>
      </p>
      <h1 id="translate-title">Translate this module</h1>
      {languages.length === 0 ? (
        <p>This module already has a version in every language Roundtable offers, published or being written.</p>
      ) : (
        <>
          <p className="muted">
            You become the lead author of the translation. Its draft starts with the original text, page by page: rewrite it in the new language with any co-authors you invite, then
            submit it for review. Readers see it once a moderator approves it.
          </p>
          <Form method="post" className="stack wide" noValidate>
            <FormError message={errors.formError} />
            <SelectField label="Language" name="language" options={languages} defaultValue={errors.value("language", languages[0]!.value)} error={errors.fieldErrors.language} />
            <TextField label="Title in that language" name="title" maxLength={MAX_TITLE} defaultValue={errors.value("title", "")} error={errors.fieldErrors.title} />
            <TextAreaField
              label="Summary in that language"
              name="summary"
              rows={3}
              maxLength={MAX_SUMMARY}
              hint="One or two sentences for the catalogue."
              defaultValue={errors.value("summary", "")}
              error={errors.fieldErrors.summary}
            />
            <button type="submit" disabled={busy}>
              {busy ? "Starting…" : "Start the translation"}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
