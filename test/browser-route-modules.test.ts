// Every route of the built browser manifest, loaded as the browser loads it
// (in a happy-dom window, one fresh process): the module evaluates without
// throwing, exports what Remix calls as functions, and reads no value of a
// module the browser build emptied (*.server, @remix-run/node). The compare
// page once built a zod schema from a .server helper at load, so the browser
// threw "revisionNumberField is not a function" while the server was fine.
// test/browser-bundle-imports.test.ts finds the same in the sources, also
// inside components, which only run when a page renders.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT_DIR } from "../server/http-app";
import { loadBuild } from "./support/test-server";

type RouteResult = {
  id: string;
  module: string;
  hasErrorBoundary: boolean;
  error: string | null;
  exports: Record<string, string>;
  serverReads: { name: string; module: string }[];
};

// What Remix calls on a route module in the browser, and so must be functions when present.
const CALLED_BY_REMIX = ["default", "meta", "links", "ErrorBoundary", "shouldRevalidate", "clientLoader", "clientAction", "HydrateFallback", "Layout"];

let routes: RouteResult[] = [];
let emptiedModules = 0;

beforeAll(async () => {
  const build = await loadBuild();
  const { stdout } = await promisify(execFile)(
    path.join(ROOT_DIR, "node_modules", ".bin", "tsx"),
    [path.join(ROOT_DIR, "test", "support", "evaluate-browser-route-modules.ts"), path.join(ROOT_DIR, "public"), build.assets.url],
    { cwd: ROOT_DIR, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 },
  );
  const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as RouteResult | { emptiedModules: number });
  routes = lines.filter((l): l is RouteResult => "id" in l);
  emptiedModules = lines.flatMap((l) => ("emptiedModules" in l ? [l.emptiedModules] : []))[0] ?? 0;
}, 90_000);

test("every route of the built manifest is loaded, and the emptied server modules are watched", async () => {
  const build = await loadBuild();
  expect(routes.map((r) => r.id).sort()).toEqual(Object.keys(build.assets.routes).sort());
  // If the build stopped emptying modules the way the loader expects, the read check would be blind.
  expect(emptiedModules).toBeGreaterThan(0);
});

test("each route's browser module evaluates without throwing", () => {
  expect(routes.filter((r) => r.error).map((r) => `${r.id}: ${r.error}`)).toEqual([]);
});

test("each route's browser module reads no server-only value while it loads", () => {
  expect(routes.flatMap((r) => r.serverReads.map((read) => `${r.id} reads ${read.name} from an emptied module (${read.module})`))).toEqual([]);
});

test("what Remix calls on each route is a function, and no export is undefined", () => {
  const resourceRoute = (r: RouteResult) => Object.keys(r.exports).join() === "default" && r.exports.default === "emptied";
  const problems = routes.filter((r) => !r.error && !resourceRoute(r)).flatMap((r) => [
    ...Object.entries(r.exports)
      .filter(([name, type]) => type === "undefined" || (CALLED_BY_REMIX.includes(name) && type !== "function"))
      .map(([name, type]) => `${r.id}: ${name} is ${type}`),
    ...(r.hasErrorBoundary && r.exports.ErrorBoundary !== "function" ? [`${r.id}: the manifest promises an ErrorBoundary, but it is ${r.exports.ErrorBoundary}`] : []),
  ]);
  expect(problems).toEqual([]);
});
