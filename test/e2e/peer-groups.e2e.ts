// Peer groups and mentoring in real browsers, against the real server and its
// demo data: an alumna of one organisation founds a group that welcomes other
// organisations, an alumnus of the other asks to join and is accepted, the
// group schedules monthly meetings with a module from the catalogue and keeps
// a take-away, then talks it over in its discussion, and cancels the rest of
// the series after confirming; an alumna finds an
// alumnus of the other organisation in the directory until he stops showing
// himself there; and a participant asks for a mentor, who accepts, and the
// pair keeps private notes and shared goals.
import type { Page } from "playwright-core";
import { expectVisible, screenshot, signIn, useBrowser, visit, waitForHydration } from "./support/browser";

const e2e = useBrowser();

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PRIYA = {
  email: "alumna@demo.test",
  name: "Priya Raman",
  org: "Harbourline Utilities",
  zone: "Europe/Amsterdam",
  expertise: ["asset maintenance", "shift planning", "first-time team lead"],
};
const TOMASZ = {
  email: "alumnus2@demo.test",
  name: "Tomasz Nowak",
  org: "Northfield Health Group",
  zone: "Europe/Warsaw",
  expertise: ["facilities", "maintenance planning", "contractor management"],
};
// Another listed alumnus of Tomasz's organisation with the same expertise.
const OSKAR = { name: "Oskar Lind" };
const GRACE = { email: "participant@demo.test", name: "Grace Mensah" };
const CHLOE = { email: "chloe@demo.test", name: "Chloé Martin" };

const DEMO_GROUP = "Maintenance practitioners guild";
const GROUP = {
  name: `Shift handover circle ${run}`,
  field: "Shift handover",
  charter: "Shift leads from utilities and hospitals compare how they hand over a running operation. We meet online once a month.",
  sizeCap: "12",
};
const ASK_MESSAGE = "I run handovers between three hospital sites and would like to compare notes.";
const TAKEAWAY = `Hand over the open risks first, then the routine ${run}.`;
const MEETING = { title: `Handover round ${run}`, days: 24, start: "17:00", end: "18:00", link: "https://meet.example.com/shift-handover", count: 3 };
const THREAD = `@${PRIYA.name}, how do you hand over the open risks between shifts at Rotterdam? (${run})`;
const REPLY = `A short list of open risks on the whiteboard, read out before anything else (${run}).`;

/** The calendar date `days` from now in `zone`, as a date field wants it (YYYY-MM-DD). */
function localDate(days: number, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * 86_400_000));
}

/** "Tue 5 Nov 2024", the way the meeting list writes a day. */
function dayAsShown(date: string): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Submits a form with `button` and waits for the page to come back from the server. */
async function submit(page: Page, button: ReturnType<Page["getByRole"]>) {
  await Promise.all([page.waitForResponse((res) => res.request().method() === "POST"), button.click()]);
}

const alert = (page: Page, text: string) => page.getByRole("alert").filter({ hasText: text });

/** The header's notification bell, whose name says how many are unread. */
const bell = (page: Page) => page.getByRole("link", { name: /^Notifications, / });
async function unreadCount(page: Page): Promise<number> {
  const label = (await bell(page).getAttribute("aria-label")) ?? "";
  return Number(label.match(/(\d+) unread/)?.[1] ?? 0);
}

