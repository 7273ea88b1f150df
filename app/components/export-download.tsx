// How a data export (docs/privacy.md) is shown in a list: its state in words,
// and the download link while it is ready. Shared by /profile/data and /admin/exports.
import { useTranslation } from "react-i18next";
import { formatBytes } from "./format-bytes";
import { useFormat } from "./use-format";

export type ExportStatus = "pending" | "ready" | "failed" | "expired";

/** The export's state in the page's language. */
export function ExportStatusWords({ status }: { status: ExportStatus }) {
  const { t } = useTranslation("privacy");
  return <>{t(`exports.status.${status}`)}</>;
}

export function ExportDownload({ id, status, size, expires, timeZone }: { id: string; status: ExportStatus; size: number | null; expires: string | null; timeZone: string }) {
  const { t } = useTranslation("privacy");
  const format = useFormat();
  if (status !== "ready") return <>—</>;
  return (
    <>
      <a href={`/profile/data/exports/${id}`} download>
        {size ? t("exports.downloadWithSize", { size: formatBytes(size, format.language) }) : t("exports.download")}
      </a>{" "}
      {expires ? <span className="muted">{t("exports.until", { date: format.date(expires, timeZone) })}</span> : null}
    </>
  );
}
