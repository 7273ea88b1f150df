import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextField } from "~/components/form-fields";
import { TimeZoneField } from "~/components/time-zone-field";
import { listTimeZones, nameField, newPasswordField, timeZoneField } from "~/domain/accounts/account-fields";
import { serializeSessionCookie } from "~/domain/accounts/session-cookie.server";
import { acceptInvitation, findUsableInvitation } from "~/domain/orgs/invitations.server";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";

export const meta: MetaFunction = () => [{ title: "Accept your invitation · Roundtable" }];

const schema = z.object({ name: nameField, password: newPasswordField, timeZone: timeZoneField });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await findUsableInvitation(context.services.db, params.token ?? "");
  return json({
    invitation: invitation ? { email: invitation.email, name: invitation.name, orgName: invitation.orgName } : null,
    signedIn: context.auth.status === "signed-in",
    timeZones: invitation ? listTimeZones() : [],
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, config, authLimiter } = context.services;
  const formData = await readFormData(request);
  if (!authLimiter.take(context.clientIp)) {
    return invalid(formData, { form: "validation:form.tooManyAttempts" }, 429);
  }
  return submitForm(formData, schema, async (input) => {
    const { token, session } = await acceptInvitation(db, params.token ?? "", input);
    return redirect("/profile?welcome=1", { headers: { "Set-Cookie": serializeSessionCookie(config, token, session.expiresAt) } });
  });
}

export default function AcceptInvitation() {
  const { invitation, signedIn, timeZones } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const busy = useNavigation().state === "submitting";
  if (!invitation) {
    return (
      <section aria-labelledby="invite-title">
        <h1 id="invite-title">This invitation no longer works</h1>
        <p>Invitations work once and expire after 7 days. Ask the person who invited you to send a new one.</p>
        <p>
          <Link to="/login">Sign in</Link> if you already have an account.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="invite-title">
      <h1 id="invite-title">Join {invitation.orgName} on Roundtable</h1>
      {signedIn ? <p className="notice">You are signed in as someone else. Accepting creates a new account and signs you in as {invitation.email}.</p> : null}
      <Form method="post" className="stack" noValidate>
        <FormError message={errors.formError} />
        <p>
          Your account will use <strong>{invitation.email}</strong>.
        </p>
        <TextField label="Your name" name="name" autoComplete="name" required defaultValue={errors.value("name", invitation.name)} error={errors.fieldErrors.name} />
        <TextField label="Choose a password" name="password" type="password" autoComplete="new-password" required hint="At least 8 characters." error={errors.fieldErrors.password} />
        <TimeZoneField zones={timeZones} defaultValue={errors.value("timeZone")} error={errors.fieldErrors.timeZone} />
        <div>
          <button type="submit" disabled={busy}>
            Create my account
          </button>
        </div>
      </Form>
    </section>
  );
}
