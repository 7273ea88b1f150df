// The language of what the command-line tools print to an operator: the
// locale the shell asks for (LC_ALL, then LC_MESSAGES, then LANG, as other
// Unix tools read it), Japanese for ja_JP.UTF-8 and the like, else English.
import type { Language } from "../app/domain/i18n/languages";

export function operatorLanguage(env: Record<string, string | undefined>): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return locale.toLowerCase().startsWith("ja") ? "ja" : "en";
}
