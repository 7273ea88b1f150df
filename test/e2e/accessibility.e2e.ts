// Accessibility in Chromium against the real server and its demo data
// (docs/accessibility.md): the phone menu and the focus ring, the open-space
// board's and the formation board's drag and drop done with the keyboard, the
// live editor's tools and its way out; then every main page, as each role,
// in English and Japanese browsers, at desktop and phone widths, checked with
// axe (no serious or critical violation) and for sideways scrolling.
import type { Locator, Page } from "playwright-core";
import enModules from "../../app/locales/en/modules.json";
import jaModules from "../../app/locales/ja/modules.json";
import { axeProblems, focusOutline, overflowingElements, tabTo } from "./support/accessibility";
import { expectVisible, horizontalOverflow, signIn, useBrowser, visit } from "./support/browser";

const e2e = useBrowser();

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** Both languages of the portal; Chromium sends the locale as Accept-Language. */
const LOCALES = ["en-GB", "ja-JP"] as const;
/** --focus in app/styles/app.css, as the browser reports it. */
const FOCUS_COLOUR = "rgb(179, 92, 0)";
const run = Date.now().toString(36);

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const menuButton = (page: Page) => page.getByRole("button", { name: "Menu" });
const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

describe("the keyboard and small screens", () => {
  test("on a phone the navigation folds behind a menu button that works with the keyboard, and the focus ring shows", async () => {
    const page = await e2e.newPage(PHONE);
    await signIn(page, "admin@demo.test");
    await visit(page, "/");
    await expectVisible(menuButton(page));
    expect(await menuButton(page).getAttribute("aria-expanded")).toBe("false");
    expect(await mainNav(page).getByRole("link", { name: "Modules" }).isVisible(), "the links wait behind the menu").toBe(false);
    await expectVisible(mainNav(page).getByRole("link", { name: /^Notifications/ }));
    const header = (await page.locator("header.site-header").boundingBox())!;
    expect(header.height, "the closed header is one row").toBeLessThan(80);

    // The first Tab reaches the skip link, drawn with the focus ring.
    await page.keyboard.press("Tab");
    await expectVisible(page.getByRole("link", { name: "Skip to content" }));
    expect(await focusOutline(page)).toEqual({ style: "solid", width: "3px", color: FOCUS_COLOUR });

    await tabTo(page, menuButton(page), 10);
    await page.keyboard.press("Enter");
    expect(await menuButton(page).getAttribute("aria-expanded")).toBe("true");
    await expectVisible(mainNav(page).getByRole("link", { name: "Modules" }));
    expect(await horizontalOverflow(page), "the open menu fits the phone").toBe(0);
    await page.keyboard.press("Tab");
    expect(await isFocused(mainNav(page).getByRole("link", { name: "Home" })), "Tab goes from the button into the menu").toBe(true);
    expect(await focusOutline(page)).toEqual({ style: "solid", width: "3px", color: FOCUS_COLOUR });

    // Escape closes it and gives the focus back to the button.
    await page.keyboard.press("Escape");
    expect(await menuButton(page).getAttribute("aria-expanded")).toBe("false");
    expect(await isFocused(menuButton(page))).toBe(true);

    // A link chosen from the menu navigates, and the menu is closed on the new page.
    await page.keyboard.press("Enter");
    await tabTo(page, mainNav(page).getByRole("link", { name: "Modules" }), 10);
    await Promise.all([page.waitForURL((url) => url.pathname === "/modules"), page.keyboard.press("Enter")]);
    await expectVisible(page.getByRole("heading", { level: 1 }));
    // The menu closes in an effect after the new page renders, so the heading can be there a moment before.
    await expect.poll(() => menuButton(page).getAttribute("aria-expanded"), { timeout: 5_000 }).toBe("false");

    // On a wide screen there is no menu button: the links are all there.
    await page.setViewportSize(DESKTOP);
    expect(await menuButton(page).isVisible()).toBe(false);
    await expectVisible(mainNav(page).getByRole("link", { name: "Modules" }));
  });

  test("the open-space organiser moves a session onto the board with the keyboard only", async () => {
    const page = await e2e.newPage();
    await signIn(page, "alumna@demo.test");
    // The demo open space the alumna organises: it has a date, no rooms, no slots, no sessions.
    await visit(page, "/reunions");
    await page.getByRole("link", { name: "Lessons from our first year as leads" }).first().click();
    await page.getByRole("link", { name: "Open the session board" }).click();
    await page.waitForURL((url) => url.pathname.endsWith("/open-space"));
    const arrange = page.getByRole("region", { name: "Rooms, time slots and the schedule" });
    for (const room of [
      { name: "Maas", capacity: "8" },
      { name: "Waal", capacity: "4" },
    ]) {
      await arrange.getByLabel("Room name").fill(room.name);
      await arrange.getByLabel("Capacity (people)").fill(room.capacity);
      await arrange.getByRole("button", { name: "Add the room" }).click();
      await expectVisible(arrange.getByRole("listitem").filter({ hasText: `${room.name}, ${room.capacity} places` }));
    }
    await arrange.getByLabel("Starts (Europe/Amsterdam)").fill("14:00");
    await arrange.getByLabel("Ends (Europe/Amsterdam)").fill("14:45");
    await arrange.getByRole("button", { name: "Add the time slot" }).click();
    await expectVisible(arrange.getByRole("listitem").filter({ hasText: "14:00–14:45" }));
    const topic = `Keyboard-only moves ${run}`;
    await page.getByLabel("Topic").fill(topic);
    await page.getByRole("button", { name: "Propose the session" }).click();
    const waiting = page.getByRole("region", { name: /^Sessions without a place yet/ });
    const card = waiting.getByRole("article", { name: topic });
    await expectVisible(card);

    // From here on only keys, from the top of a fresh page: open "Move this session", choose Waal, keep the slot, press Move.
    await visit(page, new URL(page.url()).pathname);
    await tabTo(page, card.getByText("Move this session"), 80);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await isFocused(card.getByLabel("Room"))).toBe(true);
    await page.keyboard.type("Waal");
    expect(await card.getByLabel("Room").locator("option:checked").textContent()).toBe("Waal (4)");
    await page.keyboard.press("Tab");
    expect(await isFocused(card.getByLabel("Time slot"))).toBe(true);
    await page.keyboard.press("Tab");
    expect(await isFocused(card.getByRole("button", { name: "Move" }))).toBe(true);
    await page.keyboard.press("Enter");

    const board = page.getByRole("table", { name: "Sessions by time slot and room" });
    const placed = board.getByRole("article", { name: topic });
    await expectVisible(placed);
    const column = await board.getByRole("columnheader").evaluateAll((cells) => cells.findIndex((c) => c.textContent?.startsWith("Waal")));
    expect(await placed.evaluate((el) => (el.closest("td") as HTMLTableCellElement).cellIndex), "the session is in Waal's column").toBe(column);
    expect(await waiting.getByRole("article", { name: topic }).count()).toBe(0);
  });

  test("the organisation admin moves a person to another proposed group with the keyboard only", async () => {
    const page = await e2e.newPage();
    await signIn(page, "orgadmin@demo.test");
    // The demo's Autumn cohort is enrolled and waiting for its groups.
    await visit(page, "/org/cohorts");
    await page.getByRole("link", { name: "Autumn cohort" }).first().click();
    await page.getByRole("link", { name: "Form the groups with the engine" }).click();
    await page.getByLabel("Seconds to search").fill("1");
    await page.getByRole("button", { name: "Save and propose groups" }).click();
    await page.waitForURL(/\/formation\/[0-9a-f-]{36}$/);
    await expectVisible(page.getByRole("heading", { name: "Compared with two simple ways of splitting" }), 30_000);

    // From here on only keys, from the top of a fresh page.
    await visit(page, new URL(page.url()).pathname);
    const first = page.locator('section[data-group="0"] li[data-person]').first();
    const personId = (await first.getAttribute("data-person"))!;
    const name = (await first.locator(".formation-person").textContent())!;
    const select = first.getByLabel(`Move ${name} to`);
    await tabTo(page, select, 80);
    await page.keyboard.press("ArrowDown");
    expect(await select.inputValue(), "the next group is chosen").toBe("1");
    await page.keyboard.press("Tab");
    expect(await isFocused(page.getByRole("button", { name: `Move ${name}`, exact: true }))).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(`section[data-group="1"] li[data-person="${personId}"]`).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator(`section[data-group="0"] li[data-person="${personId}"]`).count()).toBe(0);
  });

  test("the live editor's tools are reachable with Tab, say whether they are on, and Tab or Escape leaves the draft", async () => {
    const page = await e2e.newPage();
    await signIn(page, "leader@demo.test");
    await visit(page, "/modules/when-everything-is-urgent/edit");
    const draft = page.getByRole("textbox", { name: "Module draft" });
    await expectVisible(draft);
    await expect.poll(() => page.getByTestId("connection-announcement").textContent(), { timeout: 15_000 }).toBe("Live");
    // "Saved" and "Offline" are read out by screen readers: both sit in polite status regions.
    expect(await page.getByTestId("save-status").getAttribute("role")).toBe("status");
    expect(await page.getByTestId("connection-announcement").getAttribute("role")).toBe("status");

    const tools = page.getByRole("toolbar", { name: "Draft tools" });
    for (const button of await tools.getByRole("button").all()) {
      expect((await button.textContent())?.trim(), "every tool has a visible name").not.toBe("");
    }
    for (const name of ["Bold", "Italic", "Link"]) {
      expect(await tools.getByRole("button", { name, exact: true }).getAttribute("aria-pressed"), `${name} says whether it is on`).toMatch(/^(true|false)$/);
    }
    await tabTo(page, tools.getByRole("button", { name: "Add page" }), 80);
    await tabTo(page, draft, 10);
    await page.keyboard.press("Tab");
    const leftForward = () =>
      draft.evaluate((el) => {
        const now = document.activeElement;
        return !!now && now !== document.body && !el.contains(now) && !!(el.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
    expect(await leftForward(), "Tab moves on from the draft").toBe(true);
    await page.keyboard.press("Shift+Tab");
    expect(await isFocused(draft), "Shift+Tab comes back").toBe(true);
    await page.keyboard.press("Escape");
    expect(await leftForward(), "Escape leaves the draft too").toBe(true);
  });
});

/** A page to check: a path, or the first link on the page checked just before that matches a selector. */
type Stop = string | { link: string; ready?: (page: Page) => Promise<unknown> } | { path: string; ready: (page: Page) => Promise<unknown> };
type Tour = { who: string; email: string | null; stops: Stop[] };

// The draft's accessible name is in the page's language.
const draftReady = async (page: Page) => {
  const language = (await page.getAttribute("html", "lang")) === "ja" ? "ja" : "en";
  return expectVisible(page.getByRole("textbox", { name: (language === "ja" ? jaModules : enModules).editor.label }), 15_000);
};

const TOURS: Tour[] = [
  { who: "signed out", email: null, stops: ["/login", "/signup", "/forgot-password"] },
  {
    who: "participant",
    email: "participant@demo.test",
    stops: [
      "/",
      "/programme",
      { link: 'main a[href^="/programme/meetings/"]' },
      "/programme/diagnostics",
      "/modules",
      "/modules/delegation-without-disappearing",
      "/modules/delegation-without-disappearing/session",
      "/notifications",
      "/profile",
    ],
  },
  {
    who: "alumnus",
    email: "alumna@demo.test",
    stops: [
      "/",
      "/proposals",
      { link: 'main a[href^="/proposals/"]:not([href="/proposals/new"])' },
      "/proposals/new",
      "/reunions",
      { link: 'main a:has-text("Lessons from our first year as leads")' },
      { link: 'main a[href$="/open-space"]' },
      "/groups",
      { link: 'main a[href^="/groups/"]:not([href="/groups/new"])' },
      "/mentoring",
      "/people",
      { link: 'main a[href^="/people/"]' },
      "/notifications/settings",
    ],
  },
  { who: "facilitator", email: "facilitator@demo.test", stops: ["/", "/programme", { link: 'main a[href$="/cycle"]' }] },
  {
    who: "thought leader",
    email: "leader@demo.test",
    stops: ["/", { path: "/modules/when-everything-is-urgent/edit", ready: draftReady }, "/modules/delegation-without-disappearing/history"],
  },
  { who: "moderator", email: "moderator@demo.test", stops: ["/", "/review", { link: "main .review-queue__item a" }, "/audit"] },
  {
    who: "organisation admin",
    email: "orgadmin@demo.test",
    stops: [
      "/",
      "/org",
      "/org/structure",
      "/org/cohorts",
      { link: 'main a:has-text("Autumn cohort")' },
      { link: 'main a[href$="/formation"]' },
      // The proposal the keyboard test above made.
      { link: 'main a[href*="/formation/"]' },
      "/org/programme",
      "/org/insights",
      "/org/insights/arc",
      "/org/insights/diagnostics",
      "/org/insights/experiments",
      { link: 'main a[href^="/org/insights/experiments/"]' },
      "/org/insights/data",
      "/org/insights/themes",
      "/org/settings",
      "/org/invite",
    ],
  },
  { who: "platform admin", email: "admin@demo.test", stops: ["/", "/admin", "/admin/outbox", "/admin/modules"] },
];

/** Where a stop leads from the page now open. */
async function pathOf(page: Page, stop: Stop): Promise<string> {
  if (typeof stop === "string") return stop;
  if ("path" in stop) return stop.path;
  const link = page.locator(stop.link).first();
  if ((await link.count()) === 0) throw new Error(`No link ${stop.link} on ${new URL(page.url()).pathname}`);
  return (await link.getAttribute("href"))!;
}

/** The profile's language form, posted from a page of the site ("" follows the organisation). */
async function setOwnLanguage(page: Page, language: "" | "ja") {
  const status = await page.evaluate(async (language) => {
    const response = await fetch("/profile", { method: "POST", body: new URLSearchParams({ intent: "language", language }), redirect: "manual" });
    return response.type === "opaqueredirect" ? 303 : response.status;
  }, language);
  expect(status, `choosing language "${language}"`).toBe(303);
}

/** Checks each stop at desktop width, then at phone width on the same page; returns every problem found, one per line. */
async function checkTour(page: Page, tour: Tour, locale: string): Promise<string[]> {
  const problems: string[] = [];
  for (const stop of tour.stops) {
    const path = await pathOf(page, stop);
    await page.setViewportSize(DESKTOP);
    await visit(page, path);
    if (typeof stop !== "string" && stop.ready) await stop.ready(page);
    const where = `${tour.who}, ${locale}, ${path}`;
    const lang = await page.getAttribute("html", "lang");
    if (lang !== locale.slice(0, 2)) problems.push(`${where}: the page is in "${lang}", not in the language of this pass`);
    for (const problem of await axeProblems(page)) problems.push(`${where} at ${DESKTOP.width} px: ${problem}`);
    await page.setViewportSize(PHONE);
    // Wide tables become focusable regions once a ResizeObserver sees them scroll; let that frame and its render pass before checking.
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50)))));
    const overflow = await horizontalOverflow(page);
    if (overflow > 0) problems.push(`${where} scrolls sideways by ${overflow} px at ${PHONE.width} px: ${(await overflowingElements(page)).join("; ")}`);
    for (const problem of await axeProblems(page)) problems.push(`${where} at ${PHONE.width} px: ${problem}`);
  }
  return problems;
}

describe("every main page, as each role, in both languages, at desktop and phone widths", () => {
  for (const tour of TOURS) {
    test(`${tour.who}: no serious or critical axe violation and nothing scrolls sideways`, async () => {
      const problems: string[] = [];
      // Signed in once, in English; the Japanese browser reuses the session.
      const english = await e2e.newPage({ ...DESKTOP, locale: "en-GB" });
      if (tour.email) await signIn(english, tour.email);
      const session = await english.context().storageState();
      for (const locale of LOCALES) {
        // A signed-in person's own language comes before the organisation's and the browser's, so the Japanese pass chooses Japanese and puts it back.
        const ownLanguage = locale === "ja-JP" && tour.email !== null;
        if (ownLanguage) await setOwnLanguage(english, "ja");
        try {
          const page = locale === "en-GB" ? english : await e2e.newPage({ ...DESKTOP, locale, storageState: session });
          problems.push(...(await checkTour(page, tour, locale)));
        } finally {
          if (ownLanguage) await setOwnLanguage(english, "");
        }
      }
      expect(problems, `${problems.length} problems:\n${problems.join("\n")}`).toEqual([]);
    }, 300_000);
  }
});
