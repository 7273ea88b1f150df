// Accessibility checks for the e2e tests: axe-core's WCAG 2.1 A/AA and
// best-practice rules run inside the page, the elements that push a page
// wider than the screen, and moving the focus with the keyboard only.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Locator, Page } from "playwright-core";

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The rule sets of docs/accessibility.md. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/**
 * The serious and critical axe violations on the page as it is now, one line
 * each: rule, impact, what it asks and where ("rule (serious): help — target, target").
 * axe is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    type AxeResult = { violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => {
        const targets = v.nodes.map((n) => n.target.map(String).join(" ")).slice(0, 5);
        const more = v.nodes.length > 5 ? ` and ${v.nodes.length - 5} more` : "";
        return `${v.id} (${v.impact}): ${v.help} — ${targets.join(", ")}${more}`;
      });
  }, AXE_TAGS);
}

/**
 * The elements that reach past the right edge of the window while their
 * parent does not: where a page's sideways scroll starts. Each as
 * "tag.class (right edge px): text".
 */
export async function overflowingElements(page: Page, limit = 5): Promise<string[]> {
  return page.evaluate((max) => {
    const edge = document.documentElement.clientWidth + 0.5;
    const describe = (el: Element) => {
      const classes = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${classes} (right edge ${Math.round(el.getBoundingClientRect().right)} px): ${text}`;
    };
    const found: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (el.getBoundingClientRect().right <= edge) continue;
      const parent = el.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > edge) continue;
      found.push(describe(el));
      if (found.length >= max) break;
    }
    return found;
  }, limit);
}

/** Presses Tab until `target` has the focus; fails after `maxPresses`, naming where the focus went. */
export async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  const visited: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
    visited.push(await page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"` : "nothing";
    }));
  }
  throw new Error(`Tab did not reach the element in ${maxPresses} presses; the focus went to: ${visited.join(", ")}`);
}

/** The focused element's outline as the browser draws it: style, width and colour. */
export async function focusOutline(page: Page): Promise<{ style: string; width: string; color: string }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return { style: "none", width: "0px", color: "" };
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor };
  });
}
