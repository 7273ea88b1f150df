// A peer group's discussion: threads and replies, "@Full Name" mentions that
// reach members only, a notice to every member of a new thread, and reports
// on a post that stay inside the group and its organisation's moderators.
import { and, asc, eq } from "drizzle-orm";
import { comments, notifications, reviewItems } from "../../../db/schema";
import { postToGroupDiscussion } from "../../../app/domain/groups/discussion/group-discussion.server";
import { findVisibleComment } from "../../../app/domain/comments/visible-comment.server";
import { createPeerGroup } from "../../support/factories";
import { decodeEntities, mainText } from "../../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { startTestServer, type TestServer } from "../../support/test-server";
import { asPerson, spaceSetting, type Person } from "./space-setting";
import { nestedMessageIn } from "../../../app/domain/i18n/translators";

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

const { get, post } = asPerson(() => server, () => t.db);
const postsOf = (groupId: string) => t.db.select().from(comments).where(eq(comments.groupId, groupId)).orderBy(asc(comments.createdAt));
const noticesOf = (userId: string, kind: string) => t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

test("members start a thread and reply; every other member hears of the new thread, not of each reply", async () => {
  const { convener, member, guest, outsider, group } = await spaceSetting(t.db);
  const here = `/groups/${group.id}/discussion`;
  const started = await post(here, { intent: "post", body: "Who has tried <b>vibration</b> sensors on pumps?" }, member);
  expect(started.status).toBe(302);
  const [root] = await postsOf(group.id);
  expect(started.headers.get("location")).toBe(`${here}#comment-${root!.id}`);
  expect(root).toMatchObject({ groupId: group.id, authorId: member.id, parentId: null, proposalId: null, moduleId: null });

  const replied = await post(here, { intent: "reply", parentId: root!.id, body: "We did, on the cooling loop." }, guest);
  expect(replied.status).toBe(302);
  const [, reply] = await postsOf(group.id);
  expect(reply).toMatchObject({ parentId: root!.id, authorId: guest.id, groupId: group.id });

  const html = await (await get(here, convener)).text();
  expect(html).toContain("Who has tried &lt;b&gt;vibration&lt;/b&gt; sensors on pumps?");
  const replies = /<ol class="comment-replies">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  expect(mainText(`<main>${replies}</main>`)).toContain("We did, on the cooling loop.");

  const told = async (p: Person) => (await noticesOf(p.id, "group")).map((n) => n.link);
  expect(await told(convener)).toEqual([`${here}#comment-${root!.id}`]);
  expect(await told(guest)).toEqual([`${here}#comment-${root!.id}`]);
  // Not the author, not for the reply, and nobody outside the group.
  expect(await told(member)).toEqual([]);
  expect(await told(outsider)).toEqual([]);
});

test("an @mention of a member tells them; a mention of someone outside the group tells nobody", async () => {
  const { convener, member, guest, outsider, group } = await spaceSetting(t.db);
  const here = `/groups/${group.id}/discussion`;
  expect((await post(here, { intent: "post", body: `@${guest.name} and @${outsider.name}, what do you think?` }, member)).status).toBe(302);
  const [root] = await postsOf(group.id);
  const mentions = await noticesOf(guest.id, "mention");
  expect(mentions).toHaveLength(1);
  expect(mentions[0]).toMatchObject({ title: `${member.name} mentioned you on the discussion of ${group.name}`, link: `${here}#comment-${root!.id}` });
  // Told once: the mention, not also the new-thread notice.
  expect(await noticesOf(guest.id, "group")).toHaveLength(0);
  expect(await noticesOf(convener.id, "group")).toHaveLength(1);
  expect(await noticesOf(outsider.id, "mention")).toHaveLength(0);
  expect(await noticesOf(outsider.id, "group")).toHaveLength(0);

  // In a reply, a mention still reaches the member mentioned, and only them.
  await postToGroupDiscussion(t.db, guest, group.id, { parentId: root!.id, body: `Thanks @${convener.name}.` });
  expect(await noticesOf(convener.id, "mention")).toHaveLength(1);
  expect(await noticesOf(member.id, "group")).toHaveLength(0);
});

