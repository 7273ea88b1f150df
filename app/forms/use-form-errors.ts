// Reads the field errors and kept values an action returned, if any. This is
// where validation messages are translated: zod schemas and InputError carry
// catalogue keys ("validation:email.missing"), and the page shows them in its
// language. A message that is not a key (a rule not yet moved to the
// catalogues) is shown as written.
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translateNestedMessage } from "../domain/i18n/nested-message";
import type { FormErrors } from "./submit-form.server";

export function useFormErrors(): FormErrors & { value: (name: string, fallback?: string) => string | undefined } {
  const data = useActionData() as Partial<FormErrors> | undefined;
  const { i18n } = useTranslation();
  const translate = (message: string) => translateNestedMessage(i18n, message);
  const fieldErrors = Object.fromEntries(Object.entries(data?.fieldErrors ?? {}).map(([name, message]) => [name, translate(message)]));
  const values = data?.values ?? {};
  return {
    formError: data?.formError === undefined ? undefined : translate(data.formError),
    fieldErrors,
    values,
    value: (name, fallback) => (name in values ? values[name] : fallback),
  };
}
