// An organisation's settings, five forms told apart by their intent: how
// people join, the default language, connections across organisations,
// founding peer groups, wishes for group formation, and people's data
// (cooling-off, retention).
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DataSettingsSection } from "~/components/data-settings-section";
import { FormError, Notice, SelectField, TextField } from "~/components/form-fields";
import { isLanguage, languageSchema, LANGUAGES } from "~/domain/i18n/languages";
import { message } from "~/domain/i18n/message";
import { pageTitle } from "~/domain/i18n/translators";
import { getOrganisation, updateConnectionSettings, updateDefaultLanguage, updateFormationSettings, updateGroupFoundingSettings, updateSignupSettings } from "~/domain/orgs/org-settings.server";
import { dataSettingsSchema } from "~/domain/personal-data/personal-data-fields";
import { getDataSettings, updateDataSettings } from "~/domain/personal-data/retention.server";
import { checkbox } from "~/forms/field-schemas";
import { invalid, readFormData, submitForm } from "~/forms/submit-form.server";
import { useFormErrors } from "~/forms/use-form-errors";
import { requireOrgAdmin } from "~/require-user.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "org:settings.title");

const MAX_FOUNDING = 50;

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^@/, ""))
  .pipe(z.string().regex(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, "org:settings.errors.domain"));

const signupSchema = z.discriminatedUnion("signupMode", [
  z.object({ signupMode: z.literal("invite_only"), allowedEmailDomain: z.string().optional() }),
  z.object({ signupMode: z.literal("email_domain"), allowedEmailDomain: domain }),
], { errorMap: () => ({ message: "org:settings.errors.signupMode" }) });

/** Empty for "no minimum", else a whole number from 1 to MAX_FOUNDING. */
const optionalMinimum = (what: "people" | "departments") =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .string()
        .regex(/^\d+$/, message(`org:settings.errors.${what}.wholeNumber`, { max: MAX_FOUNDING }))
        .transform(Number)
        .pipe(z.number().int().min(1, `org:settings.errors.${what}.atLeastOne`).max(MAX_FOUNDING, message(`org:settings.errors.${what}.atMost`, { max: MAX_FOUNDING })))
        .nullable(),
    );

