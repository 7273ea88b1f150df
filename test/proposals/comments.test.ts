// Discussion: threaded comments on proposals and on the pages of a draft,
// "@Full Name" mentions that reach only people who can see the thread,
// resolving threads, hidden comments, and the limits on what is posted.
import { and, eq } from "drizzle-orm";
import { comments, moduleAuthors, notifications } from "../../db/schema";
import { mentionCandidates } from "../../app/domain/comments/mention-names";
import { commentOnProposal } from "../../app/domain/proposals/discuss-proposal.server";
import { createPublishedModule, sessionCookieFor, uniqueWord } from "../support/factories";
import { decodeEntities, mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { person, propose, proposalSetting, type Person } from "./proposal-setting";
import { messageIn } from "../../app/domain/i18n/translators";

let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const cookie = (p: Person) => sessionCookieFor(t.db, p.id);
const pageHtml = async (id: string, p: Person) => (await server.request(`/proposals/${id}`, { headers: { Cookie: await cookie(p) } })).text();
const mentionsOf = (userId: string) => t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, "mention")));
const commentsOnProposal = (proposalId: string) => t.db.select().from(comments).where(eq(comments.proposalId, proposalId)).orderBy(comments.createdAt);

describe("discussing a proposal", () => {
  test("people comment and reply in threads; the text shows as typed, line breaks kept and markup left as text", async () => {
    const { proposer, colleague } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    const body = `I would join.\nEspecially for <b>night shifts</b> ${uniqueWord()}`;
    const first = await postForm(server, `/proposals/${proposal.id}`, { intent: "comment", body }, await cookie(colleague));
    expect(first.status).toBe(302);
    const [root] = await commentsOnProposal(proposal.id);
    expect(first.headers.get("location")).toBe(`/proposals/${proposal.id}#comment-${root!.id}`);
    expect(root).toMatchObject({ authorId: colleague.id, body, parentId: null, moduleId: null, pageId: null });

    const reply = await postForm(server, `/proposals/${proposal.id}`, { intent: "reply", parentId: root!.id, body: "Thank you, noted." }, await cookie(proposer));
    expect(reply.status).toBe(302);
    const [, second] = await commentsOnProposal(proposal.id);
    expect(second).toMatchObject({ parentId: root!.id, authorId: proposer.id });

    const html = await pageHtml(proposal.id, colleague);
    expect(html).toContain("Especially for &lt;b&gt;night shifts&lt;/b&gt;");
    expect(html).not.toContain("<b>night shifts</b>");
    expect(decodeEntities(html)).toContain("I would join.\nEspecially");
    const replies = /<ol class="comment-replies">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
    expect(mainText(`<main>${replies}</main>`)).toContain("Thank you, noted.");
    expect(mainText(html)).toContain("Discussion (2)");
  });

  test("an empty or over-long comment is refused with a clear message, and the text is kept", async () => {
    const { proposer, colleague } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    const empty = await postForm(server, `/proposals/${proposal.id}`, { intent: "comment", body: " \n " }, await cookie(colleague));
    expect(empty.status).toBe(400);
    expect(mainText(await empty.text())).toContain("Write a comment before posting.");

    const long = `${uniqueWord()} ${"x".repeat(5000)}`;
    const res = await postForm(server, `/proposals/${proposal.id}`, { intent: "comment", body: long }, await cookie(colleague));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(mainText(html)).toContain(`Keep your comment under 5,000 characters. It has ${long.length.toLocaleString("en-GB")}.`);
    expect(html).toContain(long);
    expect(await commentsOnProposal(proposal.id)).toHaveLength(0);
  });

  test("a reply to a comment of another proposal is refused", async () => {
    const { proposer, colleague } = await proposalSetting(t.db);
    const here = await propose(t.db, proposer);
    const there = await propose(t.db, proposer);
    const elsewhere = await commentOnProposal(t.db, colleague, there.id, { parentId: null, body: "Over there." });
    const res = await postForm(server, `/proposals/${here.id}`, { intent: "reply", parentId: elsewhere.id, body: "Sneaky." }, await cookie(colleague));
    expect(res.status).toBe(400);
    expect(mainText(await res.text())).toContain("The comment you replied to is no longer there. Your reply was not posted.");
    expect(await commentsOnProposal(here.id)).toHaveLength(0);
  });

  test("every comment but your own can be reported; a hidden comment shows only that a moderator hid it", async () => {
    const { proposer, colleague } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    const secret = `Something rude ${uniqueWord()}`;
    const rude = await commentOnProposal(t.db, colleague, proposal.id, { parentId: null, body: secret });
    const own = await commentOnProposal(t.db, proposer, proposal.id, { parentId: null, body: "My own words." });
    const html = await pageHtml(proposal.id, proposer);
    expect(html).toContain(`href="/reports/new?comment=${rude.id}"`);
    expect(html).not.toContain(`href="/reports/new?comment=${own.id}"`);

    await t.db.update(comments).set({ hiddenAt: new Date() }).where(eq(comments.id, rude.id));
    const after = await pageHtml(proposal.id, proposer);
    expect(mainText(after)).toContain("This comment was hidden by a moderator.");
    expect(after).not.toContain(secret);
  });

  test("the proposer or a moderator marks a thread resolved and reopens it; others cannot", async () => {
    const { proposer, colleague, moderator } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    const thread = await commentOnProposal(t.db, colleague, proposal.id, { parentId: null, body: "Which mindset fits best?" });
    const reply = await commentOnProposal(t.db, proposer, proposal.id, { parentId: thread.id, body: "Reflection." });
    const resolvedAt = async () => (await t.db.select().from(comments).where(eq(comments.id, thread.id)))[0]!.resolvedAt;

    expect((await postForm(server, `/proposals/${proposal.id}`, { intent: "resolve", commentId: thread.id }, await cookie(colleague))).status).toBe(403);
    expect(await resolvedAt()).toBeNull();
    expect(mainText(await pageHtml(proposal.id, colleague))).not.toContain("Mark thread resolved");

    expect((await postForm(server, `/proposals/${proposal.id}`, { intent: "resolve", commentId: thread.id }, await cookie(proposer))).status).toBe(302);
    expect(await resolvedAt()).not.toBeNull();
    expect(mainText(await pageHtml(proposal.id, colleague))).toContain(`Resolved by ${proposer.name} on`);

    expect((await postForm(server, `/proposals/${proposal.id}`, { intent: "reopen", commentId: thread.id }, await cookie(moderator))).status).toBe(302);
    expect(await resolvedAt()).toBeNull();

    const onReply = await postForm(server, `/proposals/${proposal.id}`, { intent: "resolve", commentId: reply.id }, await cookie(proposer));
    expect(onReply.status).toBe(400);
    expect(mainText(await onReply.text())).toContain("Only a whole thread can be marked resolved, from its first comment.");
  });
});

