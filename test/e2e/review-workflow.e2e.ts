// From idea to published module in real browsers, against the real server
// and its demo data: an alumna proposes a module, a colleague supports it, the
// moderator accepts it as an open draft, both alumni write it together, the
// moderator sends it back with a reason and then approves it, and a later
// edit waits for review while readers keep the published revision.
import type { Locator, Page } from "playwright-core";
import { expectVisible, linkIn, readLatestEmail, screenshot, signIn, uniqueEmail, useBrowser, visit } from "./support/browser";

const e2e = useBrowser();

const run = Date.now().toString(36);
const PROPOSER = { email: "alumna@demo.test", name: "Priya Raman" };
const MODERATOR = { email: "moderator@demo.test", name: "Sofia Lindqvist" };
const READER = { email: "participant@demo.test", name: "Grace Mensah" };
const ORG_ADMIN = "orgadmin@demo.test";
const COLLEAGUE = { email: uniqueEmail("colleague"), name: "Jonas Berg", password: "colleague password 5" };
const PROPOSAL = {
  title: `Saying no to the third priority ${run}`,
  challenge: "Every team lead gets more urgent requests than the team can carry, and saying no feels like letting people down.",
  questions: ["When did you last say no to a request, and what happened next?", "Which request on your desk today would you drop first?"],
};

const draft = (page: Page) => page.getByRole("textbox", { name: "Module draft" });
const saveStatus = (page: Page) => page.getByTestId("save-status");
const reviewState = (page: Page) => page.getByTestId("review-state");
const submissionState = (page: Page) => page.getByTestId("submission-state");
const bell = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Notifications, / });

/** Waits until `locator`'s whole text is `text`. */
async function expectText(locator: Locator, text: string, timeout = 15_000) {
  try {
    await locator.filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }).waitFor({ state: "visible", timeout });
  } catch (error) {
    const actual = await locator.textContent().catch(() => null);
    throw new Error(`expected "${text}", found "${actual}"`, { cause: error });
  }
}

async function expectDraftContains(page: Page, text: string, timeout = 15_000) {
  await draft(page).filter({ hasText: text }).waitFor({ state: "visible", timeout });
}

/** Clicks into `paragraph`, goes to the end of that line and types `text` like a person would. */
async function typeAtEnd(page: Page, paragraph: Locator, text: string) {
  await paragraph.click();
  await page.keyboard.press("End");
  await page.keyboard.type(text, { delay: 15 });
}

/** The unread count the bell announces (0 when none are unread). */
async function unreadCount(page: Page): Promise<number> {
  const name = (await bell(page).getAttribute("aria-label")) ?? "";
  const match = name.match(/^Notifications, (\d+) unread$/);
  if (match) return Number(match[1]);
  expect(name).toBe("Notifications, none unread");
  return 0;
}

async function openDraft(page: Page, editPath: string) {
  await visit(page, editPath);
  await expectVisible(page.getByRole("heading", { level: 1, name: new RegExp(PROPOSAL.title) }));
  await expectText(page.getByTestId("connection-status"), "Live");
  await expectVisible(draft(page));
}

/** The moderator opens the queue and follows the item with the module's title. */
async function openFromQueue(page: Page, kind: "Proposal" | "Draft") {
  await visit(page, "/review");
  await expectVisible(page.getByRole("heading", { level: 1, name: "Review queue" }));
  const item = page.getByTestId("review-item").filter({ hasText: kind }).filter({ has: page.getByRole("link", { name: PROPOSAL.title, exact: true }) });
  await expectVisible(item);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/review"), item.getByRole("link", { name: PROPOSAL.title, exact: true }).click()]);
}

