// The fields a founder fills in and conveners change later: the same form
// on /groups/new and /groups/:id/settings.
import { useTranslation } from "react-i18next";
import { RadioGroup, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { JOIN_DECISIONS, JOIN_POLICIES, MAX_CHARTER_LENGTH, MAX_GROUP_FIELD_LENGTH, MAX_GROUP_NAME_LENGTH, MAX_SIZE_CAP, MIN_SIZE_CAP, WINDOW_UNITS } from "~/domain/groups/group-fields";

type Props = {
  /** The value to show: what was typed before a failed submission, else the default. */
  value: (name: string, fallback: string) => string;
  errors: Record<string, string>;
  defaults: Record<string, string>;
  /** Whether the organisations concerned allow connections across organisations. */
  crossOrgAllowed: boolean;
  orgName: string;
  /** A form that comes back with errors keeps a ticked box ticked; a fresh one starts from the default. */
  submitted: boolean;
};

export function GroupSettingsFields({ value, errors, defaults, crossOrgAllowed, orgName, submitted }: Props) {
  const v = (name: string) => value(name, defaults[name] ?? "");
  const crossOrgChecked = submitted ? v("crossOrg") === "on" : defaults.crossOrg === "on";
  const { t } = useTranslation("groups");
  return (
    <>
      <TextField label={t("settings.fields.name")} name="name" required maxLength={MAX_GROUP_NAME_LENGTH} defaultValue={v("name")} error={errors.name} />
      <TextField
        label={t("settings.fields.field")}
        name="field"
        required
        maxLength={MAX_GROUP_FIELD_LENGTH}
        hint={t("settings.fields.fieldHint")}
        defaultValue={v("field")}
        error={errors.field}
      />
      <TextAreaField
        label={t("settings.fields.charter")}
        name="charter"
        required
        rows={5}
        maxLength={MAX_CHARTER_LENGTH}
        hint={t("settings.fields.charterHint")}
        defaultValue={v("charter")}
        error={errors.charter}
      />
      <RadioGroup legend={t("list.policy")} name="joinPolicy" selected={v("joinPolicy")} options={JOIN_POLICIES.map((p) => ({ value: p, label: t(`policies.${p}`) }))} error={errors.joinPolicy} />
      <fieldset className="stack">
        <legend>{t("settings.fields.requests")}</legend>
        <RadioGroup
          legend={t("settings.fields.whoDecides")}
          name="joinDecision"
          selected={v("joinDecision")}
          options={JOIN_DECISIONS.map((d) => ({ value: d, label: t(`settings.decisions.${d}`) }))}
          error={errors.joinDecision}
        />
        <TextField label={t("settings.fields.quorum")} name="voteQuorum" inputMode="numeric" hint={t("settings.fields.quorumHint")} defaultValue={v("voteQuorum")} error={errors.voteQuorum} />
        <TextField label={t("settings.fields.window")} name="voteWindow" inputMode="numeric" hint={t("settings.fields.windowHint")} defaultValue={v("voteWindow")} error={errors.voteWindow} />
        <SelectField
          label={t("settings.fields.windowUnit")}
          name="voteWindowUnit"
          defaultValue={v("voteWindowUnit")}
          options={WINDOW_UNITS.map((u) => ({ value: u, label: t(`settings.units.${u}`) }))}
          error={errors.voteWindowUnit}
        />
      </fieldset>
      <div className={errors.crossOrg ? "field field--invalid" : "field"}>
        <label className="checkbox">
          <input type="checkbox" name="crossOrg" defaultChecked={crossOrgChecked} aria-invalid={errors.crossOrg ? true : undefined} /> {t("settings.fields.crossOrg")}
        </label>
        <p className="field__hint">
          {crossOrgAllowed ? t("settings.fields.crossOrgAllowed") : t("settings.fields.crossOrgClosed", { organisation: orgName })}
        </p>
        {errors.crossOrg ? (
          <p className="field__error" role="alert">
            {errors.crossOrg}
          </p>
        ) : null}
      </div>
      <TextField
        label={t("settings.fields.sizeCap")}
        name="sizeCap"
        required
        inputMode="numeric"
        hint={t("settings.fields.sizeCapHint", { min: MIN_SIZE_CAP, max: MAX_SIZE_CAP })}
        defaultValue={v("sizeCap")}
        error={errors.sizeCap}
      />
    </>
  );
}
