// Reads the field errors and kept values an action returned, if any.
import { useActionData } from "@remix-run/react";
import type { FormErrors } from "./submit-form.server";

export function useFormErrors(): FormErrors & { value: (name: string, fallback?: string) => string | undefined } {
  const data = useActionData() as Partial<FormErrors> | undefined;
  const fieldErrors = data?.fieldErrors ?? {};
  const values = data?.values ?? {};
  return {
    formError: data?.formError,
    fieldErrors,
    values,
    value: (name, fallback) => (name in values ? values[name] : fallback),
  };
}