describe("mentions", () => {
  test("candidate names are the up to four words after each @, longest first, without trailing punctuation", () => {
    expect(mentionCandidates("Thanks @Ann Lee, see you")).toEqual([["ann lee, see you", "ann lee, see", "ann lee,", "ann lee", "ann"]]);
    expect(mentionCandidates("mail ann@example.com")).toEqual([]);
    expect(mentionCandidates("@Bo\n@Cy Dee")).toEqual([["bo @cy dee", "bo @cy", "bo"], ["cy dee", "cy"]]);
  });

  test("mentioning someone by full name, in any case, notifies them once with a link to the thread", async () => {
    const { orgA, proposer, colleague } = await proposalSetting(t.db);
    const word = uniqueWord();
    const ann = await person(t.db, orgA.id, ["alumnus"], `Ann ${word}`);
    const annLee = await person(t.db, orgA.id, ["alumnus"], `Ann ${word} Lee`);
    const proposal = await propose(t.db, proposer);
    const body = `@ann ${word} lee what do you think? And again, @Ann ${word} Lee. Also @${colleague.name}!`;
    const res = await postForm(server, `/proposals/${proposal.id}`, { intent: "comment", body }, await cookie(proposer));
    const commentId = res.headers.get("location")!.split("#comment-")[1];

    const told = await mentionsOf(annLee.id);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ link: `/proposals/${proposal.id}#comment-${commentId}`, title: `${proposer.name} mentioned you on the proposal “${proposal.title}”` });
    // The longest name that matches wins: plain "Ann <word>" was not meant.
    expect(await mentionsOf(ann.id)).toHaveLength(0);
    expect(await mentionsOf(colleague.id)).toHaveLength(1);
  });

  test("a reply's mention links to its thread, and nobody is told of a thread they cannot see", async () => {
    const { proposer, colleague, outsider } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    const root = await commentOnProposal(t.db, proposer, proposal.id, { parentId: null, body: "Who has tried this?" });
    await commentOnProposal(t.db, proposer, proposal.id, { parentId: root.id, body: `@${colleague.name} and @${outsider.name}, any thoughts?` });
    expect((await mentionsOf(colleague.id))[0]!.link).toBe(`/proposals/${proposal.id}#comment-${root.id}`);
    // The outsider's organisation cannot see this private proposal.
    expect(await mentionsOf(outsider.id)).toHaveLength(0);

    const shared = await propose(t.db, proposer, { visibility: "public" });
    await commentOnProposal(t.db, proposer, shared.id, { parentId: null, body: `@${outsider.name} this one is for everyone.` });
    expect(await mentionsOf(outsider.id)).toHaveLength(1);
  });

  test("mentioning yourself tells nobody", async () => {
    const { proposer } = await proposalSetting(t.db);
    const proposal = await propose(t.db, proposer);
    await commentOnProposal(t.db, proposer, proposal.id, { parentId: null, body: `Note to self, @${proposer.name}.` });
    expect(await mentionsOf(proposer.id)).toHaveLength(0);
  });
});

