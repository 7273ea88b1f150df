// Playwright helpers for the e2e tests: one Chromium per test file, a fresh
// context (cookies) per page, sign-in through the real form, screenshots,
// and reading emails from the platform admin's outbox page.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { inject } from "vitest";

export const DEMO_PASSWORD = "roundtable-demo";
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../screenshots");

const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-quic",
  "--no-first-run",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}. Install Debian's package: apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
}

/** A page in a fresh context carrying this session cookie ("name=value"); contexts are collected for closing, browser errors for the test to check. */
export async function pageWithSession(browser: Browser, origin: string, cookie: string, into: { contexts: BrowserContext[]; pageErrors: string[] }): Promise<Page> {
  const [name, value] = cookie.split("=") as [string, string];
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name, value, url: origin }]);
  into.contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => into.pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

export type PageOptions = {
  width?: number;
  height?: number;
  /** The browser's language; Chromium sends it as Accept-Language. */
  locale?: string;
  /** Cookies to start with, such as another context's signed-in session (`context.storageState()`). */
  storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>;
};

export type E2E = {
  baseUrl: string;
  /** The browser of this test file (launched in beforeAll). */
  readonly browser: Browser;
  /** A page in a fresh context: no cookies, so nobody is signed in. */
  newPage: (options?: PageOptions) => Promise<Page>;
};

/**
 * Call once at the top of a test file. Launches Chromium before the file's
 * tests and closes it after; closes each test's contexts after the test, and
 * fails the test if a page threw an uncaught error in the browser.
 */
export function useBrowser(): E2E {
  const baseUrl = inject("baseUrl");
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const open = contexts;
    contexts = [];
    await Promise.all(open.map((c) => c.close()));
    const errors = pageErrors;
    pageErrors = [];
    expect(errors, "uncaught errors in the browser").toEqual([]);
  });

  return {
    baseUrl,
    get browser() {
      if (!browser) throw new Error("The browser is only available inside tests (after beforeAll).");
      return browser;
    },
    async newPage({ width = 1280, height = 800, locale, storageState }: PageOptions = {}) {
      if (!browser) throw new Error("The browser is only available inside tests (after beforeAll).");
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height }, locale, storageState });
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      return page;
    },
  };
}

/** Waits for the locator to be visible (fails the test after the timeout). */
export async function expectVisible(locator: Locator, timeout = 10_000): Promise<Locator> {
  await locator.waitFor({ state: "visible", timeout });
  return locator;
}

/**
 * Waits until React has hydrated the page. Server-rendered forms work without
 * JavaScript, so a page whose scripts crash still "passes" unless we wait.
 */
export async function waitForHydration(page: Page, timeout = 10_000) {
  try {
    await page.waitForFunction(
      () => {
        const main = document.getElementById("main");
        return Boolean(main && Object.keys(main).some((key) => key.startsWith("__reactFiber$")));
      },
      undefined,
      { timeout },
    );
  } catch (error) {
    throw new Error(`${page.url()} did not hydrate within ${timeout} ms; a script probably failed in the browser.`, { cause: error });
  }
}

/** Opens a path of the app and waits until the page is hydrated. */
export async function visit(page: Page, path: string) {
  await page.goto(path);
  await waitForHydration(page);
}

/** Signs in through the /login form and waits until the browser has left /login. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await visit(page, "/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login", { timeout: 15_000 }),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

/** Signs out with the header's "Sign out" button; the app sends the browser to /login. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  await expectVisible(page.getByRole("link", { name: "Sign in" }));
}

/** Saves a full-page PNG to test/e2e/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The document's width beyond the viewport, in CSS pixels: 0 when nothing scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export const ADMIN_EMAIL = "admin@demo.test";

/**
 * The text of the newest outbox email to `to` whose subject contains
 * `subjectContains`, read the way a platform admin reads it at /admin/outbox.
 * Uses its own context, so the caller's session is untouched.
 */
export async function readLatestEmail(
  browser: Browser,
  baseUrl: string,
  { to, subjectContains, timeoutMs = 15_000 }: { to: string; subjectContains: string; timeoutMs?: number },
): Promise<string> {
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    const page = await context.newPage();
    await signIn(page, ADMIN_EMAIL);
    await visit(page, "/admin/outbox");
    // The outbox lists the newest first, so the first match is the latest email.
    const message = page
      .locator("[data-testid=outbox-message]")
      .filter({ has: page.locator("summary", { hasText: `to ${to}` }) })
      .filter({ has: page.locator("summary", { hasText: subjectContains }) })
      .first();
    const deadline = Date.now() + timeoutMs;
    while ((await message.count()) === 0) {
      if (Date.now() > deadline) {
        const summaries = await page.locator("[data-testid=outbox-message] summary").allTextContents();
        throw new Error(`No email to ${to} with a subject containing "${subjectContains}" in the outbox. Newest messages:\n${summaries.join("\n")}`);
      }
      await page.waitForTimeout(300);
      await page.reload();
      await waitForHydration(page);
    }
    return (await message.locator("pre").textContent()) ?? "";
  } finally {
    await context.close();
  }
}

export const EMAIL_LINK = /http:\/\/localhost:\d+\/(?:reset-password|invitations)\/[a-z2-7]{32}/;

/** The first Roundtable link in an email's text; fails clearly when there is none. */
export function linkIn(text: string): string {
  const match = text.match(EMAIL_LINK);
  if (!match) throw new Error(`No Roundtable link in this email:\n${text}`);
  return match[0];
}

/** A unique address in the demo domain, which Harbourline admits for open sign-up. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@demo.test`;
}
