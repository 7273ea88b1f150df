// The site's icon: every page links the SVG, and /favicon.ico, which some
// clients ask for without reading the page, answers with a real icon.
import { createTestDatabase, type TestDatabase } from "../support/test-database";
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

test("every page links the SVG icon, and the icon is served", async () => {
  for (const page of ["/", "/login", "/no-such-page"]) {
    const html = await (await server.request(page)).text();
    expect(html, page).toMatch(/<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml"\/?>/);
  }
  const res = await server.request("/favicon.svg");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
  expect(await res.text()).toContain("<svg");
});

test("/favicon.ico answers with an icon file, not a 404", async () => {
  const res = await server.request("/favicon.ico");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  const body = Buffer.from(await res.arrayBuffer());
  // An ICO starts with reserved 0, type 1 (icon), then how many images it holds.
  expect([body.readUInt16LE(0), body.readUInt16LE(2)]).toEqual([0, 1]);
  expect(body.readUInt16LE(4)).toBeGreaterThan(0);
});
