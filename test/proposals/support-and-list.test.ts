// Supporting proposals (one vote each, which can be withdrawn) and the list
// at /proposals: its sort orders, its filters, and what another
// organisation never sees.
import { eq } from "drizzle-orm";
import { proposalSupports, proposals } from "../../db/schema";
import { ForbiddenError } from "../../app/domain/http-errors";
import { InputError } from "../../app/domain/input-error";
import { listProposals } from "../../app/domain/proposals/list-proposals.server";
import type { ProposalListParams } from "../../app/domain/proposals/proposal-list-params";
import { setSupport } from "../../app/domain/proposals/support-proposal.server";
import { createOrg, sessionCookieFor, uniqueWord } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { person, propose, proposalSetting, refusal, type Person } from "./proposal-setting";
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

const supportCount = async (proposalId: string) => (await t.db.select().from(proposalSupports).where(eq(proposalSupports.proposalId, proposalId))).length;
const list = (actor: Person, params: Partial<ProposalListParams> = {}) => listProposals(t.db, actor, { sort: "support", mindset: null, status: "open", ...params });

describe("support", () => {
  test("a colleague supports a proposal once, however often they press the button, and can withdraw it", async () => {
    const { proposer, colleague } = await proposalSetting(t.db);
    const { id } = await propose(t.db, proposer);
    const cookie = await sessionCookieFor(t.db, colleague.id);
    for (let i = 0; i < 3; i++) {
      const res = await postForm(server, `/proposals/${id}`, { intent: "support" }, cookie);
      expect(res.status).toBe(302);
    }
    expect(await supportCount(id)).toBe(1);
    const page = mainText(await (await server.request(`/proposals/${id}`, { headers: { Cookie: cookie } })).text());
    expect(page).toContain("1 person supports this proposal, including you.");
    expect(page).toContain("Withdraw my support");

    await postForm(server, `/proposals/${id}`, { intent: "unsupport" }, cookie);
    expect(await supportCount(id)).toBe(0);
    const after = mainText(await (await server.request(`/proposals/${id}`, { headers: { Cookie: cookie } })).text());
    expect(after).toContain("0 people support this proposal.");
    expect(after).toContain("Support this proposal");
  });

  test("the proposer does not vote for their own idea", async () => {
    const { proposer } = await proposalSetting(t.db);
    const { id } = await propose(t.db, proposer);
    const error = await refusal(setSupport(t.db, proposer, id, true));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).status).toBe(403);
    expect(messageIn("en", await (error as ForbiddenError).text())).toBe("This is your own proposal. Support comes from the others who want it.");
    expect(await supportCount(id)).toBe(0);
  });

  test("support on a decided proposal can no longer change", async () => {
    const { proposer, colleague } = await proposalSetting(t.db);
    const { id } = await propose(t.db, proposer);
    await setSupport(t.db, colleague, id, true);
    await t.db.update(proposals).set({ status: "declined", decisionReason: "Covered elsewhere." }).where(eq(proposals.id, id));
    const error = await refusal(setSupport(t.db, colleague, id, false));
    expect((error as InputError).status).toBe(409);
    expect(await supportCount(id)).toBe(1);
  });
});

