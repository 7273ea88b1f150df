// The fields a founder fills in and conveners change later: the same form
// on /groups/new and /groups/:id/settings.
import { RadioGroup, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import {
  JOIN_DECISION_LABELS,
  JOIN_DECISIONS,
  JOIN_POLICIES,
  JOIN_POLICY_LABELS,
  MAX_CHARTER_LENGTH,
  MAX_GROUP_FIELD_LENGTH,
  MAX_GROUP_NAME_LENGTH,
  MAX_SIZE_CAP,
  MIN_SIZE_CAP,
  WINDOW_UNIT_LABELS,
  WINDOW_UNITS,
} from "~/domain/groups/group-fields";

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
  return (
    <>
      <TextField label="Name" name="name" required maxLength={MAX_GROUP_NAME_LENGTH} defaultValue={v("name")} error={errors.name} />
      <TextField
        label="Field or speciality"
        name="field"
        required
        maxLength={MAX_GROUP_FIELD_LENGTH}
        hint="For example: rotating equipment maintenance. People search the directory by field."
        defaultValue={v("field")}
        error={errors.field}
      />
      <TextAreaField
        label="Charter"
        name="charter"
        required
        rows={5}
        maxLength={MAX_CHARTER_LENGTH}
        hint="What the group is for, and how often it meets."
        defaultValue={v("charter")}
        error={errors.charter}
      />
      <RadioGroup legend="How people join" name="joinPolicy" selected={v("joinPolicy")} options={JOIN_POLICIES.map((p) => ({ value: p, label: JOIN_POLICY_LABELS[p] }))} error={errors.joinPolicy} />
      <fieldset className="stack">
        <legend>Requests to join</legend>
        <RadioGroup
          legend="Who decides on requests"
          name="joinDecision"
          selected={v("joinDecision")}
          options={JOIN_DECISIONS.map((d) => ({ value: d, label: JOIN_DECISION_LABELS[d] }))}
          error={errors.joinDecision}
        />
        <TextField
          label="Votes needed (quorum)"
          name="voteQuorum"
          inputMode="numeric"
          hint="When the members vote: how many of them must vote for a decision."
          defaultValue={v("voteQuorum")}
          error={errors.voteQuorum}
        />
        <TextField label="Decision window" name="voteWindow" inputMode="numeric" hint="When the members vote: how long a vote stays open." defaultValue={v("voteWindow")} error={errors.voteWindow} />
        <SelectField label="Decision window in" name="voteWindowUnit" defaultValue={v("voteWindowUnit")} options={WINDOW_UNITS.map((u) => ({ value: u, label: WINDOW_UNIT_LABELS[u] }))} error={errors.voteWindowUnit} />
      </fieldset>
      <div className={errors.crossOrg ? "field field--invalid" : "field"}>
        <label className="checkbox">
          <input type="checkbox" name="crossOrg" defaultChecked={crossOrgChecked} aria-invalid={errors.crossOrg ? true : undefined} /> People from other organisations may join
        </label>
        <p className="field__hint">
          {crossOrgAllowed
            ? "Only alumni of organisations that allow connections across organisations can see and join it."
            : `${orgName} does not allow connections with other organisations, so the group is for its own people.`}
        </p>
        {errors.crossOrg ? (
          <p className="field__error" role="alert">
            {errors.crossOrg}
          </p>
        ) : null}
      </div>
      <TextField
        label="Size cap"
        name="sizeCap"
        required
        inputMode="numeric"
        hint={`The most members the group may have, from ${MIN_SIZE_CAP} to ${MAX_SIZE_CAP}.`}
        defaultValue={v("sizeCap")}
        error={errors.sizeCap}
      />
    </>
  );
}
