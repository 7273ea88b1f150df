// A date with a start and an end time on it, as the reunion forms ask for
// them; the fields are named date, startTime and endTime.
import { TextField } from "./form-fields";

export function DayAndTimesFields({ value, errors }: { value: (name: "date" | "startTime" | "endTime") => string | undefined; errors: Record<string, string> }) {
  return (
    <>
      <TextField label="Date" name="date" type="date" defaultValue={value("date")} error={errors.date} />
      <TextField label="Starts" name="startTime" type="time" defaultValue={value("startTime")} error={errors.startTime} />
      <TextField label="Ends" name="endTime" type="time" defaultValue={value("endTime")} error={errors.endTime} />
    </>
  );
}