describe("the list", () => {
  async function threeProposals() {
    // A fresh organisation each time, so the list holds only this test's proposals.
    const org = await createOrg(t.db);
    const proposer = await person(t.db, org.id, ["alumnus"]);
    const voters = await Promise.all([1, 2, 3].map(() => person(t.db, org.id, ["alumnus"])));
    const word = uniqueWord();
    const older = await propose(t.db, proposer, { title: `Older ${word}`, mindset: "action" });
    const popular = await propose(t.db, proposer, { title: `Popular ${word}`, mindset: "worldliness" });
    const newest = await propose(t.db, proposer, { title: `Newest ${word}`, mindset: "analysis" });
    await t.db.update(proposals).set({ createdAt: new Date("2030-01-01T00:00:00Z") }).where(eq(proposals.id, older.id));
    await t.db.update(proposals).set({ createdAt: new Date("2030-01-02T00:00:00Z") }).where(eq(proposals.id, popular.id));
    await t.db.update(proposals).set({ createdAt: new Date("2030-01-03T00:00:00Z") }).where(eq(proposals.id, newest.id));
    for (const voter of voters) await setSupport(t.db, voter, popular.id, true);
    await setSupport(t.db, voters[0]!, older.id, true);
    return { viewer: voters[0]!, older, popular, newest };
  }
  const titles = (items: { title: string }[]) => items.map((i) => i.title.split(" ")[0]);

  test("sorts by support by default, then by newest, or by mindset", async () => {
    const { viewer } = await threeProposals();
    expect(titles((await list(viewer)).items)).toEqual(["Popular", "Older", "Newest"]);
    expect(titles((await list(viewer, { sort: "newest" })).items)).toEqual(["Newest", "Popular", "Older"]);
    // Reflection, analysis, worldliness, collaboration, action: the order of the five mindsets.
    expect(titles((await list(viewer, { sort: "mindset" })).items)).toEqual(["Newest", "Popular", "Older"]);
    const counts = (await list(viewer)).items.map((i) => [i.supportCount, i.supportedByMe]);
    expect(counts).toEqual([
      [3, true],
      [1, true],
      [0, false],
    ]);
  });

  test("filters by mindset, and shows open proposals unless asked for others", async () => {
    const { viewer, older } = await threeProposals();
    expect(titles((await list(viewer, { mindset: "action" })).items)).toEqual(["Older"]);
    await t.db.update(proposals).set({ status: "declined" }).where(eq(proposals.id, older.id));
    expect(titles((await list(viewer)).items)).toEqual(["Popular", "Newest"]);
    expect(titles((await list(viewer, { status: "declined" })).items)).toEqual(["Older"]);
    expect((await list(viewer, { status: "all" })).items).toHaveLength(3);
  });

  test("the page reads its sort and filters from the address, and explains values it does not know", async () => {
    const { viewer } = await threeProposals();
    const cookie = await sessionCookieFor(t.db, viewer.id);
    const byNewest = mainText(await (await server.request("/proposals?sort=newest", { headers: { Cookie: cookie } })).text());
    expect(byNewest.indexOf("Newest")).toBeLessThan(byNewest.indexOf("Popular"));
    const odd = await server.request("/proposals?sort=loudest&mindset=greed&status=maybe", { headers: { Cookie: cookie } });
    expect(odd.status).toBe(200);
    const text = mainText(await odd.text());
    expect(text).toContain("That sort order is not one we know, so the list is sorted by support.");
    expect(text).toContain("That is not a mindset, so we show all five.");
    expect(text).toContain("That status is not one we know, so we show open proposals.");
  });
});

describe("privacy", () => {
  test("a proposal private to organisation A is a 404 for organisation B and missing from its list; a public one is seen by both", async () => {
    const { proposer, colleague, outsider } = await proposalSetting(t.db);
    const word = uniqueWord();
    const secret = await propose(t.db, proposer, { title: `Private ${word}` });
    const open = await propose(t.db, proposer, { title: `Shared ${word}`, visibility: "public" });
    const outsiderCookie = await sessionCookieFor(t.db, outsider.id);

    const res = await server.request(`/proposals/${secret.id}`, { headers: { Cookie: outsiderCookie } });
    expect(res.status).toBe(404);
    const page = mainText(await res.text());
    expect(page).toContain("We could not find that proposal.");
    expect(page).not.toContain(word);
    const post = await postForm(server, `/proposals/${secret.id}`, { intent: "support" }, outsiderCookie);
    expect(post.status).toBe(404);
    expect(await supportCount(secret.id)).toBe(0);

    const outsiderList = mainText(await (await server.request("/proposals?status=all", { headers: { Cookie: outsiderCookie } })).text());
    expect(outsiderList).toContain(`Shared ${word}`);
    expect(outsiderList).not.toContain(`Private ${word}`);
    expect((await list(colleague, { status: "all" })).items.map((i) => i.id)).toEqual(expect.arrayContaining([secret.id, open.id]));
    expect((await server.request(`/proposals/${open.id}`, { headers: { Cookie: outsiderCookie } })).status).toBe(200);
  });

  test("an address that is not a proposal id is a 404", async () => {
    const { colleague } = await proposalSetting(t.db);
    const cookie = await sessionCookieFor(t.db, colleague.id);
    for (const path of ["/proposals/not-a-uuid", "/proposals/00000000-0000-0000-0000-000000000000", "/proposals/1%27%20or%201%3D1"]) {
      const res = await server.request(path, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(404);
    }
    expect((await postForm(server, "/proposals/not-a-uuid", { intent: "support" }, cookie)).status).toBe(404);
  });
});
