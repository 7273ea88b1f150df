// A person's directory settings beside a preview of what others see, drawn
// by the same component and server function as the profile page itself.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { DirectoryProfileCard } from "~/components/directory-profile-card";
import { FormError, Notice } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/general-error-boundary";
import { MINDSETS } from "~/domain/content/mindsets";
import { pageTitle } from "~/domain/i18n/translators";
import { DIRECTORY_FIELDS } from "~/domain/people/directory-fields";
import { previewDirectoryProfile, saveDirectorySettings } from "~/domain/people/directory-settings.server";
import { checkbox, listOf } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "people:settings.title");

const schema = z.object({
  listed: checkbox,
  showOrganisation: checkbox,
  showDepartment: checkbox,
  showSite: checkbox,
  showExpertise: checkbox,
  showBio: checkbox,
  showMentoring: checkbox,
  showGroups: checkbox,
  crossOrg: checkbox,
  mindsetInterests: listOf(z.enum(MINDSETS, { errorMap: () => ({ message: "people:settings.errors.mindset" }) })).transform((list) => [...new Set(list)]),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return json(await previewDirectoryProfile(context.services.db, user));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  return submitForm(formData, schema, async (settings) => {
    await saveDirectorySettings(context.services.db, user, settings);
    return redirect("/profile/directory?saved=1");
  });
}

export default function DirectorySettings() {
  const { settings, orgAllowsCrossing, asColleague, asAlumnusElsewhere } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const posted = Object.keys(errors.values).length > 0;
  // After a refused save, the boxes show what the person had ticked.
  const checked = (name: keyof typeof settings) => (posted ? errors.values[name] === "on" : Boolean(settings[name]));
  const mindsets = posted ? (errors.values.mindsetInterests ?? "").split("\n") : settings.mindsetInterests;
  const { t } = useTranslation("people");
  return (
    <section aria-labelledby="directory-title">
      <h1 id="directory-title">{t("settings.heading")}</h1>
      {params.get("saved") ? <Notice>{t("settings.saved")}</Notice> : null}
      <p className="muted">
        <Trans t={t} i18nKey="settings.intro" components={{ directory: <Link to="/people" />, profile: <Link to="/profile" /> }} />
      </p>
      <div className="draft-layout">
        <Form method="post" className="stack" noValidate aria-label={t("settings.formLabel")}>
          <FormError message={errors.formError} />
          <label className="checkbox">
            <input type="checkbox" name="listed" defaultChecked={checked("listed")} /> {t("settings.listMe")}
          </label>
          <fieldset className="field">
            <legend>{t("settings.show")}</legend>
            <p className="field__hint">{t("settings.nameAlways")}</p>
            {DIRECTORY_FIELDS.map((field) => (
              <label key={field} className="checkbox">
                <input type="checkbox" name={field} defaultChecked={checked(field)} /> {t(`settings.fields.${field}`)}
              </label>
            ))}
            {DIRECTORY_FIELDS.map((field) => (errors.fieldErrors[field] ? <FormError key={field} message={errors.fieldErrors[field]} /> : null))}
          </fieldset>
          <fieldset className={errors.fieldErrors.mindsetInterests ? "field field--invalid" : "field"}>
            <legend>{t("settings.mindsets")}</legend>
            <p className="field__hint">{t("settings.mindsetsHint")}</p>
            {MINDSETS.map((m) => (
              <label key={m} className="checkbox">
                <input type="checkbox" name="mindsetInterests" value={m} defaultChecked={mindsets.includes(m)} />{" "}
                {t("settings.mindsetOption", { name: t(`modules:mindsets.${m}.name`), focus: t(`modules:mindsets.${m}.focus`) })}
              </label>
            ))}
            {errors.fieldErrors.mindsetInterests ? (
              <p className="field__error" role="alert">
                {errors.fieldErrors.mindsetInterests}
              </p>
            ) : null}
          </fieldset>
          <fieldset className="field">
            <legend>{t("settings.otherOrganisations")}</legend>
            <label className="checkbox">
              <input type="checkbox" name="crossOrg" defaultChecked={checked("crossOrg")} aria-describedby="cross-org-hint" /> {t("settings.crossOrg")}
            </label>
            <p className="field__hint" id="cross-org-hint">
              {t("settings.crossOrgHint")} {orgAllowsCrossing ? t("settings.orgAllows") : t("settings.orgDoesNotAllow")}
            </p>
            {errors.fieldErrors.crossOrg ? <FormError message={errors.fieldErrors.crossOrg} /> : null}
          </fieldset>
          <div>
            <button type="submit" disabled={busy}>
              {busy ? t("common:actions.saving") : t("settings.save")}
            </button>
          </div>
        </Form>
        <section aria-labelledby="preview-title" className="draft-layout__side">
          <h2 id="preview-title">{t("settings.preview")}</h2>
          <p className="muted">{t("settings.colleagueSees")}</p>
          {asColleague ? (
            <DirectoryProfileCard profile={asColleague} headingLevel={3} />
          ) : (
            <p>{t("settings.nothingUnlisted")}</p>
          )}
          {settings.crossOrg ? (
            asAlumnusElsewhere ? (
              <>
                <p className="muted">{t("settings.othersSee")}</p>
                <DirectoryProfileCard profile={asAlumnusElsewhere} headingLevel={3} />
              </>
            ) : (
              <p className="muted">{orgAllowsCrossing ? t("settings.othersSeeNothingUntilListed") : t("settings.othersSeeNothingOrg")}</p>
            )
          ) : null}
        </section>
      </div>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
