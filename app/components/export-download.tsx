// How a data export (docs/privacy.md) is shown in a list: its state in words,
// and the download link while it is ready. Shared by /profile/data and /admin/exports.
import { formatBytes } from "./format-bytes";

type ExportStatus = "pending" | "ready" | "failed" | "expired";

export const EXPORT_STATUS_WORDS: Record<ExportStatus, string> = { pending: "Being prepared", ready: "Ready", failed: "Could not be prepared", expired: "Expired" };

export function ExportDownload({ id, status, size, expires }: { id: string; status: ExportStatus; size: number | null; expires: string | null }) {
  if (status !== "ready") return <>—</>;
  return (
    <>
      <a href={`/profile/data/exports/${id}`} download>
        Download{size ? ` (${formatBytes(size)})` : ""}
      </a>{" "}
      <span className="muted">until {expires}</span>
    </>
  );
}
