// A date with a start and an end time on it, as the reunion forms ask for
// them; the fields are named date, startTime and endTime.
import { useTranslation } from "react-i18next";
import { TextField } from "./form-fields";

export function DayAndTimesFields({ value, errors }: { value: (name: "date" | "startTime" | "endTime") => string | undefined; errors: Record<string, string> }) {
  const { t } = useTranslation("groups");
  return (
    <>
      <TextField label={t("meetings.fields.date")} name="date" type="date" defaultValue={value("date")} error={errors.date} />
      <TextField label={t("meetings.fields.starts")} name="startTime" type="time" defaultValue={value("startTime")} error={errors.startTime} />
      <TextField label={t("meetings.fields.ends")} name="endTime" type="time" defaultValue={value("endTime")} error={errors.endTime} />
    </>
  );
}