describe("comments on the pages of a draft", () => {
  async function draftWithTeam() {
    const { orgA, proposer: lead, colleague: coauthor, participant, moderator, outsider } = await proposalSetting(t.db);
    // Its draft has the pages p1 to p6.
    const module = await createPublishedModule(t.db, { authorId: lead.id, ownerOrgId: orgA.id });
    await t.db.insert(moduleAuthors).values({ moduleId: module.id, userId: coauthor.id, role: "coauthor" });
    return { lead, coauthor, participant, moderator, outsider, module, href: `/modules/${module.slug}/comments` };
  }
  const getJson = async (href: string, p: Person) => {
    const res = await server.request(href, { headers: { Cookie: await cookie(p) } });
    return { status: res.status, body: await res.json() };
  };

  test("a co-author posts on a page and everyone who may open the draft reads it, grouped by page", async () => {
    const { lead, coauthor, moderator, href } = await draftWithTeam();
    const res = await postForm(server, href, { intent: "comment", pageId: "p2", body: "This question is too long.\nShorter?" }, await cookie(coauthor));
    expect(res.status).toBe(200);
    const posted = await res.json();
    expect(posted).toMatchObject({ ok: true, commentId: expect.any(String) });
    const reply = await postForm(server, href, { intent: "comment", pageId: "p2", parentId: posted.commentId, body: "Agreed." }, await cookie(lead));
    expect(reply.status).toBe(200);

    const asLead = await getJson(href, lead);
    expect(asLead.status).toBe(200);
    expect(asLead.body.canComment).toBe(true);
    expect(Object.keys(asLead.body.threadsByPage)).toEqual(["p2"]);
    const [thread] = asLead.body.threadsByPage.p2;
    expect(thread).toMatchObject({ id: posted.commentId, authorName: coauthor.name, body: "This question is too long.\nShorter?", resolvedAt: null });
    expect(thread.replies).toEqual([expect.objectContaining({ authorName: lead.name, body: "Agreed." })]);

    // A moderator may read along, but not write.
    const asModerator = await getJson(href, moderator);
    expect(asModerator.status).toBe(200);
    expect(asModerator.body.canComment).toBe(false);
    const refused = await postForm(server, href, { intent: "comment", pageId: "p2", body: "Let me in." }, await cookie(moderator));
    expect(refused.status).toBe(403);
    expect(messageIn("en", (await refused.json()).formError)).toBe("Only the authors of this module can comment on its draft.");
  });

  test("someone with no part in the draft gets a 404 for reading and for posting", async () => {
    const { participant, outsider, module, href } = await draftWithTeam();
    for (const who of [participant, outsider]) {
      expect((await getJson(href, who)).status).toBe(404);
      const res = await postForm(server, href, { intent: "comment", pageId: "p1", body: "Hello?" }, await cookie(who));
      expect(res.status).toBe(404);
    }
    expect(await t.db.select().from(comments).where(eq(comments.moduleId, module.id))).toHaveLength(0);
    expect((await server.request(href)).status).toBe(302);
  });

  test("a co-author resolves a page's thread; bad input is a 400 that hands back what was typed", async () => {
    const { coauthor, lead, href } = await draftWithTeam();
    const posted = await (await postForm(server, href, { intent: "comment", pageId: "p1", body: "Fix the title." }, await cookie(coauthor))).json();
    expect((await postForm(server, href, { intent: "resolve", commentId: posted.commentId }, await cookie(lead))).status).toBe(200);
    expect((await getJson(href, coauthor)).body.threadsByPage.p1[0].resolvedByName).toBe(lead.name);
    expect((await postForm(server, href, { intent: "reopen", commentId: posted.commentId }, await cookie(coauthor))).status).toBe(200);
    expect((await getJson(href, coauthor)).body.threadsByPage.p1[0].resolvedAt).toBeNull();

    const long = "y".repeat(5001);
    const bad = await postForm(server, href, { intent: "comment", pageId: "p1", body: long }, await cookie(coauthor));
    expect(bad.status).toBe(400);
    const answer = await bad.json();
    expect(messageIn("en", answer.fieldErrors.body)).toBe("Keep your comment under 5,000 characters. It has 5,001.");
    expect(answer.values.body).toBe(long);
  });

  test("a comment on a page the draft does not have is refused and nothing is stored; a reply follows its thread's page", async () => {
    const { coauthor, lead, module, href } = await draftWithTeam();
    for (const pageId of ["abc", "p7", "P1"]) {
      const res = await postForm(server, href, { intent: "comment", pageId, body: "Where does this go?" }, await cookie(coauthor));
      expect(res.status, pageId).toBe(400);
      const answer = await res.json();
      expect(messageIn("en", answer.fieldErrors.pageId)).toBe("That page is no longer in the draft, so your comment was not posted. It stays here to copy or post on another page.");
      expect(answer.values.body).toBe("Where does this go?");
    }
    expect(await t.db.select().from(comments).where(eq(comments.moduleId, module.id))).toHaveLength(0);

    const root = await (await postForm(server, href, { intent: "comment", pageId: "p6", body: "The last page is fine." }, await cookie(coauthor))).json();
    const reply = await postForm(server, href, { intent: "comment", pageId: "abc", parentId: root.commentId, body: "Agreed." }, await cookie(lead));
    expect(reply.status).toBe(200);
    const stored = await t.db.select({ pageId: comments.pageId }).from(comments).where(eq(comments.moduleId, module.id));
    expect(stored.map((c) => c.pageId)).toEqual(["p6", "p6"]);
  });

  test("a mention on a draft reaches its co-authors, not colleagues who cannot open it", async () => {
    const { lead, coauthor, participant, module, href } = await draftWithTeam();
    const res = await postForm(server, href, { intent: "comment", pageId: "p3", body: `@${coauthor.name} and @${participant.name}: thoughts?` }, await cookie(lead));
    const { commentId } = await res.json();
    const told = await mentionsOf(coauthor.id);
    expect(told).toHaveLength(1);
    expect(told[0]!.link).toBe(`/modules/${module.slug}/edit#comment-${commentId}`);
    expect(await mentionsOf(participant.id)).toHaveLength(0);
  });
});
