// The one shape of a form action: parse with zod, run the domain work, and
// on bad input answer 400 with field errors and the user's input kept.
import { json, type TypedResponse } from "@remix-run/node";
import type { z } from "zod";
import { isConnectionLost } from "../../db/connection-lost";
import { InputError } from "../domain/input-error";
import { cleanText } from "../domain/clean-text";

export type FormErrors = { formError?: string; fieldErrors: Record<string, string>; values: Record<string, string> };

// Secrets are never echoed back into the page.
const NOT_ECHOED = /password|token/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string" || NOT_ECHOED.test(key)) continue;
    values[key] = key in values ? `${values[key]}\n${value}` : value;
  }
  return values;
}

export function invalid(formData: FormData, fieldErrors: Record<string, string>, status = 400): TypedResponse<FormErrors> {
  const { form, ...fields } = fieldErrors;
  return json({ formError: form, fieldErrors: fields, values: formValues(formData) }, { status });
}

/**
 * Reads a form body, answering 400 (not 500) when it is not a form. Every
 * text field comes back cleaned of invisible control characters (cleanText),
 * so nothing downstream, the database included, ever sees them.
 */
export async function readFormData(request: Request): Promise<FormData> {
  let sent: FormData;
  try {
    sent = await request.formData();
  } catch {
    throw json({ formError: "validation:form.unreadable", fieldErrors: {}, values: {} }, { status: 400 });
  }
  const clean = new FormData();
  for (const [key, value] of sent) {
    if (typeof value === "string") clean.append(cleanText(key), cleanText(value));
    else clean.append(cleanText(key), value);
  }
  return clean;
}

/** The text of an uploaded file (a CSV), cleaned by the same rule as the fields. */
export async function readUploadedText(file: Blob): Promise<string> {
  return cleanText(await file.text());
}

/** The CSV an import form sends: the chosen file (field `file`) if there is one, else the pasted rows (field `csv`). */
export async function readCsvUpload(formData: FormData): Promise<string> {
  const file = formData.get("file");
  const pasted = formData.get("csv");
  return file instanceof Blob && file.size > 0 ? readUploadedText(file) : typeof pasted === "string" ? pasted : "";
}

export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * Validates `formData` with `schema` and runs `work`. Field errors from zod
 * or from an InputError thrown by the domain come back as a 400. When the
 * database connection was cut under the work, the answer is a 503 that keeps
 * what was typed and asks the person to check and send again: the work is not
 * re-run here, because a write may have landed just before the connection went.
 */
export async function submitForm<S extends z.ZodTypeAny, R>(
  formData: FormData,
  schema: S,
  work: (data: z.output<S>) => Promise<R>,
): Promise<R | TypedResponse<FormErrors>> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = all.length > 1 ? all : all[0];
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return invalid(formData, zodFieldErrors(parsed.error));
  try {
    return await work(parsed.data);
  } catch (error) {
    if (error instanceof InputError) return invalid(formData, error.fieldErrors, error.status);
    if (isConnectionLost(error)) return invalid(formData, { form: "common:errors.connectionLost" }, 503);
    throw error;
  }
}
