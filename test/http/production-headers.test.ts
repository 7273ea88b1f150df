// The headers a production deployment sends (NODE_ENV=production behind
// https): HSTS, a script policy of nonces only, no framing, and a session
// cookie that only this origin over TLS can set or read. The other tests run
// in test mode, where the cookie has no __Host- prefix and no HSTS is sent.
import { createOrg, createUser, TEST_PASSWORD } from "../support/factories";
import { formBody } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

const ORIGIN = "https://roundtable.example.com";
let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db, { NODE_ENV: "production", PUBLIC_ORIGIN: ORIGIN });
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

const directives = (csp: string) => new Map(csp.split(/;\s*/).map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)] as const));

test("every page sends HSTS, a CSP whose scripts need the page's nonce, and forbids framing", async () => {
  for (const path of ["/", "/login", "/no-such-page"]) {
    const res = await server.request(path);
    expect(res.headers.get("strict-transport-security"), path).toBe("max-age=31536000; includeSubDomains");
    const csp = directives(res.headers.get("content-security-policy")!);
    const scripts = csp.get("script-src")!;
    expect(scripts, path).not.toContain("'unsafe-inline'");
    expect(scripts, path).not.toContain("'unsafe-eval'");
    expect(scripts.filter((s) => s.startsWith("'nonce-")), path).toHaveLength(1);
    expect(csp.get("frame-ancestors"), path).toEqual(["'none'"]);
    expect(csp.get("object-src"), path).toEqual(["'none'"]);
    expect(csp.has("upgrade-insecure-requests"), path).toBe(true);
    expect(csp.get("connect-src"), path).toEqual(["'self'", "wss://roundtable.example.com"]);
    expect(res.headers.get("x-frame-options"), path).toBe("DENY");
  }
});

test("signing in sets a __Host- session cookie: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", async () => {
  const org = await createOrg(t.db);
  const user = await createUser(t.db, { orgId: org.id });
  const res = await server.request("/login", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
    body: formBody({ email: user.email, password: TEST_PASSWORD, redirectTo: "/" }),
  });
  expect(res.status).toBe(302);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-rt_session="));
  expect(cookie).toBeTruthy();
  const attributes = cookie!.split(/;\s*/).slice(1).map((a) => a.toLowerCase());
  expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
  expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
  // A form posted from another origin is refused before it reaches the action.
  const forged = await server.request("/login", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
    body: formBody({ email: user.email, password: TEST_PASSWORD, redirectTo: "/" }),
  });
  expect(forged.status).toBe(403);
  expect(forged.headers.getSetCookie().some((c) => c.includes("rt_session="))).toBe(false);
});
