// A reunion as an open space, in real browsers against the real server and
// its demo data: the demo alumna plans it for her former group with a date
// poll across time zones, three members vote, she confirms the best date,
// people answer the invitation until one lands on the waitlist, sessions are
// proposed and scheduled, two people write one break-out's notes at once,
// the proceedings find the theme two break-outs share, and an insight
// becomes a module proposal that links back to its break-out.
import type { Locator, Page } from "playwright-core";
import { expectVisible, screenshot, signIn, useBrowser, visit } from "./support/browser";

const e2e = useBrowser();

const run = Date.now().toString(36);
const ORGANISER = { email: "alumna@demo.test", name: "Priya Raman", zone: "Europe/Amsterdam" };
const GRACE = { email: "participant@demo.test", name: "Grace Mensah", zone: "Europe/London" };
const LUC = { email: "facilitator@demo.test", name: "Luc Moreau", zone: "Europe/Paris" };
const SOFIA = { email: "moderator@demo.test", name: "Sofia Lindqvist", zone: "Europe/Amsterdam" };
const GROUP = "Harbourline Circle 1";
const TITLE = `What we learned as new leads ${run}`;

// Three candidate dates, well ahead so the time slots are still to come; the second in another zone.
const OPTIONS = [
  { days: 30, start: "14:00", end: "17:30", zone: "Europe/Amsterdam" },
  { days: 31, start: "09:00", end: "12:00", zone: "America/Toronto" },
  { days: 33, start: "13:00", end: "16:00", zone: "Europe/London" },
] as const;
const DEADLINE_DAYS = 20;

// Topics without the run's id: the proceedings analyse the topics too, and a shared token would be a "theme".
const SESSIONS = {
  mistakes: { topic: "Admitting mistakes as a lead", description: "Why owning up first makes a team speak up." },
  feedback: { topic: "Feedback that lands", description: "Asking for it and giving it without a fight." },
  meetings: { topic: "Meetings that end on time", description: "Agendas, time boxes and walking out politely." },
};
const THEME = "psychological safety";

const notes = (page: Page) => page.getByRole("textbox", { name: "Break-out notes" });
const saveStatus = (page: Page) => page.getByTestId("save-status");
const connectionStatus = (page: Page) => page.getByTestId("connection-status");
const board = (page: Page) => page.getByRole("table", { name: "Sessions by time slot and room" });
const waiting = (page: Page) => page.getByRole("region", { name: /^Sessions without a place yet/ });
const sessionCard = (scope: Page | Locator, topic: string) => scope.getByRole("article", { name: topic, exact: true });

/** Waits until `locator`'s whole text is `text`. */
async function expectText(locator: Locator, text: string, timeout = 15_000) {
  try {
    await locator.filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }).waitFor({ state: "visible", timeout });
  } catch (error) {
    const actual = await locator.textContent().catch(() => null);
    throw new Error(`expected "${text}", found "${actual}"`, { cause: error });
  }
}

/** The calendar date `days` from now in `zone`, as a date field wants it (YYYY-MM-DD). */
function localDate(days: number, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * 86_400_000));
}

/** The instant of a wall-clock time in `zone`, worked out here independently of the app. */
function zonedInstant(date: string, time: string, zone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(guess);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const shown = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
  return new Date(guess.getTime() - (shown - guess.getTime()));
}

const clock = (instant: Date, zone: string) => new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);

/** "14:00–17:00 (Europe/London)": how a candidate date's times read in `viewerZone`. */
function timesIn(option: (typeof OPTIONS)[number], viewerZone: string): string {
  const date = localDate(option.days, option.zone);
  const start = zonedInstant(date, option.start, option.zone);
  const end = zonedInstant(date, option.end, option.zone);
  return `${clock(start, viewerZone)}–${clock(end, viewerZone)} (${viewerZone})`;
}

/** Clicks into `paragraph`, goes to the end of that line and types `text` like a person would. */
async function typeAtEnd(page: Page, paragraph: Locator, text: string) {
  await placeCaretAtEnd(page, paragraph);
  await page.keyboard.type(text, { delay: 15 });
}

/**
 * Clicks into `paragraph` and goes to the end of the line, and checks the
 * caret stayed there. While the other writer is active, a click can lose a
 * race in the editor: their change (even just their caret moving) lands
 * before ProseMirror has taken the click's selection and puts back the old
 * one (the start of the notes), so the words would go into the first
 * heading. A person would see the caret jump and click again; so does this.
 */