const connectionsSchema = z.object({ crossOrgConnections: checkbox });
const foundingSchema = z.object({
  groupFoundingMinPeople: optionalMinimum("people"),
  groupFoundingMinDepartments: optionalMinimum("departments"),
  groupsNeedApproval: checkbox,
});
const formationSchema = z.object({ formationPreferences: checkbox });
const languageForm = z.object({ defaultLanguage: languageSchema });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const org = await getOrganisation(context.services.db, user, user.orgId);
  const data = await getDataSettings(context.services.db, user, user.orgId);
  const days = (n: number | null) => (n === null ? "" : String(n));
  return json({
    dataSettings: {
      deletionCoolingOffDays: days(data.deletionCoolingOffDays),
      privateNotesRetentionDays: days(data.privateNotesRetentionDays),
      evaluationCommentsRetentionDays: days(data.evaluationCommentsRetentionDays),
      surveyRetentionDays: days(data.surveyRetentionDays),
    },
    signupMode: org.signupMode,
    allowedEmailDomain: org.allowedEmailDomain ?? "",
    crossOrgConnections: org.crossOrgConnections,
    groupFoundingMinPeople: org.groupFoundingMinPeople?.toString() ?? "",
    groupFoundingMinDepartments: org.groupFoundingMinDepartments?.toString() ?? "",
    groupsNeedApproval: org.groupsNeedApproval,
    formationPreferences: org.formationPreferences,
    defaultLanguage: isLanguage(org.defaultLanguage) ? org.defaultLanguage : "en",
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOrgAdmin(context, request);
  const { db } = context.services;
  const formData = await readFormData(request);
  // The sign-up form came first, so a post without an intent is for it.
  switch (formData.get("intent") ?? "signup") {
    case "connections":
      return submitForm(formData, connectionsSchema, async (settings) => {
        await updateConnectionSettings(db, user, user.orgId, settings);
        return redirect("/org/settings?saved=connections#connections");
      });
    case "founding":
      return submitForm(formData, foundingSchema, async (settings) => {
        await updateGroupFoundingSettings(db, user, user.orgId, settings);
        return redirect("/org/settings?saved=founding#founding");
      });
    case "language":
      return submitForm(formData, languageForm, async (settings) => {
        await updateDefaultLanguage(db, user, user.orgId, settings);
        return redirect("/org/settings?saved=language#language");
      });
    case "formation":
      return submitForm(formData, formationSchema, async (settings) => {
        await updateFormationSettings(db, user, user.orgId, settings);
        return redirect("/org/settings?saved=formation#formation");
      });
    case "data":
      return submitForm(formData, dataSettingsSchema, async (settings) => {
        await updateDataSettings(db, user, user.orgId, settings);
        return redirect("/org/settings?saved=data#data");
      });
    case "signup":
      return submitForm(formData, signupSchema, async (settings) => {
        await updateSignupSettings(db, user, user.orgId, settings);
        return redirect("/org/settings?saved=signup");
      });
    default:
      return invalid(formData, { form: "org:settings.errors.unknownIntent" });
  }
}

export default function OrgSettings() {
  const org = useLoaderData<typeof loader>();
  const { t } = useTranslation("org");
  const errors = useFormErrors();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  // Errors and kept input belong to the form that was posted.
  const postedIntent = errors.values.intent ?? (Object.keys(errors.values).length ? "signup" : undefined);
  const errorFor = (intent: string, field: string) => (postedIntent === intent ? errors.fieldErrors[field] : undefined);
  const keptFor = (intent: string, field: string, fallback: string) => (postedIntent === intent ? (errors.value(field) ?? "") : fallback);
  const checkedFor = (intent: string, field: string, fallback: boolean) => (postedIntent === intent ? errors.values[field] === "on" : fallback);
  const mode = keptFor("signup", "signupMode", org.signupMode);
  const known = ["signup", "language", "connections", "founding", "formation", "data"];
  return (
    <>
      <FormError message={postedIntent && !known.includes(postedIntent) ? errors.formError : undefined} />
      <section aria-labelledby="signup-title">
        <h2 id="signup-title">{t("settings.signup.heading")}</h2>
        {saved === "signup" ? <Notice>{t("settings.saved")}</Notice> : null}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="signup" />
          <FormError message={postedIntent === "signup" ? (errors.formError ?? errors.fieldErrors.signupMode) : undefined} />
          <fieldset className="field">
            <legend>{t("settings.signup.legend")}</legend>
            <label className="checkbox">
              <input type="radio" name="signupMode" value="invite_only" defaultChecked={mode === "invite_only"} /> {t("settings.signup.inviteOnly")}
            </label>
            <label className="checkbox">
              <input type="radio" name="signupMode" value="email_domain" defaultChecked={mode === "email_domain"} /> {t("settings.signup.emailDomain")}
            </label>
          </fieldset>
          <TextField
            label={t("settings.signup.domainLabel")}
            name="allowedEmailDomain"
            hint={t("settings.signup.domainHint")}
            defaultValue={keptFor("signup", "allowedEmailDomain", org.allowedEmailDomain)}
            error={errorFor("signup", "allowedEmailDomain")}
          />
          <div>
            <button type="submit">{t("settings.signup.save")}</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="language-title" id="language">
        <h2 id="language-title">{t("settings.language.heading")}</h2>
        {saved === "language" ? <Notice>{t("settings.saved")}</Notice> : null}
        <p className="muted">{t("settings.language.intro")}</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="language" />
          <FormError message={postedIntent === "language" ? errors.formError : undefined} />
          <SelectField
            label={t("settings.language.label")}
            name="defaultLanguage"
            defaultValue={keptFor("language", "defaultLanguage", org.defaultLanguage)}
            options={LANGUAGES.map((language) => ({ value: language, label: t(`common:language.${language}`) }))}
            error={errorFor("language", "defaultLanguage")}
          />
          <div>
            <button type="submit">{t("settings.language.save")}</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="connections-title" id="connections">
        <h2 id="connections-title">{t("settings.connections.heading")}</h2>
        {saved === "connections" ? <Notice>{t("settings.saved")}</Notice> : null}
        <p className="muted">{t("settings.connections.intro")}</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="connections" />
          <FormError message={postedIntent === "connections" ? (errors.formError ?? errors.fieldErrors.crossOrgConnections) : undefined} />
          <label className="checkbox">
            <input type="checkbox" name="crossOrgConnections" defaultChecked={checkedFor("connections", "crossOrgConnections", org.crossOrgConnections)} />{" "}
            {t("settings.connections.allow")}
          </label>
          <div>
            <button type="submit">{t("settings.connections.save")}</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="founding-title" id="founding">
        <h2 id="founding-title">{t("settings.founding.heading")}</h2>
        {saved === "founding" ? <Notice>{t("settings.saved")}</Notice> : null}
        <p className="muted">{t("settings.founding.intro")}</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="founding" />
          <FormError message={postedIntent === "founding" ? errors.formError : undefined} />
          <TextField
            label={t("settings.founding.peopleLabel")}
            name="groupFoundingMinPeople"
            inputMode="numeric"
            hint={t("settings.founding.peopleHint", { max: MAX_FOUNDING })}
            defaultValue={keptFor("founding", "groupFoundingMinPeople", org.groupFoundingMinPeople)}
            error={errorFor("founding", "groupFoundingMinPeople")}
          />
          <TextField
            label={t("settings.founding.departmentsLabel")}
            name="groupFoundingMinDepartments"
            inputMode="numeric"
            hint={t("settings.founding.departmentsHint")}
            defaultValue={keptFor("founding", "groupFoundingMinDepartments", org.groupFoundingMinDepartments)}
            error={errorFor("founding", "groupFoundingMinDepartments")}
          />
          <label className="checkbox">
            <input type="checkbox" name="groupsNeedApproval" defaultChecked={checkedFor("founding", "groupsNeedApproval", org.groupsNeedApproval)} />{" "}
            {t("settings.founding.approval")}
          </label>
          {errorFor("founding", "groupsNeedApproval") ? <FormError message={errorFor("founding", "groupsNeedApproval")} /> : null}
          <div>
            <button type="submit">{t("settings.founding.save")}</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="formation-title" id="formation">
        <h2 id="formation-title">{t("settings.formation.heading")}</h2>
        {saved === "formation" ? <Notice>{t("settings.saved")}</Notice> : null}
        <p className="muted">{t("settings.formation.intro")}</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="formation" />
          <FormError message={postedIntent === "formation" ? (errors.formError ?? errors.fieldErrors.formationPreferences) : undefined} />
          <label className="checkbox">
            <input type="checkbox" name="formationPreferences" defaultChecked={checkedFor("formation", "formationPreferences", org.formationPreferences)} />{" "}
            {t("settings.formation.allow")}
          </label>
          <div>
            <button type="submit">{t("settings.formation.save")}</button>
          </div>
        </Form>
      </section>

      <DataSettingsSection saved={saved === "data"} settings={org.dataSettings} errors={postedIntent === "data" ? errors : null} />
    </>
  );
}
