// Loads and validates every module in content/. Until the module model
// exists this is a check; later the demo seed imports what it returns.
import fs from "node:fs/promises";
import path from "node:path";
import { ModuleFormatError, parseModuleMarkdown, type ParsedModule } from "./parse-module-markdown";

export async function loadContentModules(dir: string): Promise<ParsedModule[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith(".md")).sort();
  const modules: ParsedModule[] = [];
  const slugs = new Set<string>();
  for (const file of files) {
    const parsed = parseModuleMarkdown(file, await fs.readFile(path.join(dir, file), "utf8"));
    if (slugs.has(parsed.slug)) throw new ModuleFormatError(`${file}: the slug "${parsed.slug}" is used twice`);
    slugs.add(parsed.slug);
    modules.push(parsed);
  }
  return modules;
}