async function placeCaretAtEnd(page: Page, paragraph: Locator) {
  for (let attempt = 1; ; attempt++) {
    await paragraph.click();
    await page.keyboard.press("End");
    await page.waitForTimeout(200);
    const inside = await paragraph.evaluate((p) => {
      const at = window.getSelection()?.anchorNode;
      return !!at && p.contains(at);
    });
    if (inside) return;
    if (attempt === 5) throw new Error("The caret would not stay in the line that was clicked.");
  }
}

/** The first line under one of the notes template's headings ("Key insights", "Actions", …). */
const notesLine = (page: Page, heading: string) => notes(page).locator(`h2:text-is("${heading}") + ul p`).first();

async function expectNotesContain(page: Page, text: string, timeout = 15_000) {
  await notes(page).filter({ hasText: text }).waitFor({ state: "visible", timeout });
}

type Vote = "Yes" | "If need be" | "No";

/** Answers the date poll, one answer per candidate date, and waits until the page has stored them. */
async function vote(page: Page, reunionPath: string, answers: Vote[]) {
  await visit(page, reunionPath);
  const poll = page.getByRole("region", { name: "Which dates suit you?" });
  for (const [i, answer] of answers.entries()) {
    await poll.getByRole("group", { name: new RegExp(`^Option ${i + 1}: `) }).getByLabel(answer, { exact: true }).check();
  }
  await Promise.all([page.waitForURL((url) => url.pathname === reunionPath && url.hash === "#poll"), poll.getByRole("button", { name: "Save my answers" }).click()]);
  await page.reload();
  for (const [i, answer] of answers.entries()) {
    expect(await poll.getByRole("group", { name: new RegExp(`^Option ${i + 1}: `) }).getByLabel(answer, { exact: true }).isChecked()).toBe(true);
  }
}

/** Answers the invitation and waits for the page to confirm the answer (or the place in line). */
async function answerInvitation(page: Page, reunionPath: string, expected: string) {
  await visit(page, reunionPath);
  const invitation = page.getByRole("region", { name: "Are you coming?" });
  await invitation.getByRole("group", { name: "Your answer" }).getByLabel("Going", { exact: true }).check();
  await invitation.getByRole("button", { name: "Send my answer" }).click();
  await expectVisible(invitation.getByText(expected, { exact: true }));
}

async function proposeSession(page: Page, boardPath: string, session: { topic: string; description: string }) {
  await visit(page, boardPath);
  const form = page.getByRole("region", { name: "Propose a session" });
  await form.getByLabel("Topic", { exact: true }).fill(session.topic);
  await form.getByLabel("One-line description").fill(session.description);
  await form.getByRole("button", { name: "Propose the session" }).click();
  await expectVisible(sessionCard(waiting(page), session.topic));
}

async function markInterest(page: Page, topic: string) {
  const card = sessionCard(page, topic);
  await card.getByRole("button", { name: "I'm interested", exact: true }).click();
  await expectVisible(card.getByRole("button", { name: "I'm interested ✓", exact: true }));
}

/** Follows the session's "Open the live notes" link on the board and waits for the live editor. */
async function openNotesFromBoard(page: Page, boardPath: string, topic: string): Promise<string> {
  await visit(page, boardPath);
  await Promise.all([
    page.waitForURL((url) => /^\/reunions\/[0-9a-f-]{36}\/sessions\/[0-9a-f-]{36}$/.test(url.pathname)),
    sessionCard(board(page), topic).getByRole("link", { name: "Open the live notes" }).click(),
  ]);
  await expectVisible(page.getByRole("heading", { level: 1, name: new RegExp(topic) }));
  await expectText(connectionStatus(page), "Live");
  await expectVisible(notes(page));
  return new URL(page.url()).pathname;
}

