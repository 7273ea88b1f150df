// Modules in a real browser against the real server with its demo data, as a
// participant of Harbourline Circle 1: search and filter the catalogue, open a
// module, run it in a meeting page by page, record a take-away and find it on
// the dashboard. The tests run in order and the dashboard test reads the
// take-away the previous test saved.
import type { Page } from "playwright-core";
import { expectVisible, horizontalOverflow, screenshot, signIn, visit, waitForHydration, useBrowser } from "./support/browser";

const e2e = useBrowser();

const PARTICIPANT = "participant@demo.test";
const MODULE = {
  slug: "delegation-without-disappearing",
  title: "Delegation without disappearing",
  mindset: "Collaboration",
  pages: 7,
  // 10 minutes a page and 15 for the take-aways (read-module.server.ts).
  minutes: 7 * 10 + 15,
  author: "Dr. Imke Vos",
};
const NAMES = ["Ann", "Bob", "Cy"];
const TAKEAWAY = `I will hand over the monthly report to Bob, whole problem included (${Date.now().toString(36)}).`;

async function participantPage(options?: { width?: number; height?: number }): Promise<Page> {
  const page = await e2e.newPage(options);
  await signIn(page, PARTICIPANT);
  return page;
}

const cards = (page: Page) => page.locator("ol.module-list > li.module-card");
const resultCount = (page: Page) => page.locator("p.result-count");
const searchButton = (page: Page) => page.getByRole("search").getByRole("button", { name: "Search", exact: true });

function sessionUrl(page: number, names = NAMES) {
  const search = new URLSearchParams({ page: String(page), names: names.join("\n") });
  return `/modules/${MODULE.slug}/session?${search}`;
}

/** Waits until the session shows `Page n of total` read by `reader`. */
async function expectSessionPage(page: Page, n: number, reader: string) {
  await expectVisible(page.locator(".session__progress strong", { hasText: `Page ${n} of ${MODULE.pages}` }));
  expect(new URL(page.url()).searchParams.get("page")).toBe(String(n));
  expect((await page.locator(".session__reader").textContent())?.trim()).toBe(`${reader} reads this page aloud.`);
}