test("an empty or over-long post, or a reply to a post of another group, is refused and the text kept", async () => {
  const { convener, member, group, orgA } = await spaceSetting(t.db);
  const here = `/groups/${group.id}/discussion`;
  const empty = await post(here, { intent: "post", body: " \n " }, member);
  expect(empty.status).toBe(400);
  expect(mainText(await empty.text())).toContain("Write a comment before posting.");

  const long = `zqlong ${"x".repeat(4000)}`;
  const tooLong = await post(here, { intent: "post", body: long }, member);
  expect(tooLong.status).toBe(400);
  const html = await tooLong.text();
  expect(mainText(html)).toContain(`Keep your comment under 4,000 characters. It has ${long.length.toLocaleString("en-GB")}.`);
  expect(decodeEntities(html)).toContain(long);

  const other = await createPeerGroup(t.db, { orgId: orgA.id, convenerIds: [convener.id] });
  const elsewhere = await postToGroupDiscussion(t.db, convener, other.id, { parentId: null, body: "Over there." });
  const wrongThread = await post(here, { intent: "reply", parentId: elsewhere.id, body: "zqreply kept" }, member);
  expect(wrongThread.status).toBe(400);
  const wrongHtml = await wrongThread.text();
  expect(mainText(wrongHtml)).toContain("The comment you replied to is no longer there. Your reply was not posted.");
  expect(wrongHtml).toContain("zqreply kept");
  expect(await postsOf(group.id)).toHaveLength(0);
});

describe("reporting a post in a group's discussion", () => {
  test("a member reports it; people outside the group cannot even open the report form", async () => {
    const { member, guest, outsider, moderator, group } = await spaceSetting(t.db);
    const posted = await postToGroupDiscussion(t.db, guest, group.id, { parentId: null, body: "zqreported An unkind remark." });
    const form = await get(`/reports/new?comment=${posted.id}`, member);
    expect(form.status).toBe(200);
    expect(mainText(await form.text())).toContain("zqreported An unkind remark.");
    for (const person of [outsider, moderator]) {
      expect((await get(`/reports/new?comment=${posted.id}`, person)).status).toBe(404);
      expect((await post(`/reports/new?comment=${posted.id}`, { reason: "Prying" }, person)).status).toBe(404);
    }
    const sent = await post(`/reports/new?comment=${posted.id}`, { reason: "It is unkind." }, member);
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe(`/groups/${group.id}/discussion?reported=1`);
  });

  test("the moderators of the group's organisation handle it and may hide it; a moderator of another organisation sees nothing", async () => {
    const { member, guest, moderator, moderatorOfB, group, orgA } = await spaceSetting(t.db);
    const posted = await postToGroupDiscussion(t.db, guest, group.id, { parentId: null, body: "zqhideme Something to hide." });
    expect((await post(`/reports/new?comment=${posted.id}`, { reason: "Off topic and rude." }, member)).status).toBe(302);
    const [item] = (await t.db.select().from(reviewItems).where(eq(reviewItems.kind, "report"))).filter((i) => nestedMessageIn("en", i.title) === `Report: A comment in the discussion of the group “${group.name}”`);
    expect(item!.ownerOrgId).toBe(orgA.id);
    const reportPath = `/review/reports/${item!.reportId}`;

    // Moderator B: not in the queue, and a 404 on the report, so the text never shows.
    expect(mainText(await (await get("/review", moderator)).text())).toContain(group.name);
    expect(mainText(await (await get("/review", moderatorOfB)).text())).not.toContain(group.name);
    const refused = await get(reportPath, moderatorOfB);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain("zqhideme");
    expect((await post(reportPath, { intent: "hidden" }, moderatorOfB)).status).toBe(404);

    const page = await get(reportPath, moderator);
    expect(page.status).toBe(200);
    expect(mainText(await page.text())).toContain("zqhideme Something to hide.");
    expect((await post(reportPath, { intent: "hidden", note: "" }, moderator)).status).toBe(302);

    const discussion = mainText(await (await get(`/groups/${group.id}/discussion`, member)).text());
    expect(discussion).toContain("This comment was hidden by a moderator.");
    expect(discussion).not.toContain("zqhideme");
  });

  test("one rule decides who sees a group's comment: members, and a moderator of its organisation only to handle a report", async () => {
    const { member, outsider, orgAdmin, moderator, moderatorOfB, group } = await spaceSetting(t.db);
    const posted = await postToGroupDiscussion(t.db, member, group.id, { parentId: null, body: "Members only." });
    await expect(findVisibleComment(t.db, member, posted.id)).resolves.toMatchObject({ ownerOrgId: group.orgId, link: `/groups/${group.id}/discussion#comment-${posted.id}` });
    for (const person of [outsider, orgAdmin, moderator, moderatorOfB]) await expect(findVisibleComment(t.db, person, posted.id)).rejects.toMatchObject({ status: 404 });
    await expect(findVisibleComment(t.db, moderator, posted.id, { forModerator: true })).resolves.toBeTruthy();
    await expect(findVisibleComment(t.db, moderatorOfB, posted.id, { forModerator: true })).rejects.toMatchObject({ status: 404 });
    await expect(findVisibleComment(t.db, orgAdmin, posted.id, { forModerator: true })).rejects.toMatchObject({ status: 404 });
  });
});
