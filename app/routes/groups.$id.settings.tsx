// A peer group's settings, for its conveners: name, field, charter, how
// people join and how requests are decided, other organisations, size cap.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { GroupSettingsFields } from "~/components/group-settings-fields";
import { GroupSpaceNav } from "~/components/group-space-nav";
import { groupSettingsSchema, windowForForm } from "~/domain/groups/group-fields";
import { changeGroupSettings, loadGroupSettings } from "~/domain/groups/group-settings.server";
import { pageTitle } from "~/domain/i18n/translators";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "groups:settings.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const group = await loadGroupSettings(context.services.db, user, params.id ?? "");
  return json({
    // The organisation named when the group cannot be opened to others.
    group: { id: group.id, name: group.name, orgName: group.closedBorder ?? group.orgName },
    crossOrgAllowed: group.crossOrg || group.closedBorder === null,
    defaults: {
      name: group.name,
      field: group.field,
      charter: group.charter,
      joinPolicy: group.joinPolicy,
      joinDecision: group.joinDecision,
      voteQuorum: group.voteQuorum === null ? "" : String(group.voteQuorum),
      ...windowForForm(group.voteWindowHours),
      crossOrg: group.crossOrg ? "on" : "",
      sizeCap: group.sizeCap === null ? "" : String(group.sizeCap),
    },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const id = params.id ?? "";
  // 404 or 403 before the form is read, for anyone who may not change these settings.
  await loadGroupSettings(context.services.db, user, id);
  const formData = await readFormData(request);
  return submitForm(formData, groupSettingsSchema, async (input) => {
    await changeGroupSettings(context.services.db, user, id, input);
    return redirect(`/groups/${id}/settings?saved=1`);
  });
}

export default function GroupSettings() {
  const { group, defaults, crossOrgAllowed } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const submitted = useActionData() !== undefined;
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("groups");
  return (
    <section aria-labelledby="settings-title">
      <p className="muted">
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </p>
      <h1 id="settings-title">{t("settings.title")}</h1>
      <GroupSpaceNav groupId={group.id} convener />
      {search.get("saved") && !submitted ? <Notice>{t("settings.saved")}</Notice> : null}
      <Form method="post" className="stack wide" noValidate key={JSON.stringify(defaults)}>
        <FormError message={errors.formError} />
        <GroupSettingsFields
          value={(name, fallback) => errors.value(name, fallback) ?? fallback}
          errors={errors.fieldErrors}
          defaults={defaults}
          crossOrgAllowed={crossOrgAllowed}
          orgName={group.orgName}
          submitted={submitted}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t("common:actions.saving") : t("settings.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
