// The organisation's settings for people's data (docs/privacy.md): the
// cooling-off before a deleted account is erased, and how long private
// notes, evaluation comments and survey rows are kept. One form of
// /org/settings, kept apart so the page stays a list of sections.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, TextField } from "~/components/form-fields";
import type { FormErrors } from "~/forms/submit-form.server";

export type DataSettingsValues = {
  deletionCoolingOffDays: string;
  privateNotesRetentionDays: string;
  evaluationCommentsRetentionDays: string;
  surveyRetentionDays: string;
};

export function DataSettingsSection({ saved, settings, errors }: { saved: boolean; settings: DataSettingsValues; errors: FormErrors | null }) {
  // Errors and kept input only when this form was the one posted.
  const value = (field: keyof DataSettingsValues) => (errors ? (errors.values[field] ?? "") : settings[field]);
  const error = (field: keyof DataSettingsValues) => errors?.fieldErrors[field];
  const { t } = useTranslation("privacy");
  return (
    <section aria-labelledby="data-title" id="data">
      <h2 id="data-title">{t("settings.heading")}</h2>
      {saved ? <Notice>{t("settings.saved")}</Notice> : null}
      <p className="muted">{t("settings.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="data" />
        <FormError message={errors?.formError} />
        <TextField
          label={t("settings.coolingOff.label")}
          name="deletionCoolingOffDays"
          inputMode="numeric"
          hint={t("settings.coolingOff.hint")}
          defaultValue={value("deletionCoolingOffDays")}
          error={error("deletionCoolingOffDays")}
        />
        <TextField
          label={t("settings.privateNotes.label")}
          name="privateNotesRetentionDays"
          inputMode="numeric"
          hint={t("settings.privateNotes.hint")}
          defaultValue={value("privateNotesRetentionDays")}
          error={error("privateNotesRetentionDays")}
        />
        <TextField
          label={t("settings.evaluationComments.label")}
          name="evaluationCommentsRetentionDays"
          inputMode="numeric"
          hint={t("settings.evaluationComments.hint")}
          defaultValue={value("evaluationCommentsRetentionDays")}
          error={error("evaluationCommentsRetentionDays")}
        />
        <TextField
          label={t("settings.surveys.label")}
          name="surveyRetentionDays"
          inputMode="numeric"
          hint={t("settings.surveys.hint")}
          defaultValue={value("surveyRetentionDays")}
          error={error("surveyRetentionDays")}
        />
        <div>
          <button type="submit">{t("settings.save")}</button>
        </div>
      </Form>
    </section>
  );
}
