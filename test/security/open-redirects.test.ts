// Open redirects (issue 20's security review): every place that sends a
// person on to an address built from the request (the sign-in's redirectTo,
// the sign-in page an anonymous visitor is sent to, a form that returns to
// the page's own query) only ever leads to a path on this site.
import { createOrg, createPublishedModule, createUser, sessionCookieFor, TEST_PASSWORD } from "../support/factories";
import { postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db, { AUTH_RATE_LIMIT_PER_MINUTE: "100000" });
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const ELSEWHERE = [
  "https://evil.example/",
  "//evil.example/",
  "///evil.example/",
  "/\\evil.example/",
  "\\\\evil.example/",
  "/\t/evil.example/",
  "/%2F%2Fevil.example/",
  "/%5Cevil.example/",
  "/..//evil.example/",
  "/.//evil.example/",
  "http:evil.example",
  "javascript:alert(document.cookie)",
  "data:text/html,<script>alert(1)</script>",
  " //evil.example",
  "\u3002evil.example",
  "/\u2215\u2215evil.example",
  "https:/\\evil.example",
  "/login?redirectTo=//evil.example",
  "/\r\nLocation: https://evil.example",
];

/** A Location stays on this site: resolved against our origin, it has our origin. */
function expectOnSite(location: string | null, label: string) {
  expect(location, label).toBeTruthy();
  const origin = server.services.config.publicOrigin;
  expect(new URL(location!, origin).origin, `${label} → ${location}`).toBe(origin);
  expect(location!.startsWith("/") && !location!.startsWith("//") && !location!.startsWith("/\\"), `${label} → ${location}`).toBe(true);
}

test("signing in with a redirectTo pointing elsewhere stays on Roundtable", async () => {
  const org = await createOrg(t.db);
  const user = await createUser(t.db, { orgId: org.id });
  for (const to of ELSEWHERE) {
    const res = await postForm(server, "/login", { email: user.email, password: TEST_PASSWORD, redirectTo: to });
    expect(res.status, JSON.stringify(to)).toBe(302);
    expectOnSite(res.headers.get("location"), JSON.stringify(to));
  }
});

test("an anonymous visitor sent to sign in from a crafted address is sent to our own sign-in page, and from there stays here", async () => {
  const org = await createOrg(t.db);
  const user = await createUser(t.db, { orgId: org.id });
  for (const path of ["//evil.example/profile", "/%2F%2Fevil.example/profile", "/profile?x=//evil.example", "/\\evil.example/profile"]) {
    const res = await server.request(path);
    await res.arrayBuffer();
    if (res.status !== 302) {
      expect(res.status, path).toBeLessThan(500);
      continue;
    }
    const location = res.headers.get("location");
    expectOnSite(location, path);
    const redirectTo = new URL(location!, server.url).searchParams.get("redirectTo");
    if (!redirectTo) continue;
    const signedIn = await postForm(server, "/login", { email: user.email, password: TEST_PASSWORD, redirectTo });
    expectOnSite(signedIn.headers.get("location"), `${path} then sign in`);
  }
});

test("forms that return to their page's own query return to this site whatever the query holds", async () => {
  const org = await createOrg(t.db);
  const moderator = await createUser(t.db, { orgId: org.id, roles: ["moderator"] });
  const author = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
  const module = await createPublishedModule(t.db, { authorId: author.id });
  const cookie = await sessionCookieFor(t.db, moderator.id);
  for (const query of ["?//evil.example", "?x=/\\evil.example", "?redirectTo=https://evil.example", "?%0d%0aLocation:%20https://evil.example"]) {
    const review = await postForm(server, `/review${query}`, { intent: "mindsets", mindsets: "reflection" }, cookie);
    expect(review.status, `/review${query}`).toBe(302);
    expectOnSite(review.headers.get("location"), `/review${query}`);
    const takeaway = await postForm(server, `/modules/${module.slug}/session${query}`, { text: "One thing I will try." }, cookie);
    expect(takeaway.status, `session${query}`).toBeLessThan(500);
    if (takeaway.status === 302) expectOnSite(takeaway.headers.get("location"), `session${query}`);
  }
});
