// The per-address budget of the forms that try a password or a secret link
// (sign-in, sign-up, password reset, invitations): AUTH_RATE_LIMIT_PER_MINUTE,
// counted by every process together (server/limits/limits.ts).
import type { AppLoadContext, TypedResponse } from "@remix-run/node";
import { invalid, type FormErrors } from "./submit-form.server";

/** Spends one attempt from this address's budget: null when it fits, else the 429 to answer, with the form's input kept. */
export async function spendAuthAttempt(context: AppLoadContext, formData: FormData): Promise<TypedResponse<FormErrors> | null> {
  const decision = await context.services.limits.authAttempts.take(context.clientIp);
  if (decision.ok) return null;
  const refused = invalid(formData, { form: "validation:form.tooManyAttempts" }, 429);
  refused.headers.set("Retry-After", String(decision.retryAfterSeconds));
  return refused;
}
