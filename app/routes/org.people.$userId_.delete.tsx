// An admin deletes the account of someone who left the organisation: the
// same request and cooling-off as a person's own, which they are told about.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, Notice } from "~/components/form-fields";
import { formatDateInZone } from "~/components/format-time";
import { NotFoundError } from "~/domain/http-errors";
import { getPersonForAdmin } from "~/domain/orgs/people.server";
import { cancelDeletion, deletionState, requestDeletion } from "~/domain/personal-data/account-deletions.server";
import { confirmDeletion } from "~/domain/personal-data/personal-data-fields";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Delete an account · Roundtable" }];

function personId(params: { userId?: string }) {
  const parsed = z.string().uuid().safeParse(params.userId);
  if (!parsed.success) throw new NotFoundError("We could not find that person.");
  return parsed.data;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db } = context.services;
  const person = await getPersonForAdmin(db, user, personId(params));
  const state = await deletionState(db, user, person.id);
  return json({
    person: { id: person.id, name: person.name },
    coolingOffDays: state.coolingOffDays,
    waiting: state.waiting ? { day: formatDateInZone(state.waiting.erasesAt, user.timeZone) } : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db } = context.services;
  // Scope first: another organisation's person is a 404 whatever the form says.
  const person = await getPersonForAdmin(db, user, personId(params));
  const formData = await readFormData(request);
  switch (formData.get("intent")) {
    case "delete":
      return submitForm(formData, confirmDeletion, async () => {
        await requestDeletion(db, user, person.id);
        return redirect(`/org/people/${person.id}/delete?asked=delete`);
      });
    case "cancel-deletion":
      return submitForm(formData, z.object({}), async () => {
        await cancelDeletion(db, user, person.id);
        return redirect(`/org/people/${person.id}/delete?asked=cancel`);
      });
    default:
      return invalid(formData, { form: "That action is not one this page offers. Please reload the page." });
  }
}

export default function DeleteAccount() {
  const { person, coolingOffDays, waiting } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const asked = params.get("asked");
  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">Delete the account of {person.name}</h2>
      {asked === "delete" ? <Notice>The account will be deleted on {waiting?.day}. {person.name} has been told.</Notice> : null}
      {asked === "cancel" ? <Notice>The account will not be deleted.</Notice> : null}
      <FormError message={errors.formError ?? errors.fieldErrors.confirm} />
      <p>
        For someone who has left. Their personal data is erased {coolingOffDays} {coolingOffDays === 1 ? "day" : "days"} after you ask, and they are told so
        they can download it first. What they built with others stays under the name &ldquo;Former member&rdquo;: text they co-wrote, comments others
        replied to, proposals others supported, meetings they organised. The audit log keeps what happened, without their name.
      </p>
      {waiting ? (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="cancel-deletion" />
          <p>
            <strong>This account will be deleted on {waiting.day}.</strong>
          </p>
          <div>
            <button type="submit">Cancel the deletion</button> <Link to={`/org/people/${person.id}`}>Back to {person.name}</Link>
          </div>
        </Form>
      ) : (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="delete" />
          <label className="checkbox">
            <input type="checkbox" name="confirm" defaultChecked={errors.values.confirm === "on"} /> {person.name} has left, and their account and personal data
            should be deleted
          </label>
          <div>
            <button type="submit">Delete this account</button> <Link to={`/org/people/${person.id}`}>Cancel</Link>
          </div>
        </Form>
      )}
    </section>
  );
}
