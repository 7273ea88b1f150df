// Founding a peer group. Alumni use the form; everyone else reads who can.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { FormError } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { GroupSettingsFields } from "~/components/group-settings-fields";
import { foundGroup, foundingRules } from "~/domain/groups/found-group.server";
import { DEFAULT_SIZE_CAP, DEFAULT_VOTE_WINDOW_HOURS, groupSettingsSchema, windowForForm, WHO_MAY_FOUND } from "~/domain/groups/group-fields";
import { ForbiddenError } from "~/domain/http-errors";
import { pageTitle } from "~/domain/i18n/translators";
import { canFoundGroup } from "~/domain/policy";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "groups:list.found");

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

/** What happens after founding, in the organisation's terms: one sentence per combination of rules (groups.json, found.next). */
function whatHappensNextKey(rules: { minPeople: number | null; minDepartments: number | null; needsApproval: boolean }) {
  const threshold = rules.minPeople && rules.minDepartments ? "PeopleAndDepartments" : rules.minPeople ? "People" : rules.minDepartments ? "Departments" : "None";
  return `found.next.${threshold}${rules.needsApproval ? "Approval" : ""}`;
}

export default function FoundGroup() {
  const { mayFound, rules } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const submitted = useActionData() !== undefined;
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("groups");
  if (!mayFound) {
    return (
      <section aria-labelledby="found-title">
        <h1 id="found-title">{t("list.found")}</h1>
        <p>{t("found.notYet")}</p>
        <p>
          <Trans t={t} i18nKey="found.meanwhile" components={{ groups: <Link to="/groups" /> }} />
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="found-title">
      <h1 id="found-title">{t("list.found")}</h1>
      <p className="muted">{t("found.intro")}</p>
      <p className="notice">{t(whatHappensNextKey(rules), { people: rules.minPeople ?? 0, departments: rules.minDepartments ?? 0 })}</p>
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
            {busy ? t("found.busy") : t("found.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
