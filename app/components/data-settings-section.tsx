// The organisation's settings for people's data (docs/privacy.md): the
// cooling-off before a deleted account is erased, and how long private
// notes, evaluation comments and survey rows are kept. One form of
// /org/settings, kept apart so the page stays a list of sections.
import { Form } from "@remix-run/react";
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
  return (
    <section aria-labelledby="data-title" id="data">
      <h2 id="data-title">People&apos;s data</h2>
      {saved ? <Notice>Saved.</Notice> : null}
      <p className="muted">
        When someone asks for their account to be deleted, or you delete the account of someone who left, their personal data is erased after a
        cooling-off period, so a change of mind is still possible. Some personal data can also be removed once it is old: leave a period empty to keep
        those rows until the person&apos;s account is deleted.
      </p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="data" />
        <FormError message={errors?.formError} />
        <TextField
          label="Cooling-off before an account is deleted (days)"
          name="deletionCoolingOffDays"
          inputMode="numeric"
          hint="Whole days, at least 1."
          defaultValue={value("deletionCoolingOffDays")}
          error={error("deletionCoolingOffDays")}
        />
        <TextField
          label="Keep private mentoring notes for (days)"
          name="privateNotesRetentionDays"
          inputMode="numeric"
          hint="Each person's own notes on their mentoring pairs. Empty: kept."
          defaultValue={value("privateNotesRetentionDays")}
          error={error("privateNotesRetentionDays")}
        />
        <TextField
          label="Keep the comments of meeting evaluations for (days)"
          name="evaluationCommentsRetentionDays"
          inputMode="numeric"
          hint="Counted from the meeting. The scores stay; they name no one. Empty: kept."
          defaultValue={value("evaluationCommentsRetentionDays")}
          error={error("evaluationCommentsRetentionDays")}
        />
        <TextField
          label="Keep imported survey rows for (days)"
          name="surveyRetentionDays"
          inputMode="numeric"
          hint="Counted from the survey's month. Empty: kept."
          defaultValue={value("surveyRetentionDays")}
          error={error("surveyRetentionDays")}
        />
        <div>
          <button type="submit">Save data settings</button>
        </div>
      </Form>
    </section>
  );
}
