// Founding a peer group. Alumni use the form; everyone else reads who can.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { GroupSettingsFields } from "~/components/group-settings-fields";
import { foundGroup, foundingRules } from "~/domain/groups/found-group.server";
import { DEFAULT_SIZE_CAP, DEFAULT_VOTE_WINDOW_HOURS, groupSettingsSchema, windowForForm, WHO_MAY_FOUND } from "~/domain/groups/group-fields";
import { ForbiddenError } from "~/domain/http-errors";
import { canFoundGroup } from "~/domain/policy";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = () => [{ title: "Found a group · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  if (!canFoundGroup(user)) return json({ mayFound: false as const, rules: null });
  return json({ mayFound: true as const, rules: await foundingRules(context.services.db, user) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  // Refused before the form is read, so nobody learns the form's rules by posting.
  if (!canFoundGroup(user)) throw new ForbiddenError(WHO_MAY_FOUND);
  const formData = await readFormData(request);
  return submitForm(formData, groupSettingsSchema, async (input) => {
    const { id } = await foundGroup(context.services.db, user, input);
    return redirect(`/groups/${id}`);
  });
}

const DEFAULTS = { joinPolicy: "request", joinDecision: "conveners", sizeCap: String(DEFAULT_SIZE_CAP), ...windowForForm(DEFAULT_VOTE_WINDOW_HOURS) };

/** What happens after founding, in the organisation's terms. */
function whatHappensNext(rules: { minPeople: number | null; minDepartments: number | null; needsApproval: boolean }) {
  const threshold = [
    rules.minPeople ? `${rules.minPeople} interested people (you included)` : null,
    rules.minDepartments ? `people from at least ${rules.minDepartments} departments` : null,
  ].filter(Boolean);
  const gathering = threshold.length ? `The group gathers interest until it has ${threshold.join(" and ")}. ` : "";
  const approval = rules.needsApproval ? "A moderator of your organisation then approves it before it starts." : threshold.length ? "Then it starts." : "It starts at once, with you as its convener.";
  return gathering + approval;
}

export default function FoundGroup() {
  const { mayFound, rules } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const submitted = useActionData() !== undefined;
  const busy = useNavigation().state === "submitting";
  if (!mayFound) {
    return (
      <section aria-labelledby="found-title">
        <h1 id="found-title">Found a group</h1>
        <p>{WHO_MAY_FOUND} Once you have finished your programme, you can found one here.</p>
        <p>
          Meanwhile you can <Link to="/groups">look at the peer groups</Link>.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="found-title">
      <h1 id="found-title">Found a group</h1>
      <p className="muted">Bring together practitioners of your field to learn from each other. You become the group's convener.</p>
      <p className="notice">{whatHappensNext(rules)}</p>
      <Form method="post" className="stack wide" noValidate>
        <FormError message={errors.formError} />
        <GroupSettingsFields
          value={(name, fallback) => errors.value(name, fallback) ?? fallback}
          errors={errors.fieldErrors}
          defaults={DEFAULTS}
          crossOrgAllowed={rules.crossOrgConnections}
          orgName={rules.name}
          submitted={submitted}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Founding…" : "Found the group"}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