describe("modules in the browser", () => {
  test("searching the catalogue highlights the word, keeps it in the URL, and Back returns to the full catalogue", async () => {
    const page = await participantPage();
    await visit(page, "/modules");
    await expectVisible(page.getByRole("heading", { level: 1, name: "Modules" }));
    const allCount = (await resultCount(page).textContent())?.trim() ?? "";
    expect(allCount).toMatch(/^\d+ modules?/);
    const allCards = await cards(page).count();
    expect(allCards).toBeGreaterThan(1);

    await page.getByRole("searchbox", { name: "Search" }).fill("feedback");
    await Promise.all([page.waitForURL((url) => url.searchParams.get("q") === "feedback"), searchButton(page).click()]);
    await expectVisible(resultCount(page).filter({ hasText: "for “feedback”" }));
    expect(page.url()).toContain("q=feedback");
    const found = await cards(page).count();
    expect(found).toBeGreaterThanOrEqual(1);
    expect(found).toBeLessThan(allCards);
    const marks = (await page.locator("ol.module-list mark").allTextContents()).map((m) => m.toLowerCase());
    expect(marks.some((m) => m.includes("feedback")), `highlights: ${marks.join(", ")}`).toBe(true);
    expect(await page.getByRole("searchbox", { name: "Search" }).inputValue()).toBe("feedback");
    await screenshot(page, "modules-search-feedback");

    // The filters live in the URL, so the browser's Back button undoes the search.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/modules" && !url.searchParams.has("q"));
    await expectVisible(resultCount(page).filter({ hasText: allCount }));
    expect(await cards(page).count()).toBe(allCards);
    expect(await page.locator("ol.module-list mark").count()).toBe(0);
    expect(await page.getByRole("searchbox", { name: "Search" }).inputValue(), "the search box still shows the old search").toBe("");

    // Forward again restores the search, also straight from the URL.
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get("q") === "feedback");
    await expectVisible(resultCount(page).filter({ hasText: "for “feedback”" }));
    expect(await cards(page).count()).toBe(found);
  });

  test("filtering by a mindset shows only that mindset's modules, by chip or by the select", async () => {
    const page = await participantPage();
    await visit(page, "/modules");
    const chip = page.getByRole("navigation", { name: "Mindsets" }).getByRole("link", { name: /^Collaboration\b/ });
    await Promise.all([page.waitForURL((url) => url.searchParams.get("mindset") === "collaboration"), chip.click()]);
    await expectVisible(page.locator('.mindset-chips a[aria-current="true"]', { hasText: "Collaboration" }));
    expect(page.url()).toContain("mindset=collaboration");
    const count = await cards(page).count();
    expect(count).toBeGreaterThanOrEqual(1);
    const tags = await cards(page).locator(".tag--mindset").allTextContents();
    expect(tags.length).toBe(count);
    for (const tag of tags) expect(tag.trim()).toBe(MODULE.mindset);
    await expectVisible(cards(page).getByRole("link", { name: MODULE.title, exact: true }));
    expect(await page.getByLabel("Mindset", { exact: true }).inputValue()).toBe("collaboration");

    // A search typed after choosing the chip keeps the mindset.
    await page.getByRole("searchbox", { name: "Search" }).fill("delegation");
    await Promise.all([page.waitForURL((url) => url.searchParams.get("q") === "delegation"), searchButton(page).click()]);
    expect(new URL(page.url()).searchParams.get("mindset")).toBe("collaboration");
    await expectVisible(cards(page).getByRole("link", { name: MODULE.title, exact: true }));
    for (const tag of await cards(page).locator(".tag--mindset").allTextContents()) expect(tag.trim()).toBe(MODULE.mindset);

    // The select gives the same result.
    await visit(page, "/modules");
    await page.getByLabel("Mindset", { exact: true }).selectOption("collaboration");
    await Promise.all([page.waitForURL((url) => url.searchParams.get("mindset") === "collaboration"), searchButton(page).click()]);
    await expectVisible(page.locator('.mindset-chips a[aria-current="true"]', { hasText: "Collaboration" }));
    expect((await cards(page).locator(".tag--mindset").allTextContents()).map((t) => t.trim())).toEqual(tags.map((t) => t.trim()));

    // The mindset's own page lists the same modules.
    await visit(page, "/mindsets/collaboration");
    await expectVisible(page.getByRole("heading", { level: 1, name: /^Collaboration/ }));
    await expectVisible(page.getByRole("heading", { level: 2, name: `${count} ${count === 1 ? "module" : "modules"}` }));
    for (const tag of await cards(page).locator(".tag--mindset").allTextContents()) expect(tag.trim()).toBe(MODULE.mindset);
    expect(await horizontalOverflow(page), "/mindsets/collaboration scrolls sideways").toBe(0);
    await screenshot(page, "mindset-collaboration");
  });

  test("opening a module shows its author, number of questions and time", async () => {
    const page = await participantPage();
    await visit(page, "/modules?mindset=collaboration");
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/modules/${MODULE.slug}`),
      cards(page).getByRole("link", { name: MODULE.title, exact: true }).click(),
    ]);
    await expectVisible(page.getByRole("heading", { level: 1, name: MODULE.title }));
    const fact = (term: string) => page.locator("dl.facts > div").filter({ has: page.locator("dt", { hasText: term }) }).locator("dd");
    expect((await fact("By").textContent())?.trim()).toContain(MODULE.author);
    expect((await fact("Pages").textContent())?.trim()).toBe(`${MODULE.pages} questions`);
    expect((await fact("Time").textContent())?.trim()).toBe(`about ${MODULE.minutes} minutes`);
    expect(await page.locator("ol.question-list > li").count()).toBe(MODULE.pages);
    await expectVisible(page.locator(".module__mindset .tag--mindset", { hasText: MODULE.mindset }));
    await expectVisible(page.getByRole("link", { name: "Run this module in a meeting" }));
    expect(await horizontalOverflow(page), "the overview scrolls sideways").toBe(0);
    await screenshot(page, "module-overview");

    // Printed, the overview drops the meeting and print buttons and the site chrome stays out of the way.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("link", { name: "Run this module in a meeting" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Print" }).isVisible()).toBe(false);
    await expectVisible(page.getByRole("heading", { level: 1, name: MODULE.title }));
    await screenshot(page, "module-overview-print");
    await page.emulateMedia({ media: "screen" });
  });

  test("a module page loaded directly hydrates what the server sent, without a mismatch, and its links work", async () => {
    const page = await participantPage();
    // React's production build reports a mismatch as error #418–#425 ("Hydration failed…", text content differs).
    const problems: string[] = [];
    page.on("console", (message) => {
      if (/hydrat|did not match|react error #4(1[89]|2[0-5])\b/i.test(message.text())) problems.push(`${message.type()}: ${message.text()}`);
    });
    await visit(page, `/modules/${MODULE.slug}`);
    // The body as the server rendered it is still there after hydration (a mismatch makes React render it again on the client).
    const body = page.locator(".module-body").first();
    await expectVisible(body.locator("section").first());
    expect(await page.locator(".module-body section[data-type=page]").count()).toBe(MODULE.pages);
    expect(problems, "hydration errors in the console").toEqual([]);
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/modules/${MODULE.slug}/session`),
      page.getByRole("link", { name: "Run this module in a meeting" }).click(),
    ]);
    await expectVisible(page.getByRole("heading", { level: 1, name: MODULE.title }));
    expect(problems).toEqual([]);
  });

  test("session mode passes the reading round the room page by page, by link and arrow key, up to the take-aways", async () => {
    const page = await participantPage();
    await visit(page, `/modules/${MODULE.slug}`);
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/modules/${MODULE.slug}/session`),
      page.getByRole("link", { name: "Run this module in a meeting" }).click(),
    ]);
    await expectVisible(page.getByRole("heading", { level: 2, name: "Who is here?" }));
    const names = page.getByLabel("Names, one per line");
    // Filled in from the group; replaced with who came today.
    expect(await names.inputValue()).toContain("Grace Mensah");
    await names.fill(NAMES.join("\n"));
    await page.getByRole("button", { name: "Start with page 1" }).click();
    await expectSessionPage(page, 1, "Ann");
    await waitForHydration(page);

    await page.keyboard.press("ArrowRight");
    await expectSessionPage(page, 2, "Bob");
    await page.getByRole("link", { name: "Next page →" }).click();
    await expectSessionPage(page, 3, "Cy");
    await page.keyboard.press("ArrowRight");
    await expectSessionPage(page, 4, "Ann");
    // ArrowLeft goes back a page and ArrowRight forward again.
    await page.keyboard.press("ArrowLeft");
    await expectSessionPage(page, 3, "Cy");
    await page.keyboard.press("ArrowRight");
    await expectSessionPage(page, 4, "Ann");
    await page.getByRole("link", { name: "Next page →" }).click();
    await expectSessionPage(page, 5, "Bob");
    await page.getByRole("link", { name: "Next page →" }).click();
    await expectSessionPage(page, 6, "Cy");
    await page.keyboard.press("ArrowRight");
    await expectSessionPage(page, 7, "Ann");
    await screenshot(page, "session-page-7");
    expect(await page.getByRole("link", { name: "Next page →" }).count()).toBe(0);

    await page.getByRole("link", { name: "Take-aways →" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Take-aways" }));
    expect(new URL(page.url()).searchParams.get("page")).toBe(String(MODULE.pages + 1));
    await expectVisible(page.getByLabel("My take-away"));

    // The same session on a 375 px phone.
    const phone = await participantPage({ width: 375, height: 812 });
    await visit(phone, sessionUrl(2));
    await expectSessionPage(phone, 2, "Bob");
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `the session page is ${width} px wide on a 375 px screen`).toBeLessThanOrEqual(375);
    expect(await horizontalOverflow(phone), "the session page scrolls sideways on a phone").toBe(0);
    await screenshot(phone, "phone-session-page");
  });

  test("a private take-away is saved and the form is emptied", async () => {
    const page = await participantPage();
    await visit(page, sessionUrl(MODULE.pages + 1));
    await expectVisible(page.getByRole("heading", { level: 1, name: "Take-aways" }));
    await page.getByLabel("My take-away").fill(TAKEAWAY);
    const onlyMe = page.getByRole("radio", { name: "Only me" });
    expect(await onlyMe.isChecked()).toBe(true);
    expect(await page.getByRole("radio", { name: "Share with Harbourline Circle 1" }).isChecked()).toBe(false);
    await page.getByRole("button", { name: "Save take-away" }).click();

    await expectVisible(page.locator(".notice[role=status]", { hasText: "Saved, visible only to you" }));
    expect(new URL(page.url()).searchParams.get("visibility")).toBe("private");
    expect(new URL(page.url()).searchParams.get("saved")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.getByLabel("My take-away").inputValue()).toBe("");
    expect(await page.getByRole("radio", { name: "Only me" }).isChecked()).toBe(true);
    // A private take-away is not listed among the group's shared ones.
    expect(await page.locator(".takeaway-list", { hasText: TAKEAWAY }).count()).toBe(0);
    await screenshot(page, "session-takeaways-saved");
  });

  test("the dashboard lists the saved take-away with its module and as private", async () => {
    const page = await participantPage();
    await visit(page, "/");
    const section = page.getByRole("region", { name: "Your take-aways" });
    await expectVisible(section);
    const item = section.locator(".takeaway-list > li").filter({ hasText: TAKEAWAY });
    await expectVisible(item);
    expect(await item.count()).toBe(1);
    await expectVisible(item.getByRole("link", { name: MODULE.title }));
    expect(await item.getByRole("link", { name: MODULE.title }).getAttribute("href")).toBe(`/modules/${MODULE.slug}`);
    expect(await item.locator("p.muted").textContent()).toContain("· private");
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, "dashboard-takeaway");
  });

  test("an empty or too long take-away is refused next to the field and the text is kept", async () => {
    const page = await participantPage();
    await visit(page, sessionUrl(MODULE.pages + 1));
    const field = page.getByLabel("My take-away");
    const save = page.getByRole("button", { name: "Save take-away" });
    const fieldError = page.locator(".field--invalid .field__error[role=alert]");

    await save.click();
    await expectVisible(fieldError.filter({ hasText: "Write your take-away first." }));
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await field.getAttribute("aria-describedby")).toBe(await fieldError.getAttribute("id"));
    expect(new URL(page.url()).searchParams.has("saved")).toBe(false);

    // The textarea stops typing at 2,000 characters; a pasted or scripted longer text still reaches the server.
    expect(await field.getAttribute("maxlength")).toBe("2000");
    const long = `${"Delegate the whole problem. ".repeat(80)}`.slice(0, 2_100);
    expect(long.length).toBe(2_100);
    await field.evaluate((el) => el.removeAttribute("maxlength"));
    await field.fill(long);
    await save.click();
    await expectVisible(fieldError.filter({ hasText: "Keep a take-away under 2000 characters" }));
    expect(await page.locator(".field__error", { hasText: "Write your take-away first." }).count()).toBe(0);
    expect(await field.inputValue()).toBe(long);
    expect(new URL(page.url()).searchParams.has("saved")).toBe(false);
    await screenshot(page, "session-takeaway-too-long");

    // Neither reached the dashboard.
    await visit(page, "/");
    const listed = await page.getByRole("region", { name: "Your take-aways" }).locator(".takeaway-list > li").allTextContents();
    expect(listed.some((t) => t.includes("Delegate the whole problem."))).toBe(false);
  });
});
