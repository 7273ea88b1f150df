// Reads one content/*.md module: YAML frontmatter, an introduction, 6–10
// pages each with context and exactly one question, then take-away prompts.
// Errors name the file and say what to fix.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { LANGUAGES } from "../i18n/languages";
import { MINDSETS } from "./mindsets";

const mindset = z.enum(MINDSETS, { errorMap: () => ({ message: `must be one of ${MINDSETS.join(", ")}` }) });

export const moduleFrontmatterSchema = z
  .object({
    title: z.string().trim().min(3).max(120),
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and hyphens"),
    summary: z.string().trim().min(10).max(280),
    mindset,
    secondaryMindsets: z.array(mindset).default([]),
    topics: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens")).min(1).max(6),
    author: z.string().email("must be the email of the lead author's account"),
    // The language the module is written in; a translation names the slug of the module it translates.
    language: z.enum(LANGUAGES, { errorMap: () => ({ message: `must be one of ${LANGUAGES.join(", ")}` }) }).default("en"),
    translationOf: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be the slug of the module it translates").optional(),
  })
  .strict()
  .refine((f) => !f.secondaryMindsets.includes(f.mindset), {
    message: "must not repeat the primary mindset",
    path: ["secondaryMindsets"],
  });

export type ModuleFrontmatter = z.infer<typeof moduleFrontmatterSchema>;

export type ModulePage = { heading: string; context: string[]; question: string };

export type ParsedModule = ModuleFrontmatter & {
  introduction: string[];
  pages: ModulePage[];
  takeaways: string[];
};

export class ModuleFormatError extends Error {}

const QUESTION_PREFIX = "**Question:**";
const TAKEAWAYS_HEADING = "Take-aways";

function paragraphs(block: string): string[] {
  return block
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
}

export function parseModuleMarkdown(fileName: string, source: string): ParsedModule {
  const fail = (message: string): never => {
    throw new ModuleFormatError(`${fileName}: ${message}`);
  };
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!match) fail("must start with frontmatter between two --- lines");
  let raw: unknown;
  try {
    raw = parseYaml(match![1]!);
  } catch (error) {
    fail(`the frontmatter is not valid YAML (${(error as Error).message})`);
  }
  const front = moduleFrontmatterSchema.safeParse(raw);
  if (!front.success) {
    const issue = front.error.issues[0]!;
    fail(`frontmatter "${issue.path.join(".") || "(root)"}" ${issue.message}`);
  }
  const expectedName = `${front.data!.slug}.md`;
  // Compare the whole file name (a path may lead to it): "copy-of-x.md" does not match the slug "x".
  if (fileName.split(/[\\/]/).pop() !== expectedName) fail(`the file name must be ${expectedName}, after the slug`);

  const sections = match![2]!.replace(/\r\n/g, "\n").split(/^## +/m);
  const introduction = paragraphs(sections.shift() ?? "");
  if (introduction.length === 0) fail("needs an introduction before the first page");

  const pages: ModulePage[] = [];
  let takeaways: string[] | null = null;
  for (const section of sections) {
    const newline = section.indexOf("\n");
    const heading = (newline === -1 ? section : section.slice(0, newline)).trim();
    const body = newline === -1 ? "" : section.slice(newline + 1);
    if (/^#/m.test(body)) fail(`"${heading}" contains a heading level that modules do not use`);
    if (takeaways) fail(`"${TAKEAWAYS_HEADING}" must be the last section`);
    if (heading === TAKEAWAYS_HEADING) {
      takeaways = body
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => (l.startsWith("- ") ? l.slice(2).trim() : fail(`take-aways must be a "- " list, found "${l.slice(0, 40)}"`)));
      continue;
    }
    const parts = paragraphs(body);
    const questions = parts.filter((p) => p.startsWith(QUESTION_PREFIX));
    if (questions.length !== 1) fail(`page "${heading}" must have exactly one ${QUESTION_PREFIX} line, found ${questions.length}`);
    const question = questions[0]!.slice(QUESTION_PREFIX.length).trim();
    // Japanese writes the full-width question mark.
    if (!/[?？]$/.test(question)) fail(`the question of page "${heading}" must end with a question mark`);
    const context = parts.filter((p) => !p.startsWith(QUESTION_PREFIX));
    if (context.length === 0) fail(`page "${heading}" needs some context before its question`);
    pages.push({ heading, context, question });
  }
  if (pages.length < 6 || pages.length > 10) fail(`must have 6 to 10 pages, found ${pages.length}`);
  if (!takeaways || takeaways.length === 0) fail(`must end with a "## ${TAKEAWAYS_HEADING}" list of prompts`);
  return { ...front.data!, introduction, pages, takeaways: takeaways! };
}
