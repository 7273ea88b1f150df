// The precompiled matchRoutes (server/http/precompiled-route-matching.ts)
// answers exactly as @remix-run/router's own does: on our real route tree,
// in the shapes the server runtime and React Router build from it, for every
// route's own path and for many generated ones.
import fc from "fast-check";
import { originalMatchRoutes, precompiledMatchRoutes, remixRouterModule } from "../../server/http/precompiled-route-matching";
import { loadBuild } from "../support/test-server";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };

const router = remixRouterModule();
const original = originalMatchRoutes();
const ours = precompiledMatchRoutes(router, original);

/** The tree as the server runtime builds it from the build's manifest (children in manifest order). */
async function serverRoutes(): Promise<Route[]> {
  const manifest = Object.values((await loadBuild()).routes) as { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }[];
  const childrenOf = (parentId: string): Route[] =>
    manifest
      .filter((r) => (r.parentId ?? "") === parentId)
      .map((r) => ({ id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: childrenOf(r.id) }));
  return childrenOf("");
}

function fullPaths(routes: Route[], parent = ""): string[] {
  return routes.flatMap((r) => {
    const path = r.path ? `${parent}/${r.path}`.replace(/\/+/g, "/") : parent;
    return [path || "/", ...fullPaths(r.children ?? [], path)];
  });
}

function expectSameAnswer(routes: Route[], location: string | { pathname: string }, basename?: string) {
  const expected = original(routes, location, basename);
  const actual = ours(routes, location, basename);
  expect(actual, JSON.stringify({ location, basename })).toEqual(expected);
  // The very route objects of the tree asked about, not look-alikes.
  expected?.forEach((m, i) => expect(actual![i]!.route).toBe(m.route));
}

let routes: Route[];
let samples: string[];
beforeAll(async () => {
  routes = await serverRoutes();
  const fill = (p: string, value: string) => p.replace(/:[\w-]+/g, value).replace(/\*$/, "a/b");
  samples = [...new Set(fullPaths(routes))].flatMap((p) => [fill(p, "some-slug"), fill(p, "0b5c5a57-6c1f-4f2e-9a53-3e1f0f6f1a11"), `${fill(p, "x")}/`, fill(p, "X").toUpperCase()]);
});

test("our route tree is the large one the port exists for", () => {
  expect(fullPaths(routes).length).toBeGreaterThan(80);
});

test("every route's own path, in the server runtime's tree and in fresh render trees of the same shape", () => {
  for (const path of samples) {
    expectSameAnswer(routes, path);
    // React Router builds a new tree for each render: same shape, other objects.
    expectSameAnswer(freshCopy(routes), path);
  }
});

test("generated paths, basenames and location objects", () => {
  // Both versions warn about each malformed %-escape, as the router does.
  vi.spyOn(console, "warn").mockImplementation(() => {});
  const staticSegments = [...new Set(fullPaths(routes).flatMap((p) => p.split("/")).filter((s) => s && !s.startsWith(":") && s !== "*"))];
  const segment = fc.oneof(
    fc.constantFrom(...staticSegments),
    fc.constantFrom("", "x", "123", "%20", "%2F", "a%2Fb", "caf%C3%A9", "%E0%A4%A", "..", ".", "UPPER", "a.ics", "trends.csv"),
    fc.string({ maxLength: 6 }),
  );
  const location = fc.tuple(fc.array(segment, { maxLength: 6 }), fc.constantFrom("", "/", "?q=a", "#top", "//")).map(([segments, tail]) => `/${segments.join("/")}${tail}`);
  fc.assert(
    fc.property(location, fc.constantFrom(undefined, "/", "/modules", "/Modules/", "/org"), fc.boolean(), (path, basename, asObject) => {
      expectSameAnswer(routes, asObject ? { pathname: path.split(/[?#]/)[0]! } : path, basename);
    }),
    { numRuns: 3000 },
  );
});

test("trees the port does not cover go to the original", () => {
  const optional: Route[] = [{ id: "root", path: "", children: [{ id: "about", path: ":lang?/about" }, { id: "abs", path: "/abs" }] }];
  for (const path of ["/about", "/en/about", "/abs", "/nowhere"]) expectSameAnswer(optional, path);
  const indexWithChildren: Route[] = [{ id: "i", index: true, children: [{ id: "c", path: "c" }] }];
  expect(() => ours(indexWithChildren, "/c")).toThrow(/Index routes must not have child routes/);
});

/** A fresh copy of the tree, leaves without a children array, as React Router's data routes are. */
function freshCopy(tree: Route[]): Route[] {
  return tree.map((r) => ({ ...r, children: r.children?.length ? freshCopy(r.children) : undefined }));
}
