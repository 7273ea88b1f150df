// A file's size in the words of a download link: "840 KB", "2.4 MB"; the
// units are written the same in Japanese, bytes as バイト.
import type { Language } from "../domain/i18n/languages";

export function formatBytes(bytes: number, language: Language = "en") {
  if (bytes < 1024) return language === "ja" ? `${bytes} バイト` : `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
