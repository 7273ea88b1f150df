// A time-zone picker. The list comes from the server's loader so the page
// hydrates without mismatch; the browser's own zone is preselected once JS runs.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "./form-fields";

export function TimeZoneField({ zones, defaultValue, error }: { zones: string[]; defaultValue?: string; error?: string }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(defaultValue ?? "UTC");
  useEffect(() => {
    if (defaultValue) return;
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browserZone && zones.includes(browserZone)) setValue(browserZone);
  }, [defaultValue, zones]);
  return (
    <SelectField
      label={t("timeZone.label")}
      name="timeZone"
      hint={t("timeZone.hint")}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      options={zones.map((z) => ({ value: z, label: z.replace(/_/g, " ") }))}
      error={error}
    />
  );
}
