import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { TimeZoneField } from "~/components/time-zone-field";
import { jobTitleField, listTimeZones, nameField, timeZoneField } from "~/domain/accounts/account-fields";
import { getOwnProfile, setOwnLanguage, updateOwnProfile } from "~/domain/accounts/profile.server";
import { isLanguage, LANGUAGES } from "~/domain/i18n/languages";
import { pageTitle } from "~/domain/i18n/translators";
import { listOrgStructure } from "~/domain/orgs/org-structure.server";
import { optionalId } from "~/forms/field-schemas";
import { readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireUser } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "profile:title");

const schema = z.object({
  name: nameField,
  jobTitle: jobTitleField,
  departmentId: optionalId,
  siteId: optionalId,
  timeZone: timeZoneField,
  bio: z.string().trim().max(1000, "validation:bio.tooLong").default(""),
  expertise: z
    .string()
    .default("")
    .transform((v) => [...new Set(v.split(",").map((t) => t.trim().toLowerCase()).filter(Boolean))])
    .pipe(z.array(z.string().max(40, "validation:expertise.tagTooLong")).max(20, "validation:expertise.tooMany")),
});

// "" follows the organisation's default; anything but our languages is refused and nothing changes.
const languageForm = z.object({
  intent: z.literal("language"),
  language: z
    .enum(["", ...LANGUAGES], { errorMap: () => ({ message: "validation:languageSetting.unknown" }) })
    .transform((v) => (v === "" ? null : v)),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const [profile, structure] = await Promise.all([getOwnProfile(db, user.id), listOrgStructure(db, user.orgId)]);
  return json({
    profile: { ...profile, language: isLanguage(profile.language) ? profile.language : null, orgLanguage: isLanguage(profile.orgLanguage) ? profile.orgLanguage : "en" },
    structure,
    timeZones: listTimeZones(),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await readFormData(request);
  // The language has its own small form; the profile form came first and sends no intent.
  if (formData.get("intent") === "language") {
    return submitForm(formData, languageForm, async ({ language }) => {
      await setOwnLanguage(context.services.db, user, language);
      return redirect("/profile?saved=language#language");
    });
  }
  return submitForm(formData, schema, async (input) => {
    await updateOwnProfile(context.services.db, user, input);
    return redirect("/profile?saved=1");
  });
}

export default function Profile() {
  const { profile, structure, timeZones } = useLoaderData<typeof loader>();
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation("profile");
  const sending = navigation.state === "submitting" ? navigation.formData?.get("intent") ?? "profile" : null;
  // Errors and kept input belong to the form that was posted.
  const languagePosted = errors.values.intent === "language";
  const profileErrors: Record<string, string> = languagePosted ? {} : errors.fieldErrors;
  const kept = (name: string, fallback: string) => (languagePosted ? fallback : errors.value(name, fallback));
  return (
    <section aria-labelledby="profile-title">
      <h1 id="profile-title">{t("heading")}</h1>
      {params.get("saved") === "1" ? <Notice>{t("saved")}</Notice> : null}
      {params.get("welcome") ? <Notice>{t("welcome")}</Notice> : null}
      <p className="muted">
        <Trans
          t={t}
          i18nKey="summary"
          values={{ email: profile.email, organisation: profile.orgName }}
          components={{ security: <Link to="/security" />, directory: <Link to="/profile/directory" />, data: <Link to="/profile/data" /> }}
        />
      </p>
      <Form method="post" className="stack" noValidate>
        <FormError message={languagePosted ? undefined : errors.formError} />
        <TextField label={t("fields.name")} name="name" autoComplete="name" required defaultValue={kept("name", profile.name)} error={profileErrors.name} />
        <TextField label={t("fields.jobTitle")} name="jobTitle" autoComplete="organization-title" defaultValue={kept("jobTitle", profile.jobTitle)} error={profileErrors.jobTitle} />
        <SelectField
          label={t("fields.department")}
          name="departmentId"
          defaultValue={kept("departmentId", profile.departmentId ?? "")}
          options={[{ value: "", label: t("common:notSet") }, ...structure.departments.map((d) => ({ value: d.id, label: d.name }))]}
          error={profileErrors.departmentId}
        />
        <SelectField
          label={t("fields.site")}
          name="siteId"
          defaultValue={kept("siteId", profile.siteId ?? "")}
          options={[{ value: "", label: t("common:notSet") }, ...structure.sites.map((s) => ({ value: s.id, label: s.name }))]}
          error={profileErrors.siteId}
        />
        <TimeZoneField zones={timeZones} defaultValue={kept("timeZone", profile.timeZone)} error={profileErrors.timeZone} />
        <TextAreaField label={t("fields.bio")} name="bio" maxLength={1000} defaultValue={kept("bio", profile.bio)} error={profileErrors.bio} hint={t("fields.bioHint")} />
        <TextField
          label={t("fields.expertise")}
          name="expertise"
          hint={t("fields.expertiseHint")}
          defaultValue={kept("expertise", profile.expertise.join(", "))}
          error={profileErrors.expertise}
        />
        <div>
          <button type="submit" disabled={sending !== null}>
            {sending === "profile" ? t("common:actions.saving") : t("save")}
          </button>
        </div>
      </Form>

      <section aria-labelledby="language-title" id="language">
        <h2 id="language-title">{t("language.heading")}</h2>
        {params.get("saved") === "language" && !languagePosted ? <Notice>{t("language.saved")}</Notice> : null}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="language" />
          <FormError message={languagePosted ? errors.formError : undefined} />
          <SelectField
            label={t("language.label")}
            name="language"
            hint={t("language.hint")}
            defaultValue={languagePosted ? errors.value("language", "") : (profile.language ?? "")}
            options={[
              { value: "", label: t("common:language.organisationDefault", { language: t(`common:language.${profile.orgLanguage}`) }) },
              ...LANGUAGES.map((language) => ({ value: language, label: t(`common:language.${language}`) })),
            ]}
            error={languagePosted ? errors.fieldErrors.language : undefined}
          />
          <div>
            <button type="submit" disabled={sending !== null}>
              {sending === "language" ? t("common:actions.saving") : t("language.save")}
            </button>
          </div>
        </Form>
      </section>
    </section>
  );
}