/** An alumnus colleague of the proposer, invited by the organisation's admin and signed up through the email link. */
async function inviteColleague() {
  const admin = await e2e.newPage();
  await signIn(admin, ORG_ADMIN);
  await visit(admin, "/org/invite");
  await admin.getByLabel("Email", { exact: true }).fill(COLLEAGUE.email);
  await admin.getByLabel("Name (optional)").fill(COLLEAGUE.name);
  await admin.getByLabel("Participant", { exact: true }).uncheck();
  await admin.getByLabel("Alumnus", { exact: true }).check();
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expectVisible(admin.locator(".notice", { hasText: `Invitation sent to ${COLLEAGUE.email}` }));
  await admin.context().close();

  const mail = await readLatestEmail(e2e.browser, e2e.baseUrl, { to: COLLEAGUE.email, subjectContains: "invites you to Roundtable" });
  const page = await e2e.newPage();
  await visit(page, linkIn(mail));
  await page.getByLabel("Choose a password").fill(COLLEAGUE.password);
  await Promise.all([page.waitForURL((url) => url.pathname === "/profile"), page.getByRole("button", { name: "Create my account" }).click()]);
  return page;
}

describe("from proposal to published module", () => {
  test(
    "a proposal is supported, accepted, co-written, sent back with a reason, approved and published, and a later edit waits for review while readers keep the published revision",
    async () => {
      const colleague = await inviteColleague();
      const proposer = await e2e.newPage();
      const moderator = await e2e.newPage();
      await signIn(proposer, PROPOSER.email);
      await signIn(moderator, MODERATOR.email);

      // 1. The alumna proposes the module, for her organisation, open to co-authors.
      await visit(proposer, "/proposals/new");
      await proposer.getByLabel("Working title").fill(PROPOSAL.title);
      await proposer.getByLabel("The challenge it addresses").fill(PROPOSAL.challenge);
      await proposer.getByLabel("Mindset", { exact: true }).selectOption("collaboration");
      await proposer.getByLabel("Draft questions").fill(PROPOSAL.questions.join("\n"));
      await proposer.getByLabel("How co-authors would join").selectOption("open");
      await proposer.getByLabel("Who can see this proposal").selectOption("organisation");
      await Promise.all([
        proposer.waitForURL((url) => /^\/proposals\/[0-9a-f-]{36}$/.test(url.pathname)),
        proposer.getByRole("button", { name: "Send proposal" }).click(),
      ]);
      const proposalPath = new URL(proposer.url()).pathname;
      await expectVisible(proposer.getByRole("heading", { level: 1, name: PROPOSAL.title }));
      for (const question of PROPOSAL.questions) await expectVisible(proposer.getByRole("listitem").filter({ hasText: question }));
      await expectVisible(proposer.getByText("You made this proposal; support comes from the others who want it."));

      // 2. A colleague finds it among the proposals and supports it.
      await visit(colleague, "/proposals");
      await Promise.all([
        colleague.waitForURL((url) => url.pathname === proposalPath),
        colleague.getByRole("link", { name: PROPOSAL.title, exact: true }).click(),
      ]);
      await expectVisible(colleague.getByText("0 people support this proposal."));
      await colleague.getByRole("button", { name: "Support this proposal" }).click();
      await expectVisible(colleague.getByText("1 person supports this proposal, including you."));
      await expectVisible(colleague.getByRole("button", { name: "Withdraw my support" }));
      await visit(colleague, "/proposals");
      await expectVisible(colleague.locator(".proposal-card", { hasText: PROPOSAL.title }).getByText("1 supporter"));

      // 3. The moderator finds it in the review queue and accepts it as an open draft, led by the proposer.
      await openFromQueue(moderator, "Proposal");
      expect(new URL(moderator.url()).pathname).toBe(proposalPath);
      await expectVisible(moderator.getByText("1 person supports this proposal."));
      const decide = moderator.getByRole("region", { name: "Your decision as moderator" });
      await decide.getByLabel("Co-creation mode").selectOption("open");
      expect(await decide.getByLabel("Lead author").locator("option:checked").textContent()).toBe(`${PROPOSER.name} (proposer)`);
      await decide.getByRole("button", { name: "Accept proposal" }).click();
      await expectVisible(moderator.getByText(`The module “${PROPOSAL.title}” is being written, open to co-authors who want to join.`));
      await screenshot(moderator, "review-workflow-proposal-accepted");
      // Once decided, the proposal has left the queue.
      await visit(moderator, "/review");
      expect(await moderator.getByTestId("review-item").filter({ hasText: PROPOSAL.title }).count()).toBe(0);

      // 4. The colleague joins as co-author; both write in the same draft and see each other's words.
      await visit(colleague, proposalPath);
      await Promise.all([
        colleague.waitForURL((url) => /^\/modules\/[^/]+\/edit$/.test(url.pathname)),
        colleague.getByRole("button", { name: "Join as co-author" }).click(),
      ]);
      const editPath = new URL(colleague.url()).pathname;
      const slug = editPath.split("/")[2]!;
      await expectVisible(draft(colleague));
      await visit(proposer, proposalPath);
      await proposer.getByRole("link", { name: "Open the draft you are writing" }).click();
      await proposer.waitForURL((url) => url.pathname === editPath);
      await openDraft(proposer, editPath);
      await openDraft(colleague, editPath);
      const authors = proposer.getByRole("region", { name: "Authors" });
      await expectVisible(authors.getByRole("listitem").filter({ hasText: `${PROPOSER.name} (lead author)` }));
      await expectVisible(authors.getByRole("listitem").filter({ hasText: `${COLLEAGUE.name} (co-author)` }));

      const fromProposer = `Priya opens the module ${run}.`;
      const fromColleague = `Jonas adds the context ${run}.`;
      await typeAtEnd(proposer, draft(proposer).locator(".module-intro p").first(), fromProposer);
      await typeAtEnd(colleague, draft(colleague).locator(".module-page__context p").first(), fromColleague);
      await expectDraftContains(colleague, fromProposer);
      await expectDraftContains(proposer, fromColleague);
      await expectText(saveStatus(proposer), "Saved");
      await expectText(saveStatus(colleague), "Saved");
      await screenshot(proposer, "review-workflow-co-writing");

      // Beside the editor, the page's comments: the colleague asks the lead about this page with an @mention.
      const unreadBeforeMention = await unreadCount(proposer);
      const colleagueComments = colleague.getByRole("complementary", { name: "Comments on this page" });
      await expectVisible(colleagueComments.getByRole("heading", { name: /^Comments on Page 1/ }));
      const question = `@${PROPOSER.name} is this the right example here? ${run}`;
      await colleagueComments.getByLabel("Add a comment on this page").fill(question);
      await colleagueComments.getByRole("button", { name: "Post comment" }).click();
      await expectVisible(colleagueComments.getByText(question));
      await expect.poll(async () => (await colleagueComments.getByLabel("Add a comment on this page").inputValue()), { timeout: 10_000 }).toBe("");
      // The lead puts her cursor in that page and finds the question; her bell counts the mention.
      await draft(proposer).locator(".module-page__context p").first().click();
      await expectVisible(proposer.getByRole("complementary", { name: "Comments on this page" }).getByText(question));
      await visit(proposer, editPath);
      await openDraft(proposer, editPath);
      expect(await unreadCount(proposer)).toBeGreaterThan(unreadBeforeMention);

      // 5. The lead submits the draft for review.
      await proposer.getByRole("button", { name: "Submit for review" }).click();
      await expectVisible(proposer.getByRole("status").filter({ hasText: "Submitted. The reviewers see exactly this version" }));
      await expectVisible(reviewState(proposer).filter({ hasText: /^In review — round 1,/ }));
      const unreadBefore = await unreadCount(proposer);

      // 6. The moderator asks for changes: first without a reason, which is refused, then with one.
      await openFromQueue(moderator, "Draft");
      await expectVisible(moderator.getByRole("heading", { level: 1, name: `Review: ${PROPOSAL.title}` }));
      await expectVisible(moderator.getByRole("heading", { level: 2, name: "The new module, in full" }));
      await expectVisible(moderator.getByText(fromProposer));
      const reviewPath1 = new URL(moderator.url()).pathname;
      await moderator.getByRole("button", { name: "Request changes" }).click();
      await expectVisible(moderator.getByRole("alert").filter({ hasText: "Say what should change, so the authors know what to do." }));
      expect(new URL(moderator.url()).pathname).toBe(reviewPath1);
      await expectText(submissionState(moderator), "In review");
      await screenshot(moderator, "review-workflow-reason-missing");
      const reason = `Please give the first page a title ${run}.`;
      await moderator.getByLabel(/^Reason/).fill(reason);
      await moderator.getByRole("button", { name: "Request changes" }).click();
      await expectVisible(submissionState(moderator).filter({ hasText: `Changes requested by ${MODERATOR.name}` }));
      await expectVisible(moderator.locator("blockquote", { hasText: reason }));

      // The lead's bell counts the news.
      await visit(proposer, editPath);
      expect(await unreadCount(proposer)).toBeGreaterThan(unreadBefore);

      // 7. Both authors read the reason on the draft; they fix it and the lead submits again.
      for (const page of [proposer, colleague]) {
        await openDraft(page, editPath);
        await expectVisible(reviewState(page).filter({ hasText: "Changes requested" }));
        await expectVisible(page.getByRole("region", { name: "Review", exact: true }).locator("blockquote", { hasText: reason }));
      }
      await screenshot(colleague, "review-workflow-changes-requested");
      const pageTitle = `Three priorities ${run}`;
      await typeAtEnd(colleague, draft(colleague).locator(".module-page__title").first(), pageTitle);
      await expectDraftContains(proposer, pageTitle);
      await expectText(saveStatus(colleague), "Saved");
      await expectText(saveStatus(proposer), "Saved");
      await proposer.getByRole("button", { name: "Submit this version for review" }).click();
      await expectVisible(reviewState(proposer).filter({ hasText: /^In review — round 2,/ }));

      // 8. The moderator approves and publishes it.
      await openFromQueue(moderator, "Draft");
      expect(new URL(moderator.url()).pathname).not.toBe(reviewPath1);
      await expectVisible(moderator.getByText(pageTitle));
      await expectVisible(moderator.getByRole("region", { name: "Earlier rounds" }).getByText(`Round 1: Changes requested — “${reason}”`));
      await moderator.getByRole("button", { name: "Approve and publish" }).click();
      await expectVisible(submissionState(moderator).filter({ hasText: `Approved and published by ${MODERATOR.name}` }));
      await screenshot(moderator, "review-workflow-published");

      // 9. It is in the catalogue and its history names the moderator as approver.
      const reader = await e2e.newPage();
      await signIn(reader, READER.email);
      await visit(reader, `/modules?q=${encodeURIComponent(PROPOSAL.title)}`);
      const card = reader.locator("ol.module-list > li.module-card").filter({ has: reader.getByRole("link", { name: PROPOSAL.title, exact: true }) });
      await expectVisible(card);
      await visit(reader, `/modules/${slug}/history`);
      const revision = reader.getByRole("row").filter({ hasText: "Revision 1" });
      await expectVisible(revision);
      expect(await revision.getByRole("cell").nth(3).textContent()).toBe(`${MODERATOR.name} (moderator)`);
      expect(await reader.getByRole("row").filter({ hasText: /Revision \d/ }).count()).toBe(1);

      // 10. A later edit goes to review; readers keep reading revision 1 meanwhile.
      await openDraft(proposer, editPath);
      const later = ` A later thought from Priya ${run}.`;
      await typeAtEnd(proposer, draft(proposer).locator(".module-intro p").first(), later);
      await expectText(saveStatus(proposer), "Saved");
      await proposer.getByRole("button", { name: "Submit this version for review" }).click();
      await expectVisible(reviewState(proposer).filter({ hasText: /^In review — round 3,/ }));

      await visit(reader, `/modules/${slug}`);
      await expectVisible(reader.getByRole("heading", { level: 1, name: PROPOSAL.title }));
      await expectVisible(reader.getByText(fromProposer));
      await expectVisible(reader.getByText(pageTitle));
      expect(await reader.getByText(later.trim()).count(), "readers see an edit that is still in review").toBe(0);

      await openFromQueue(moderator, "Draft");
      await expectVisible(moderator.getByRole("heading", { level: 2, name: "Changes from the published revision 1" }));
      const added = moderator.locator(".module-diff ins").filter({ hasText: later.trim() });
      await expectVisible(added);
      expect(await moderator.locator(".module-diff del").count(), "nothing was removed").toBe(0);
      await screenshot(moderator, "review-workflow-later-edit-diff");
    },
    120_000,
  );
});
