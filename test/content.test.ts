// The module catalogue in content/: every file is valid, the mindsets are
// covered, and broken files are refused with a message naming them.
import fs from "node:fs";
import path from "node:path";
import { loadAllContent } from "../app/domain/content/import-content-modules.server";
import { loadContentModules } from "../app/domain/content/load-content-modules.server";
import { hasJapanese } from "../app/domain/i18n/japanese-words";
import { MINDSETS } from "../app/domain/content/mindsets";
import { ModuleFormatError, parseModuleMarkdown } from "../app/domain/content/parse-module-markdown";
import { ROOT_DIR } from "../server/http-app";

const CONTENT_DIR = path.join(ROOT_DIR, "content");
const SAMPLE_FILE = "running-on-empty.md";
const sample = fs.readFileSync(path.join(CONTENT_DIR, SAMPLE_FILE), "utf8");

function refusal(fileName: string, source: string): string {
  try {
    parseModuleMarkdown(fileName, source);
  } catch (error) {
    expect(error).toBeInstanceOf(ModuleFormatError);
    return (error as Error).message;
  }
  throw new Error(`${fileName} was accepted`);
}

test("every module in content/ is valid", async () => {
  const files = fs.readdirSync(CONTENT_DIR).filter((f) => f.endsWith(".md"));
  const modules = await loadContentModules(CONTENT_DIR);
  expect(modules).toHaveLength(files.length);
  for (const m of modules) {
    expect(files).toContain(`${m.slug}.md`);
    expect(m.pages.length).toBeGreaterThanOrEqual(6);
    expect(m.pages.length).toBeLessThanOrEqual(10);
    expect(m.introduction.length).toBeGreaterThan(0);
    expect(m.takeaways.length).toBeGreaterThan(0);
    for (const page of m.pages) expect(page.question).toMatch(/[?？]$/);
  }
});

test("the catalogue has at least 15 modules, at least three for each mindset", async () => {
  const modules = await loadContentModules(CONTENT_DIR);
  expect(modules.length).toBeGreaterThanOrEqual(15);
  for (const mindset of MINDSETS) {
    expect(modules.filter((m) => m.mindset === mindset).length, mindset).toBeGreaterThanOrEqual(3);
  }
});

test("content/ja has at least five modules in Japanese, two or more translating English ones", async () => {
  const all = await loadAllContent(CONTENT_DIR);
  const japanese = all.filter((m) => m.language === "ja");
  expect(japanese.length).toBeGreaterThanOrEqual(5);
  const english = new Map(all.filter((m) => m.language === "en").map((m) => [m.slug, m]));
  const translations = japanese.filter((m) => m.translationOf);
  expect(translations.length).toBeGreaterThanOrEqual(2);
  for (const m of japanese) {
    expect(hasJapanese(m.title), m.slug).toBe(true);
    for (const page of m.pages) expect(hasJapanese(page.question), `${m.slug}: ${page.heading}`).toBe(true);
    if (!m.translationOf) continue;
    // A translation follows its original: the same mindset and as many pages.
    const original = english.get(m.translationOf);
    expect(original, m.slug).toBeDefined();
    expect({ mindset: m.mindset, pages: m.pages.length }).toEqual({ mindset: original!.mindset, pages: original!.pages.length });
  }
});

test("a module's language must be one Roundtable speaks", async () => {
  const source = fs.readFileSync(path.join(CONTENT_DIR, "ja", "the-first-ninety-days.md"), "utf8");
  expect(parseModuleMarkdown("the-first-ninety-days.md", source).language).toBe("ja");
  expect(refusal("the-first-ninety-days.md", source.replace("language: ja\n", "language: fr\n"))).toBe('the-first-ninety-days.md: frontmatter "language" must be one of en, ja');
});

test("the sample module reads as expected", () => {
  const parsed = parseModuleMarkdown(SAMPLE_FILE, sample);
  expect(parsed).toMatchObject({ slug: "running-on-empty", title: "Running on empty", mindset: "reflection" });
  expect(parsed.pages[0]).toEqual({
    heading: "Checking the tank",
    context: [expect.stringMatching(/^Few of us stop/), expect.stringMatching(/^Energy is not only physical/)],
    question: "On a scale from empty to full, where is your energy today, and which kind of energy is lowest?",
  });
  // Windows line endings read the same.
  expect(parseModuleMarkdown(SAMPLE_FILE, sample.replace(/\n/g, "\r\n"))).toEqual(parsed);
});

describe("a broken module is refused with a message naming the file", () => {
  test("a page with two questions", () => {
    const broken = sample.replace(
      "**Question:** On a scale from empty to full",
      "**Question:** Which energy do you notice first?\n\n**Question:** On a scale from empty to full",
    );
    expect(broken).not.toBe(sample);
    expect(refusal(SAMPLE_FILE, broken)).toBe(`${SAMPLE_FILE}: page "Checking the tank" must have exactly one **Question:** line, found 2`);
  });

  test("a page with no question", () => {
    const broken = sample.replace(/\*\*Question:\*\* On a scale from empty to full[^\n]*\n/, "");
    expect(refusal(SAMPLE_FILE, broken)).toBe(`${SAMPLE_FILE}: page "Checking the tank" must have exactly one **Question:** line, found 0`);
  });

  test("a missing Take-aways section", () => {
    const broken = sample.slice(0, sample.indexOf("## Take-aways"));
    expect(broken.length).toBeLessThan(sample.length);
    const message = refusal(SAMPLE_FILE, broken);
    expect(message.startsWith(`${SAMPLE_FILE}: `)).toBe(true);
    expect(message).toContain('must end with a "## Take-aways" list of prompts');
  });

  test("an unknown mindset", () => {
    const broken = sample.replace("mindset: reflection", "mindset: bravery");
    expect(refusal(SAMPLE_FILE, broken)).toBe(`${SAMPLE_FILE}: frontmatter "mindset" must be one of ${MINDSETS.join(", ")}`);
  });

  test("a slug that does not match the file name", () => {
    expect(refusal("running-on-fumes.md", sample)).toBe("running-on-fumes.md: the file name must be running-on-empty.md, after the slug");
  });

  test("no frontmatter", () => {
    const broken = sample.replace(/^---\n[\s\S]*?\n---\n/, "");
    expect(refusal(SAMPLE_FILE, broken)).toBe(`${SAMPLE_FILE}: must start with frontmatter between two --- lines`);
  });

  test("a file name that only ends with the slug's file name", () => {
    expect(refusal(`copy-of-${SAMPLE_FILE}`, sample)).toBe(`copy-of-${SAMPLE_FILE}: the file name must be running-on-empty.md, after the slug`);
    // A path to the right file name is fine.
    expect(parseModuleMarkdown(`content/${SAMPLE_FILE}`, sample).slug).toBe("running-on-empty");
  });
});