describe("peer groups across organisations, and mentoring", () => {
  test("an alumna founds a request group, a member of another organisation asks and is accepted, the group schedules monthly meetings with a module, records a take-away, talks it over with an @mention, and cancels the rest of the series after confirming", async () => {
    const [priya, tomasz] = await Promise.all([e2e.newPage(), e2e.newPage()]);
    await Promise.all([signIn(priya, PRIYA.email), signIn(tomasz, TOMASZ.email)]);

    // 1. Priya founds the group. A name already taken is refused and what she typed stays.
    await visit(priya, "/groups/new");
    await expectVisible(priya.getByRole("heading", { level: 1, name: "Found a group" }));
    await priya.getByLabel("Name", { exact: true }).fill(DEMO_GROUP);
    await priya.getByLabel("Field or speciality").fill(GROUP.field);
    await priya.getByLabel("Charter").fill(GROUP.charter);
    await priya.getByRole("group", { name: "How people join" }).getByLabel("By request: members decide").check();
    await priya.getByRole("group", { name: "Who decides on requests" }).getByLabel("The conveners decide").check();
    await priya.getByLabel("People from other organisations may join").check();
    await priya.getByLabel("Size cap").fill(GROUP.sizeCap);
    await submit(priya, priya.getByRole("button", { name: "Found the group" }));
    await expectVisible(alert(priya, `A group called “${DEMO_GROUP}” already exists. Choose another name.`));
    expect(new URL(priya.url()).pathname).toBe("/groups/new");
    expect(await priya.getByLabel("Name", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await priya.getByLabel("Name", { exact: true }).inputValue()).toBe(DEMO_GROUP);
    expect(await priya.getByLabel("Field or speciality").inputValue()).toBe(GROUP.field);
    expect(await priya.getByLabel("Charter").inputValue()).toBe(GROUP.charter);
    expect(await priya.getByLabel("By request: members decide").isChecked()).toBe(true);
    expect(await priya.getByLabel("People from other organisations may join").isChecked()).toBe(true);
    expect(await priya.getByLabel("Size cap").inputValue()).toBe(GROUP.sizeCap);
    await screenshot(priya, "peer-groups-duplicate-name");

    await priya.getByLabel("Name", { exact: true }).fill(GROUP.name);
    await Promise.all([
      priya.waitForURL((url) => /^\/groups\/[0-9a-f-]{36}$/.test(url.pathname)),
      priya.getByRole("button", { name: "Found the group" }).click(),
    ]);
    const groupPath = new URL(priya.url()).pathname;
    await expectVisible(priya.getByRole("heading", { level: 1, name: GROUP.name }));
    await expectVisible(priya.getByText("You are a convener of this group."));
    await expectVisible(priya.getByText("Welcome, where both organisations allow it"));

    // Before joining, the group space is not Tomasz's to see: its members page is a 404.
    const before = await tomasz.goto(`${groupPath}/members`);
    expect(before?.status()).toBe(404);
    await expectVisible(tomasz.getByRole("heading", { level: 1, name: "We could not find that page" }));

    // 2. Tomasz, of the other organisation, finds the group by its field and asks to join.
    await visit(tomasz, "/groups");
    await tomasz.getByLabel("Field or name").fill(GROUP.field.toLowerCase());
    await Promise.all([tomasz.waitForURL((url) => url.pathname === "/groups" && url.searchParams.has("q")), tomasz.getByRole("button", { name: "Search" }).click()]);
    const results = tomasz.getByRole("list", { name: "Peer groups" });
    const card = results.getByRole("listitem").filter({ has: tomasz.getByRole("link", { name: GROUP.name, exact: true }) });
    await expectVisible(card);
    await expectVisible(card.getByText(`By request: members decide · People from other organisations are welcome · 1 of ${GROUP.sizeCap} members`));
    await expectVisible(card.getByText(PRIYA.org));
    expect(await results.getByRole("link", { name: DEMO_GROUP }).count(), "the search leaves out groups of other fields").toBe(0);
    await Promise.all([tomasz.waitForURL((url) => url.pathname === groupPath), card.getByRole("link", { name: GROUP.name, exact: true }).click()]);
    await expectVisible(tomasz.getByRole("heading", { level: 1, name: GROUP.name }));
    expect(await tomasz.getByRole("navigation", { name: "Group" }).count(), "no group space tabs before joining").toBe(0);

    // A second tab with the same page open, to ask again once the first ask is in.
    const tomaszAgain = await tomasz.context().newPage();
    await visit(tomaszAgain, groupPath);
    await tomaszAgain.getByLabel("A message to the group (optional)").fill("Asking a second time.");

    await tomasz.getByLabel("A message to the group (optional)").fill(ASK_MESSAGE);
    await tomasz.getByRole("button", { name: "Ask to join" }).click();
    await expectVisible(tomasz.getByText(/^You asked on .+\. The group has not decided yet\.$/));
    await expectVisible(tomasz.getByRole("button", { name: "Withdraw request" }));
    expect(await tomasz.getByRole("button", { name: "Ask to join" }).count(), "no second ask from the page").toBe(0);

    await submit(tomaszAgain, tomaszAgain.getByRole("button", { name: "Ask to join" }));
    await expectVisible(alert(tomaszAgain, "You have already asked to join; the group has not decided yet."));
    // The stale tab catches up: it says he has asked, and offers no second ask.
    await expectVisible(tomaszAgain.getByText(/^You asked on .+\. The group has not decided yet\.$/));
    await expect.poll(() => tomaszAgain.getByRole("button", { name: "Ask to join" }).count()).toBe(0);
    await screenshot(tomaszAgain, "peer-groups-asked-twice");
    await tomaszAgain.close();

    // 3. Priya, the convener, sees one request, with his message, and accepts it.
    await visit(priya, `${groupPath}/members`);
    const requests = priya.getByRole("region", { name: "Requests to join" });
    const request = requests.getByRole("listitem").filter({ has: priya.getByRole("heading", { level: 3, name: TOMASZ.name }) });
    await expectVisible(request);
    expect(await requests.getByRole("listitem").count(), "one request, not two").toBe(1);
    await expectVisible(request.getByText(ASK_MESSAGE));
    await expectVisible(request.getByText(new RegExp(`^${TOMASZ.org} · asked on `)));
    await screenshot(priya, "peer-groups-join-request");
    await submit(priya, request.getByRole("button", { name: `Accept ${TOMASZ.name}` }));
    await expectVisible(requests.getByText("No requests are waiting."));
    const tomaszRow = priya.getByRole("row").filter({ has: priya.getByRole("rowheader", { name: TOMASZ.name, exact: true }) });
    expect(await tomaszRow.getByRole("cell").allTextContents()).toEqual(expect.arrayContaining(["Member", TOMASZ.org]));

    // Tomasz now sees the group space's tabs, and its members page.
    await visit(tomasz, groupPath);
    await expectVisible(tomasz.getByText("You are a member of this group."));
    const tabs = tomasz.getByRole("navigation", { name: "Group" });
    for (const tab of ["Members", "Meetings", "Discussion"]) await expectVisible(tabs.getByRole("link", { name: tab, exact: true }));
    expect(await tabs.getByRole("link", { name: "Settings" }).count(), "settings are for conveners").toBe(0);
    await Promise.all([tomasz.waitForURL((url) => url.pathname === `${groupPath}/members`), tabs.getByRole("link", { name: "Members", exact: true }).click()]);
    await expectVisible(tomasz.getByRole("heading", { level: 1, name: "Members" }));
    await expectVisible(tomasz.getByRole("rowheader", { name: `${TOMASZ.name} (you)` }));
    await expectVisible(tomasz.getByRole("rowheader", { name: PRIYA.name, exact: true }));
    const after = await tomasz.goto(`${groupPath}/members`);
    expect(after?.status()).toBe(200);

    // 4. Priya schedules three monthly meetings; Tomasz picks the module for the first one.
    const meetingsPath = `${groupPath}/meetings`;
    const firstDay = localDate(MEETING.days, PRIYA.zone);
    await visit(priya, meetingsPath);
    const schedule = priya.getByRole("form", { name: "Schedule a meeting" });
    const defaultTitle = `${GROUP.name} monthly meeting`;
    const title = schedule.getByLabel("Title", { exact: true });
    const date = schedule.getByLabel("Date", { exact: true });
    const onlineLink = schedule.getByLabel("Online link");
    const repeatCount = schedule.getByLabel("Number of monthly meetings");
    expect(await title.inputValue()).toBe(defaultTitle);
    await title.fill(MEETING.title);
    await date.fill(firstDay);
    await schedule.getByLabel("Starts", { exact: true }).fill(MEETING.start);
    await schedule.getByLabel("Ends", { exact: true }).fill(MEETING.end);
    expect(await schedule.getByLabel("Time zone").inputValue()).toBe(PRIYA.zone);
    await repeatCount.fill(String(MEETING.count));
    // Neither a place nor a link: refused, and everything she typed stays.
    await submit(priya, schedule.getByRole("button", { name: "Schedule the meeting" }));
    await expectVisible(alert(priya, "Say where the group meets: a place, an online link, or both."));
    expect(await title.inputValue()).toBe(MEETING.title);
    expect(await date.inputValue()).toBe(firstDay);
    expect(await schedule.getByLabel("Starts", { exact: true }).inputValue()).toBe(MEETING.start);
    expect(await repeatCount.inputValue()).toBe(String(MEETING.count));
    expect(await priya.getByText("No meetings planned yet. Schedule the next one below.").count(), "nothing was scheduled").toBe(1);
    await onlineLink.fill(MEETING.link);
    await Promise.all([priya.waitForURL((url) => url.pathname === meetingsPath && url.hash.startsWith("#meeting-")), schedule.getByRole("button", { name: "Schedule the meeting" }).click()]);
    const series = priya.getByRole("listitem").filter({ hasText: "of a monthly series" });
    await expect.poll(() => series.count()).toBe(MEETING.count);
    // Saved, so the form is fresh for the next meeting: the default title, no date, no link.
    await expect.poll(() => date.inputValue(), { message: "the date is empty again" }).toBe("");
    expect(await title.inputValue()).toBe(defaultTitle);
    expect(await schedule.getByLabel("Starts", { exact: true }).inputValue()).toBe("");
    expect(await onlineLink.inputValue()).toBe("");
    expect(await repeatCount.inputValue()).toBe("1");
    expect(await alert(priya, "Say where the group meets").count(), "the refusal's message is gone").toBe(0);

    await visit(tomasz, meetingsPath);
    const meetings = tomasz.getByRole("listitem").filter({ hasText: "of a monthly series" });
    expect(await meetings.count()).toBe(MEETING.count);
    const first = meetings.filter({ hasText: "meeting 1 of a monthly series" });
    await expectVisible(first.getByText(`${dayAsShown(firstDay)}, ${MEETING.start}–${MEETING.end} (${TOMASZ.zone}) · meeting 1 of a monthly series`, { exact: true }));
    const moduleSelect = first.getByRole("combobox", { name: /^Module for / });
    const options = await moduleSelect.locator("option").allTextContents();
    expect(options[0]).toBe("No module yet");
    expect(options.length, "the catalogue offers modules every member can read").toBeGreaterThan(1);
    const moduleTitle = options[1]!;
    await moduleSelect.selectOption({ label: moduleTitle });
    await Promise.all([tomasz.waitForURL((url) => url.hash.startsWith("#meeting-")), first.getByRole("button", { name: /^Choose module/ }).click()]);
    await expectVisible(first.getByRole("link", { name: moduleTitle, exact: true }));
    await expectVisible(first.getByRole("link", { name: new RegExp(`^Run it in session mode\\s*: ${escapeRegExp(moduleTitle)}$`) }));

    // Priya's list shows the three meetings, the module on the first only.
    await visit(priya, meetingsPath);
    expect(await series.count()).toBe(MEETING.count);
    for (let n = 1; n <= MEETING.count; n++) {
      const meeting = series.filter({ hasText: `meeting ${n} of a monthly series` });
      await expectVisible(meeting.getByText(new RegExp(`^\\w{3}, \\d{1,2} \\w{3} \\d{4}, ${MEETING.start}–${MEETING.end} \\(${PRIYA.zone}\\) · meeting ${n} of a monthly series$`)));
      if (n === 1) await expectVisible(meeting.getByRole("link", { name: moduleTitle, exact: true }));
      else await expectVisible(meeting.getByText("not chosen yet"));
    }
    await screenshot(priya, "peer-groups-meetings");

    // 5. Tomasz records a shared take-away on the first meeting's page; Priya sees it there.
    await Promise.all([
      tomasz.waitForURL((url) => new RegExp(`^${meetingsPath}/[0-9a-f-]{36}$`).test(url.pathname)),
      first.getByRole("heading", { level: 3 }).getByRole("link").click(),
    ]);
    const meetingPath = new URL(tomasz.url()).pathname;
    await expectVisible(tomasz.getByRole("link", { name: moduleTitle, exact: true }));
    await tomasz.getByLabel("A take-away for the group").fill(TAKEAWAY);
    await Promise.all([tomasz.waitForURL((url) => url.hash === "#takeaways"), tomasz.getByRole("button", { name: "Add the take-away" }).click()]);
    const tomaszTakeaways = tomasz.getByRole("region", { name: "Shared take-aways" });
    await expectVisible(tomaszTakeaways.getByRole("listitem").filter({ hasText: TAKEAWAY }));
    expect(await tomasz.getByLabel("A take-away for the group").inputValue(), "the form is empty again").toBe("");

    await visit(priya, meetingPath);
    const takeaway = priya.getByRole("region", { name: "Shared take-aways" }).getByRole("listitem").filter({ hasText: TAKEAWAY });
    await expectVisible(takeaway);
    await expectVisible(takeaway.getByText(TOMASZ.name, { exact: true }));
    await screenshot(priya, "peer-groups-takeaway");
    const unreadBefore = await unreadCount(priya);

    // 6. Tomasz opens the group's discussion. An empty thread is refused with a clear message.
    const discussionPath = `${groupPath}/discussion`;
    await visit(tomasz, groupPath);
    await Promise.all([
      tomasz.waitForURL((url) => url.pathname === discussionPath),
      tomasz.getByRole("navigation", { name: "Group" }).getByRole("link", { name: "Discussion", exact: true }).click(),
    ]);
    await expectVisible(tomasz.getByRole("heading", { level: 1, name: `Discussion in ${GROUP.name}` }));
    const newThread = tomasz.getByLabel("Start a new thread");
    await submit(tomasz, tomasz.getByRole("button", { name: "Post to the group" }));
    await expectVisible(alert(tomasz, "Write a comment before posting."));
    expect(await newThread.getAttribute("aria-invalid")).toBe("true");
    await expectVisible(tomasz.getByText(/^No posts yet\./));

    // He starts a thread that mentions Priya; once it is posted the box is empty again.
    await newThread.fill(THREAD);
    await Promise.all([
      tomasz.waitForURL((url) => url.pathname === discussionPath && url.hash.startsWith("#comment-")),
      tomasz.getByRole("button", { name: "Post to the group" }).click(),
    ]);
    const tomaszThread = tomasz.getByRole("listitem").filter({ hasText: THREAD });
    await expectVisible(tomaszThread);
    await expectVisible(tomasz.getByText(/^1 post\./));
    await expect.poll(() => newThread.inputValue(), { message: "the new-thread box is empty again" }).toBe("");
    expect(await newThread.getAttribute("aria-invalid"), "no error left on the box").toBeNull();

    // Priya's bell counts the mention; her notifications show it and lead to the thread.
    await Promise.all([priya.waitForURL((url) => url.pathname === "/notifications"), bell(priya).click()]);
    await waitForHydration(priya);
    await expect.poll(() => unreadCount(priya), { message: "one more unread: the mention" }).toBe(unreadBefore + 1);
    const mention = priya
      .getByRole("listitem")
      .filter({ has: priya.getByRole("button", { name: `New ${TOMASZ.name} mentioned you on the discussion of ${GROUP.name}` }) });
    await expectVisible(mention);
    await expectVisible(mention.getByText(THREAD));
    await screenshot(priya, "peer-groups-mention");
    await Promise.all([
      priya.waitForURL((url) => url.pathname === discussionPath && url.hash.startsWith("#comment-")),
      mention.getByRole("button", { name: /mentioned you on the discussion/ }).click(),
    ]);
    await waitForHydration(priya);
    await expect.poll(() => unreadCount(priya), { message: "opening it marks it read" }).toBe(unreadBefore);
    const priyaThread = priya.getByRole("listitem").filter({ hasText: THREAD });
    await expectVisible(priyaThread.getByText(TOMASZ.name, { exact: true }));

    // She replies; the reply box is empty again, and Tomasz sees her answer under his thread.
    await priyaThread.getByText("Reply", { exact: true }).click();
    const replyBox = priyaThread.getByLabel(`Your reply to ${TOMASZ.name}`);
    await replyBox.fill(REPLY);
    await submit(priya, priyaThread.getByRole("button", { name: "Post reply" }));
    await expectVisible(priyaThread.getByRole("listitem").filter({ hasText: REPLY }));
    await expect.poll(() => replyBox.inputValue(), { message: "the reply box is empty again" }).toBe("");

    await visit(tomasz, discussionPath);
    const reply = tomaszThread.getByRole("listitem").filter({ hasText: REPLY });
    await expectVisible(reply);
    await expectVisible(reply.getByText(PRIYA.name, { exact: true }));
    await expectVisible(tomasz.getByText(/^2 posts\./));
    await screenshot(tomasz, "peer-groups-discussion");

    // 7. Priya cancels the second meeting and the rest of the series, from the meeting's page, after confirming.
    await visit(priya, meetingsPath);
    const second = series.filter({ hasText: "meeting 2 of a monthly series" });
    await Promise.all([
      priya.waitForURL((url) => new RegExp(`^${meetingsPath}/[0-9a-f-]{36}$`).test(url.pathname)),
      second.getByRole("heading", { level: 3 }).getByRole("link").click(),
    ]);
    await waitForHydration(priya);
    await Promise.all([
      priya.waitForURL((url) => /^\/reunions\/[0-9a-f-]{36}\/edit$/.test(url.pathname)),
      priya.getByRole("link", { name: "Change or cancel this meeting" }).click(),
    ]);
    await waitForHydration(priya);
    const editPath = new URL(priya.url()).pathname;
    const cancelForm = priya.getByRole("form", { name: "Cancel the meeting" });
    await cancelForm.getByRole("group", { name: "Which to cancel" }).getByLabel("This one and the rest of the series: 2 meetings in all").check();
    await cancelForm.getByLabel("A word to the people invited (optional)").fill("We pause over the summer.");
    const question = new RegExp(
      `^Cancel 2 meetings of “${escapeRegExp(MEETING.title)}”: this one \\(.+\\) and the rest of the series\\? Everyone invited who has not said they are not going will be told\\. This cannot be undone\\.$`,
    );
    // Asked first: saying no sends nothing and cancels nothing.
    const declined = priya.waitForEvent("dialog").then(async (dialog) => {
      expect(dialog.type()).toBe("confirm");
      expect(dialog.message()).toMatch(question);
      await dialog.dismiss();
    });
    await cancelForm.getByRole("button", { name: "Cancel the meeting" }).click();
    await declined;
    await priya.waitForTimeout(300);
    expect(new URL(priya.url()).pathname, "still on the change page").toBe(editPath);
    await visit(tomasz, meetingsPath);
    expect(await tomasz.getByRole("region", { name: "Cancelled" }).count(), "nothing cancelled yet").toBe(0);

    // Saying yes cancels both, in one go.
    await visit(priya, editPath);
    await cancelForm.getByRole("group", { name: "Which to cancel" }).getByLabel("This one and the rest of the series: 2 meetings in all").check();
    priya.once("dialog", (dialog) => void dialog.accept());
    await Promise.all([
      priya.waitForURL((url) => /^\/reunions\/[0-9a-f-]{36}$/.test(url.pathname)),
      cancelForm.getByRole("button", { name: "Cancel the meeting" }).click(),
    ]);
    await expectVisible(priya.getByText("This meeting has been cancelled."));
    await screenshot(priya, "peer-groups-meeting-cancelled");

    // Tomasz, who had not answered, is told once; his lists keep the first meeting under "Coming up" and the other two apart.
    await visit(tomasz, meetingsPath);
    const cancelledMeetings = tomasz.getByRole("region", { name: "Cancelled" }).getByRole("listitem");
    await expect.poll(() => cancelledMeetings.count()).toBe(2);
    expect(await cancelledMeetings.getByRole("link", { name: /^Answer the invitation/ }).count(), "nothing to answer on a cancelled meeting").toBe(0);
    await visit(tomasz, "/reunions");
    expect(await tomasz.getByRole("region", { name: "Coming up" }).getByRole("link", { name: MEETING.title, exact: true }).count()).toBe(1);
    expect(await tomasz.getByRole("region", { name: "Cancelled" }).getByRole("link", { name: MEETING.title, exact: true }).count()).toBe(2);
    await visit(tomasz, "/notifications");
    await expectVisible(tomasz.getByText(`Cancelled: ${MEETING.title} (2 meetings)`).first());
  });

  test("a participant asks for a mentor, sees the matching mentor among the suggestions, asks her, and she accepts: both see the pair's space, where a private note stays private and a shared goal is shared", async () => {
    const [grace, chloe] = await Promise.all([e2e.newPage(), e2e.newPage()]);
    await Promise.all([signIn(grace, GRACE.email), signIn(chloe, CHLOE.email)]);
    const goal = `Hold a difficult conversation about performance without losing the person (${run}).`;

    // 7. Grace asks for a mentor on difficult conversations.
    await visit(grace, "/mentoring/requests/new");
    await grace.getByLabel("Your goal").fill(goal);
    await grace.getByLabel("Topics").fill("difficult conversations, giving feedback");
    await grace.getByRole("group", { name: "Where your mentor may come from" }).getByLabel("A mentor from my organisation").check();
    await Promise.all([
      grace.waitForURL((url) => /^\/mentoring\/requests\/[0-9a-f-]{36}$/.test(url.pathname)),
      grace.getByRole("button", { name: "Find a mentor" }).click(),
    ]);
    const requestPath = new URL(grace.url()).pathname;
    await expectVisible(grace.getByRole("heading", { level: 1, name: "My request for a mentor" }));
    await expectVisible(grace.getByText(goal));

    // Chloé offers difficult conversations with two free places: she is suggested, and first.
    const suggestions = grace.getByRole("region", { name: "Suggested mentors" });
    const chloeCard = suggestions.getByRole("listitem").filter({ has: grace.getByRole("heading", { level: 3, name: CHLOE.name }) });
    await expectVisible(chloeCard);
    expect(await suggestions.getByRole("heading", { level: 3 }).first().textContent()).toBe(CHLOE.name);
    await expectVisible(chloeCard.getByText("Your organisation · 2 free places"));
    await expectVisible(chloeCard.getByText("difficult conversations", { exact: false }).first());
    await screenshot(grace, "mentoring-suggestions");
    await chloeCard.getByLabel(`Message to ${CHLOE.name} (optional)`).fill("Your offer on difficult conversations is exactly what I need.");
    await Promise.all([grace.waitForURL((url) => url.pathname === requestPath && url.hash === "#asks"), chloeCard.getByRole("button", { name: `Ask ${CHLOE.name}` }).click()]);
    const asked = grace.getByRole("region", { name: "Mentors you asked" });
    await expectVisible(asked.getByRole("listitem").filter({ hasText: `${CHLOE.name}: Waiting for an answer` }));

    // Chloé finds the ask on /mentoring and accepts it; the pair's space opens.
    await visit(chloe, "/mentoring");
    const ask = chloe
      .getByRole("region", { name: "Asks waiting for your answer" })
      .getByRole("listitem")
      .filter({ has: chloe.getByRole("heading", { level: 3, name: GRACE.name }) });
    await expectVisible(ask);
    await expectVisible(ask.getByText(`Goal: ${goal}`));
    await Promise.all([chloe.waitForURL((url) => /^\/mentoring\/[0-9a-f-]{36}$/.test(url.pathname)), ask.getByRole("button", { name: `Accept ${GRACE.name}` }).click()]);
    const pairPath = new URL(chloe.url()).pathname;
    await expectVisible(chloe.getByRole("heading", { level: 1, name: `Mentoring ${GRACE.name}` }));
    await screenshot(chloe, "mentoring-pair-mentor");

    // Grace's request now shows the accepted ask, with the way into the same space.
    await visit(grace, requestPath);
    await expectVisible(asked.getByRole("listitem").filter({ hasText: `${CHLOE.name}: Accepted` }));
    await Promise.all([grace.waitForURL((url) => url.pathname === pairPath), asked.getByRole("link", { name: "Open the mentoring space" }).click()]);
    await expectVisible(grace.getByRole("heading", { level: 1, name: `Mentored by ${CHLOE.name}` }));
    await visit(grace, "/mentoring");
    await expectVisible(grace.getByRole("region", { name: "My mentoring pairs" }).getByRole("link", { name: `Mentored by ${CHLOE.name}` }));

    // 8. In the pair's space Grace keeps a private note and adds a shared goal.
    const note = `Ask how she opens the conversation; I always start with the numbers (${run}).`;
    const sharedGoal = `Prepare the first conversation with one team member (${run}).`;
    await visit(grace, pairPath);
    const notes = grace.getByRole("region", { name: "My private notes" });
    await notes.getByLabel("New note").fill(note);
    await Promise.all([grace.waitForURL((url) => url.pathname === pairPath && url.hash === "#notes"), notes.getByRole("button", { name: "Save note" }).click()]);
    await expectVisible(notes.getByRole("listitem").filter({ hasText: note }));
    await expect.poll(() => notes.getByLabel("New note").inputValue(), { message: "the note box is empty again" }).toBe("");
    // A second note half-written while she adds a goal: saving the goal empties only the goal's box.
    const halfNote = `Still thinking about this one (${run})`;
    await notes.getByLabel("New note").fill(halfNote);
    const goals = grace.getByRole("region", { name: "Shared goals" });
    await goals.getByLabel("New goal").fill(sharedGoal);
    await Promise.all([grace.waitForURL((url) => url.pathname === pairPath && url.hash === "#goals"), goals.getByRole("button", { name: "Add goal" }).click()]);
    await expectVisible(goals.getByRole("listitem").filter({ hasText: sharedGoal }));
    await expect.poll(() => goals.getByLabel("New goal").inputValue(), { message: "the goal box is empty again" }).toBe("");
    expect(await notes.getByLabel("New note").inputValue(), "the half-written note is kept").toBe(halfNote);

    // Chloé's view of the same space shows the shared goal, and not Grace's note.
    await visit(chloe, pairPath);
    const chloeGoals = chloe.getByRole("region", { name: "Shared goals" });
    await expectVisible(chloeGoals.getByRole("listitem").filter({ hasText: sharedGoal }));
    await expectVisible(chloeGoals.getByRole("button", { name: `Mark “${sharedGoal}” as done` }));
    const chloeNotes = chloe.getByRole("region", { name: "My private notes" });
    await expectVisible(chloeNotes.getByText(`Only you see these notes; ${GRACE.name} never does.`));
    expect(await chloeNotes.getByRole("listitem").count(), "Chloé has no notes of her own, and sees none of Grace's").toBe(0);
    expect(await chloe.getByText(note).count(), "Grace's private note is nowhere on Chloé's page").toBe(0);
    await screenshot(chloe, "mentoring-pair-goals");
  });

  test("an alumna sees her directory profile as others do and finds an alumnus of another organisation by expertise, until he stops showing himself to other organisations", async () => {
    const [priya, tomasz] = await Promise.all([e2e.newPage(), e2e.newPage()]);
    await Promise.all([signIn(priya, PRIYA.email), signIn(tomasz, TOMASZ.email)]);

    // 9. Priya's directory settings show what others see: her name and her expertise.
    await visit(priya, "/profile/directory");
    await expectVisible(priya.getByRole("heading", { level: 1, name: "Your directory profile" }));
    const preview = priya.getByRole("region", { name: "What others see" });
    const asColleague = preview.getByRole("article", { name: PRIYA.name }).first();
    await expectVisible(asColleague);
    for (const tag of PRIYA.expertise) await expectVisible(asColleague.getByRole("link", { name: tag, exact: true }));
    await expectVisible(preview.getByText("Alumni of other organisations that allow connections see:"));
    await screenshot(priya, "directory-preview");

    // 10. She searches the directory for an expertise and finds Tomasz, of the other organisation.
    await visit(priya, "/people");
    await priya.getByLabel("Name or expertise").fill("maintenance planning");
    await Promise.all([
      priya.waitForURL((url) => url.pathname === "/people" && url.searchParams.get("q") === "maintenance planning"),
      priya.getByRole("search", { name: "Search the directory" }).getByRole("button", { name: "Search" }).click(),
    ]);
    const searchPath = new URL(priya.url()).pathname + new URL(priya.url()).search;
    const resultFor = (name: string) => priya.getByRole("article").filter({ has: priya.getByRole("link", { name, exact: true }) });
    const tomaszCard = resultFor(TOMASZ.name);
    await expectVisible(tomaszCard);
    await expectVisible(tomaszCard.getByText(TOMASZ.org, { exact: true }));
    await expectVisible(tomaszCard.getByRole("link", { name: "maintenance planning", exact: true }));
    await expectVisible(resultFor(OSKAR.name));
    await screenshot(priya, "directory-search");
    await Promise.all([
      priya.waitForURL((url) => /^\/people\/[0-9a-f-]{36}$/.test(url.pathname)),
      tomaszCard.getByRole("link", { name: TOMASZ.name, exact: true }).click(),
    ]);
    const profilePath = new URL(priya.url()).pathname;
    await expectVisible(priya.getByRole("heading", { level: 1, name: TOMASZ.name }));
    for (const tag of TOMASZ.expertise) await expectVisible(priya.getByRole("link", { name: tag, exact: true }));

    // 11. Tomasz stops showing himself to other organisations.
    await visit(tomasz, "/profile/directory");
    const crossOrg = tomasz.getByLabel("Alumni of other organisations may see me");
    expect(await crossOrg.isChecked()).toBe(true);
    const saveSettings = async () =>
      Promise.all([
        tomasz.waitForURL((url) => url.pathname === "/profile/directory" && url.searchParams.get("saved") === "1"),
        tomasz.getByRole("button", { name: "Save directory settings" }).click(),
      ]);
    await crossOrg.uncheck();
    await saveSettings();
    await expectVisible(tomasz.getByText("Your directory settings are saved."));
    expect(await crossOrg.isChecked()).toBe(false);
    expect(await tomasz.getByText("Alumni of other organisations that allow connections see:").count(), "the preview no longer shows a view from elsewhere").toBe(0);

    // Priya's search no longer finds him (his colleague still shows), and his profile is a 404.
    await visit(priya, searchPath);
    await expectVisible(resultFor(OSKAR.name));
    expect(await resultFor(TOMASZ.name).count(), "hidden from other organisations").toBe(0);
    const hidden = await priya.goto(profilePath);
    expect(hidden?.status()).toBe(404);
    await expectVisible(priya.getByRole("heading", { level: 1, name: "We could not find that page" }));
    expect(await priya.getByText(TOMASZ.name).count(), "nothing of him on the 404 page").toBe(0);

    // He shows himself again, as the demo data had it; she finds him again.
    await visit(tomasz, "/profile/directory");
    await crossOrg.check();
    await saveSettings();
    await visit(priya, searchPath);
    await expectVisible(resultFor(TOMASZ.name));
  });
});
