// What the HTTP layer does with odd, hostile or unsupported requests, and the
// headers every response carries.
import http from "node:http";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { mainText, sessionSetCookie } from "../support/http-helpers";
import { startTestServer, type TestServer } from "../support/test-server";

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

const loginForm = () => new URLSearchParams({ email: "someone@example.test", password: "whatever it is", redirectTo: "/" });

describe("malformed cookies", () => {
  const cookies: [string, string][] = [
    ["garbage", "garbage;;;===; =;rt_session;%%;\"quoted\"=\"x"],
    ["a very long cookie", `tracking=${"x".repeat(12_000)}`],
    ["a very long session cookie", `rt_session=${"a".repeat(9000)}`],
    ["percent signs in the session cookie", "rt_session=%%%"],
    ["an empty session cookie", "rt_session="],
    ["a session cookie without a value", "rt_session"],
    ["a token of the right shape that was never issued", `rt_session=${"b".repeat(32)}`],
  ];
  for (const [label, cookie] of cookies) {
    test(`public pages still answer 200 with ${label}`, async () => {
      for (const path of ["/", "/login", "/signup"]) {
        const res = await server.request(path, { headers: { Cookie: cookie } });
        expect(res.status, `${path} with ${label}`).toBe(200);
        expect(mainText(await res.text())).not.toContain("Something went wrong");
      }
    });
  }

  test("an unusable session cookie is cleared", async () => {
    const res = await server.request("/", { headers: { Cookie: "rt_session=%%%" } });
    expect(res.status).toBe(200);
    expect(sessionSetCookie(res)).toMatch(/^rt_session=;.*Max-Age=0/);
  });
});

describe("unknown addresses and methods", () => {
  test("an unknown address gets the friendly not-found page with status 404", async () => {
    for (const path of ["/no-such-page", "/org/people/not-a-uuid/extra", "/admin/nothing/here"]) {
      const res = await server.request(path);
      expect(res.status, path).toBe(404);
      expect(mainText(await res.text())).toContain("We could not find that page");
    }
  });

  test("an address with a malformed %-escape is a 400, not a server error", async () => {
    for (const path of ["/%E0%A4%A", "/%", "/login%ZZ", "/build/%E0", "/org/people/%FF"]) {
      const res = await server.request(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect(await res.text()).toContain("That request did not work");
    }
  });

  for (const method of ["PUT", "DELETE", "PATCH"]) {
    test(`${method} is refused with 405 and an Allow header`, async () => {
      const res = await server.request("/login", {
        method,
        headers: { Origin: server.services.config.publicOrigin, "Content-Type": "application/x-www-form-urlencoded" },
        body: loginForm(),
      });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, POST");
      expect(await res.text()).toContain("Method not allowed");
    });
  }
});

describe("request bodies", () => {
  test("a body over 1 MiB is refused with 413", async () => {
    const body = `email=${"a".repeat(1024 * 1024 + 10)}`;
    const res = await server.request("/login", {
      method: "POST",
      headers: { Origin: server.services.config.publicOrigin, "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("more than Roundtable accepts in one go (1 MB)");
  });

  test("a declared length over 1 MiB is refused before the body is read", async () => {
    const url = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: "/login",
          method: "POST",
          headers: { Origin: server.services.config.publicOrigin, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(50 * 1024 * 1024) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", reject);
      req.flushHeaders();
    });
    expect(status).toBe(413);
  });

  test("a body that is not a form gets a 400, not a server error", async () => {
    for (const [type, body] of [
      ["application/json", "{not json at all"],
      ["multipart/form-data; boundary=nothing-here", "this is not multipart"],
      ["text/plain", "\u0000\u0001\u0002"],
    ] as const) {
      const res = await server.request("/login", { method: "POST", headers: { Origin: server.services.config.publicOrigin, "Content-Type": type }, body });
      expect(res.status, type).toBeGreaterThanOrEqual(400);
      expect(res.status, type).toBeLessThan(500);
    }
  });
});

describe("cross-site requests", () => {
  test("a POST from another origin is refused with 403", async () => {
    const res = await server.request("/login", {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: loginForm(),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("This form was sent from another site");
  });

  test("a POST marked Sec-Fetch-Site: cross-site is refused with 403", async () => {
    const res = await server.request("/login", {
      method: "POST",
      headers: { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/x-www-form-urlencoded" },
      body: loginForm(),
    });
    expect(res.status).toBe(403);
  });

  test("a POST with neither Origin nor Sec-Fetch-Site is refused with 403", async () => {
    const res = await server.request("/login", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: loginForm() });
    expect(res.status).toBe(403);
  });

  test("a POST marked Sec-Fetch-Site: same-origin is let through", async () => {
    const res = await server.request("/login", {
      method: "POST",
      headers: { "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded" },
      body: loginForm(),
    });
    // Reaches the sign-in action: the usual "do not match" answer.
    expect(res.status).toBe(400);
    expect(mainText(await res.text())).toContain("That email and password do not match an account.");
  });
});

describe("response headers", () => {
  test("a page carries a CSP whose nonce is on every script of the page", async () => {
    const res = await server.request("/login");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    const inline = scripts.filter((attrs) => !/\bsrc=/.test(attrs));
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);

    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  test("each page gets a fresh nonce", async () => {
    const nonceOf = async () => /'nonce-([^']+)'/.exec((await server.request("/")).headers.get("content-security-policy")!)?.[1];
    expect(await nonceOf()).not.toBe(await nonceOf());
  });

  test("the health check answers {ok: true}", async () => {
    const res = await server.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  test("every response has an X-Request-Id, whatever its status", async () => {
    const origin = server.services.config.publicOrigin;
    const responses = await Promise.all([
      server.request("/healthz"),
      server.request("/"),
      server.request("/no-such-page"),
      server.request("/profile"),
      server.request("/favicon.ico"),
      server.request("/login", { method: "DELETE" }),
      server.request("/login", { method: "POST", headers: { Origin: "https://evil.example" } }),
      server.request("/login", { method: "POST", headers: { Origin: origin, "Content-Type": "application/json" }, body: "{" }),
    ]);
    const ids = new Set<string>();
    for (const res of responses) {
      const id = res.headers.get("x-request-id");
      expect(id, `${res.url} ${res.status}`).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(id!);
      await res.arrayBuffer();
    }
    expect(ids.size).toBe(responses.length);
  });
});