describe("an open-space reunion, from date poll to module proposal", () => {
  test(
    "three members vote across time zones, the organiser confirms the best date, the last going answer joins the waitlist, the schedule places the sessions, two people write one break-out's notes at once, and a shared theme becomes a proposal linked to its break-out",
    async () => {
      const [organiser, grace, luc, sofia] = await Promise.all([e2e.newPage(), e2e.newPage(), e2e.newPage(), e2e.newPage()]);
      await Promise.all([signIn(organiser, ORGANISER.email), signIn(grace, GRACE.email), signIn(luc, LUC.email), signIn(sofia, SOFIA.email)]);

      // 1. The alumna plans an open space for her former group, with three dates to choose from and two places.
      await visit(organiser, "/reunions/new");
      await organiser.getByLabel("Title", { exact: true }).fill(TITLE);
      await organiser.getByLabel("What it is about").fill("A year on: what went better than expected, and what we would do differently.");
      await organiser.getByLabel("An open space: participants propose the sessions").check();
      await organiser.getByRole("group", { name: "Groups" }).getByLabel(GROUP).check();
      await organiser.getByLabel("Place", { exact: true }).fill("Harbourline offices, Rotterdam, room Waal");
      await organiser.getByLabel("Places", { exact: true }).fill("2");
      expect(await organiser.getByLabel("Your time zone").inputValue()).toBe(ORGANISER.zone);
      await organiser.getByLabel("Ask people which dates suit them").check();
      for (const [i, option] of OPTIONS.entries()) {
        const fields = organiser.getByRole("group", { name: `Option ${i + 1}`, exact: true });
        await fields.getByLabel("Date", { exact: true }).fill(localDate(option.days, option.zone));
        await fields.getByLabel("Starts", { exact: true }).fill(option.start);
        await fields.getByLabel("Ends", { exact: true }).fill(option.end);
        await fields.getByLabel("Time zone", { exact: true }).selectOption(option.zone);
      }
      await organiser.getByLabel("Answers close").fill(`${localDate(DEADLINE_DAYS, ORGANISER.zone)}T18:00`);
      await Promise.all([
        organiser.waitForURL((url) => /^\/reunions\/[0-9a-f-]{36}$/.test(url.pathname)),
        organiser.getByRole("button", { name: "Plan the reunion" }).click(),
      ]);
      const reunionPath = new URL(organiser.url()).pathname;
      const boardPath = `${reunionPath}/open-space`;
      await expectVisible(organiser.getByRole("heading", { level: 1, name: TITLE }));
      await expectVisible(organiser.getByText("An open space: participants propose the sessions · Finding a date"));

      // 2. Three members of the group vote, each seeing the dates in their own zone and the organiser's.
      const graceOption2 = grace.getByRole("region", { name: "Which dates suit you?" }).getByRole("group", { name: /^Option 2: / });
      await visit(grace, reunionPath);
      const legend = (await graceOption2.locator("legend").textContent()) ?? "";
      expect(legend).toContain(timesIn(OPTIONS[1], GRACE.zone));
      expect(legend).toContain(` · for the organiser: `);
      expect(legend.split(" · for the organiser: ")[1]).toContain(timesIn(OPTIONS[1], ORGANISER.zone));
      await screenshot(grace, "reunions-poll-in-own-zone");
      await vote(grace, reunionPath, ["Yes", "No", "If need be"]);
      await vote(luc, reunionPath, ["Yes", "If need be", "Yes"]);
      await vote(sofia, reunionPath, ["Yes", "Yes", "No"]);

      // 3. The organiser reads the answers, sees the best date, and confirms it.
      await visit(organiser, reunionPath);
      const answers = organiser.getByRole("region", { name: "Answers so far" });
      const rowOf = (name: string) => answers.getByRole("row").filter({ has: organiser.getByRole("rowheader", { name, exact: true }) });
      expect(await rowOf(GRACE.name).getByRole("cell").allTextContents()).toEqual(["Yes", "No", "If need be"]);
      expect(await rowOf(LUC.name).getByRole("cell").allTextContents()).toEqual(["Yes", "If need be", "Yes"]);
      expect(await rowOf(SOFIA.name).getByRole("cell").allTextContents()).toEqual(["Yes", "Yes", "No"]);
      expect(await rowOf("Total").getByRole("cell").allTextContents()).toEqual(["3 yes, 0 if need be", "1 yes, 1 if need be", "1 yes, 1 if need be"]);
      await expectVisible(answers.getByRole("columnheader", { name: /^Option 1 \(best\)/ }));
      const choice = answers.getByRole("group", { name: "Choose the date and send the invitation" });
      const best = choice.getByRole("radio", { name: /^Option 1: .* — the best so far$/ });
      expect(await best.isChecked()).toBe(true);
      await screenshot(organiser, "reunions-poll-matrix");
      await organiser.getByRole("button", { name: "Confirm this date" }).click();
      await expectVisible(organiser.getByRole("heading", { level: 2, name: "Are you coming?" }));
      await expectVisible(organiser.getByText("An open space: participants propose the sessions · Scheduled"));
      await expectVisible(organiser.getByRole("definition").filter({ hasText: timesIn(OPTIONS[0], ORGANISER.zone) }));

      // 4. Two answer "going" and take both places; the third joins the waitlist, and the page says so.
      await answerInvitation(organiser, reunionPath, "Your answer: Going");
      await answerInvitation(grace, reunionPath, "Your answer: Going");
      await answerInvitation(luc, reunionPath, "On the waitlist, number 1");
      await expectVisible(luc.getByRole("heading", { level: 2, name: "Going (2 of 2)" }));
      const waitlist = luc.getByRole("heading", { level: 3, name: "Waitlist" }).locator("xpath=following-sibling::ol[1]");
      expect(await waitlist.getByRole("listitem").allTextContents()).toEqual([LUC.name]);
      await screenshot(luc, "reunions-waitlist");

      // 5. Sessions are proposed on the board, and people mark the ones they want.
      await organiser.getByRole("link", { name: "Open the session board" }).click();
      await organiser.waitForURL((url) => url.pathname === boardPath);
      await proposeSession(organiser, boardPath, SESSIONS.mistakes);
      await proposeSession(grace, boardPath, SESSIONS.feedback);
      await proposeSession(sofia, boardPath, SESSIONS.meetings);
      await visit(grace, boardPath);
      await markInterest(grace, SESSIONS.mistakes.topic);
      await visit(luc, boardPath);
      await markInterest(luc, SESSIONS.feedback.topic);
      await visit(sofia, boardPath);
      await markInterest(sofia, SESSIONS.mistakes.topic);
      await markInterest(sofia, SESSIONS.meetings.topic);
      await expectVisible(sessionCard(sofia, SESSIONS.mistakes.topic).getByText("2 people interested, including you"));

      // 6. The organiser adds two rooms and two time slots on the day, and makes the schedule.
      await visit(organiser, boardPath);
      const arrange = organiser.getByRole("region", { name: "Rooms, time slots and the schedule" });
      for (const room of [
        { name: "Maas", capacity: "8" },
        { name: "Waal", capacity: "4" },
      ]) {
        await arrange.getByLabel("Room name").fill(room.name);
        await arrange.getByLabel("Capacity (people)").fill(room.capacity);
        await arrange.getByRole("button", { name: "Add the room" }).click();
        await expectVisible(arrange.getByRole("listitem").filter({ hasText: `${room.name}, ${room.capacity} places` }));
        // Added: the form is empty again for the next room.
        await expect.poll(() => arrange.getByLabel("Room name").inputValue()).toBe("");
      }
      const eventDay = localDate(OPTIONS[0].days, ORGANISER.zone);
      expect(await arrange.getByLabel("Date", { exact: true }).inputValue(), "the slot's date starts on the event's day").toBe(eventDay);
      for (const [start, end] of [
        ["14:00", "14:45"],
        ["15:00", "15:45"],
      ] as const) {
        await arrange.getByLabel("Date", { exact: true }).fill(eventDay);
        await arrange.getByLabel(`Starts (${ORGANISER.zone})`).fill(start);
        await arrange.getByLabel(`Ends (${ORGANISER.zone})`).fill(end);
        await arrange.getByRole("button", { name: "Add the time slot" }).click();
        await expectVisible(arrange.getByRole("listitem").filter({ hasText: `${start}–${end}` }));
      }
      await arrange.getByRole("button", { name: "Make the schedule" }).click();
      await expectVisible(waiting(organiser).getByText("Every proposed session has a place."));
      for (const { topic } of Object.values(SESSIONS)) await expectVisible(sessionCard(board(organiser), topic));
      // The most wanted session gets the biggest room, which is the board's first column.
      const mistakesCell = board(organiser).getByRole("cell").filter({ has: sessionCard(organiser, SESSIONS.mistakes.topic) });
      expect(await mistakesCell.evaluate((cell) => (cell as HTMLTableCellElement).cellIndex)).toBe(1);
      expect(await board(organiser).getByRole("columnheader").nth(1).textContent()).toBe("Maas (8 places)");
      // Sofia's board, open all along, catches up by itself.
      for (const { topic } of Object.values(SESSIONS)) await expectVisible(sessionCard(board(sofia), topic), 15_000);
      await screenshot(organiser, "reunions-open-space-board");

      // 7. The organiser and Grace open the same break-out's notes from the board and write at the same time.
      const notesPath = await openNotesFromBoard(organiser, boardPath, SESSIONS.mistakes.topic);
      expect(await openNotesFromBoard(grace, boardPath, SESSIONS.mistakes.topic)).toBe(notesPath);
      const insight = "Psychological safety grows when a lead admits a mistake first.";
      const action = `${GRACE.name}: open each team meeting with a psychological safety check.`;
      await Promise.all([placeCaretAtEnd(organiser, notesLine(organiser, "Key insights")), placeCaretAtEnd(grace, notesLine(grace, "Actions"))]);
      await Promise.all([organiser.keyboard.type(insight, { delay: 15 }), grace.keyboard.type(action, { delay: 15 })]);
      await expectNotesContain(organiser, action);
      await expectNotesContain(grace, insight);
      await expectText(saveStatus(organiser), "Saved");
      await expectText(saveStatus(grace), "Saved");
      await screenshot(grace, "reunions-notes-two-writers");

      // Another break-out raises the same theme.
      await openNotesFromBoard(grace, boardPath, SESSIONS.feedback.topic);
      await typeAtEnd(grace, notesLine(grace, "Key insights"), "Psychological safety starts when a lead asks for feedback.");
      await expectText(saveStatus(grace), "Saved");

      // 8. The proceedings show the theme, raised by both break-outs, and Grace's commitment.
      await organiser.getByRole("link", { name: "Proceedings", exact: true }).click();
      await organiser.waitForURL((url) => url.pathname === `${reunionPath}/proceedings`);
      const theme = organiser.getByRole("region", { name: "Recurring themes" }).getByRole("listitem").filter({ hasText: THEME });
      await expectVisible(theme);
      await expectVisible(theme.getByText("2 sessions", { exact: true }));
      await expectVisible(
        organiser.getByRole("region", { name: "Actions people committed to" }).getByRole("listitem").filter({ hasText: "open each team meeting with a psychological safety check." }).getByText(`${GRACE.name}:`),
      );
      await screenshot(organiser, "reunions-proceedings");

      // 9. The theme becomes a module proposal, which names the break-out it came from.
      await Promise.all([organiser.waitForURL((url) => url.pathname === "/proposals/new"), theme.getByRole("link", { name: "Turn into a module proposal" }).click()]);
      await expectVisible(organiser.getByText(`From the break-out “${SESSIONS.mistakes.topic}” at ${TITLE}. The proposal will link back to its notes.`));
      expect(await organiser.getByLabel("Working title").inputValue()).toBe("Psychological safety");
      expect(await organiser.getByLabel("The challenge it addresses").inputValue()).toContain(insight);
      await organiser.getByLabel("Mindset", { exact: true }).selectOption("collaboration");
      await organiser.getByLabel("Draft questions").fill("When did you last admit a mistake to your team?\nWhat makes it safe to disagree with you?");
      await Promise.all([
        organiser.waitForURL((url) => /^\/proposals\/[0-9a-f-]{36}$/.test(url.pathname)),
        organiser.getByRole("button", { name: "Send proposal" }).click(),
      ]);
      await expectVisible(organiser.getByRole("heading", { level: 1, name: "Psychological safety" }));
      const origin = organiser.locator(".proposal__origin");
      await expectText(origin, `From the break-out ${SESSIONS.mistakes.topic} at ${TITLE}`);
      const backLink = origin.getByRole("link", { name: SESSIONS.mistakes.topic, exact: true });
      expect(await backLink.getAttribute("href")).toBe(notesPath);
      await screenshot(organiser, "reunions-proposal-from-break-out");
      await Promise.all([organiser.waitForURL((url) => url.pathname === notesPath), backLink.click()]);
      await expectNotesContain(organiser, insight);
    },
    120_000,
  );
});
