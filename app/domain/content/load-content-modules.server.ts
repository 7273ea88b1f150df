// Loads and validates every module in one folder of content/: the English
// modules in content/, each other language's in its own folder (content/ja/).
// The demo seed imports what it returns.
import fs from "node:fs/promises";
import path from "node:path";
import type { Language } from "../i18n/languages";
import { ModuleFormatError, parseModuleMarkdown, type ParsedModule } from "./parse-module-markdown";

/** The folders of content/ with modules in another language than English, by language. */
export const CONTENT_LANGUAGE_FOLDERS: Partial<Record<Language, string>> = { ja: "ja" };

export async function loadContentModules(dir: string, language: Language = "en"): Promise<ParsedModule[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith(".md")).sort();
  const modules: ParsedModule[] = [];
  const slugs = new Set<string>();
  for (const file of files) {
    const parsed = parseModuleMarkdown(file, await fs.readFile(path.join(dir, file), "utf8"));
    if (parsed.language !== language) throw new ModuleFormatError(`${file}: modules in this folder are written in "${language}", so its frontmatter must say language: ${language}`);
    if (slugs.has(parsed.slug)) throw new ModuleFormatError(`${file}: the slug "${parsed.slug}" is used twice`);
    slugs.add(parsed.slug);
    modules.push(parsed);
  }
  return modules;
}
