// Remix v2's router (@remix-run/router 1.x) flattens the whole route tree,
// ranks every branch and compiles a RegExp for each pattern it tries on every
// matchRoutes call, and a page calls it four or five times (the server
// runtime, lazy route discovery for each parent path, React Router's render).
// With our ~95 routes that was a third of the trivial route's CPU time
// (docs/decisions/034-page-speed.md). React Router 7 computes the branches
// once (remix-run/react-router#14967); this does the same for Remix v2: the
// same algorithm, ported, with the flattened, ranked branches and compiled
// patterns kept per route tree. It replaces the exported matchRoutes, which
// those callers reach through the module's exports; the static handler's own
// internal call keeps the original. test/http/precompiled-route-matching.test.ts
// checks it against the original on our real route tree.
import { createRequire } from "node:module";

type RouteLike = { path?: string; index?: boolean; caseSensitive?: boolean; children?: RouteLike[] };
type Location = { pathname?: string };
type Param = { paramName: string; isOptional?: boolean };
type Compiled = { matcher: RegExp; params: Param[] };
type Meta = { relativePath: string; caseSensitive: boolean; childrenIndex: number; at: number[]; end?: Compiled; partial?: Compiled };
// A branch's first static segment (lower-cased unless case-sensitive): a quick "cannot match" before any pattern runs.
type Lead = { segment: string; caseSensitive: boolean };
type Branch = { score: number; routesMeta: Meta[]; lead: Lead | null };
type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: RouteLike };
type MatchRoutes = (routes: RouteLike[], location: string | Location, basename?: string) => Match[] | null;

type RouterModule = {
  matchRoutes: MatchRoutes;
  parsePath: (path: string) => Location;
  stripBasename: (pathname: string, basename: string) => string | null;
  joinPaths: (paths: string[]) => string;
  normalizePathname: (pathname: string) => string;
  UNSAFE_decodePath: (value: string) => string;
};

const require = createRequire(import.meta.url);
const INSTALLED = Symbol.for("roundtable.precompiledRouteMatching");

/** The router the server runtime and React Router load (CommonJS: none of them has an "exports" map). */
export function remixRouterModule(): RouterModule {
  return require("@remix-run/router") as RouterModule;
}

const paramRe = /^:[\w-]+$/;
const isSplat = (s: string) => s === "*";

function computeScore(path: string, index: boolean | undefined) {
  const segments = path.split("/");
  let score = segments.length;
  if (segments.some(isSplat)) score += -2;
  if (index) score += 2;
  for (const segment of segments) {
    if (isSplat(segment)) continue;
    score += paramRe.test(segment) ? 3 : segment === "" ? 1 : 10;
  }
  return score;
}

function compareIndexes(a: number[], b: number[]) {
  const siblings = a.length === b.length && a.slice(0, -1).every((n, i) => n === b[i]);
  return siblings ? a[a.length - 1]! - b[b.length - 1]! : 0;
}

function compilePath(path: string, caseSensitive: boolean, end: boolean): Compiled {
  const params: Param[] = [];
  let source =
    "^" +
    path
      .replace(/\/*\*?$/, "")
      .replace(/^\/*/, "/")
      .replace(/[\\.*+^${}|()[\]]/g, "\\$&")
      .replace(/\/:([\w-]+)(\?)?/g, (_, paramName: string, isOptional: string | undefined) => {
        params.push({ paramName, isOptional: isOptional != null });
        return isOptional ? "/?([^\\/]+)?" : "/([^\\/]+)";
      });
  if (path.endsWith("*")) {
    params.push({ paramName: "*" });
    source += path === "*" || path === "/*" ? "(.*)$" : "(?:\\/(.+)|\\/*)$";
  } else if (end) {
    source += "\\/*$";
  } else if (path !== "" && path !== "/") {
    source += "(?:(?=\\/|$))";
  }
  return { matcher: new RegExp(source, caseSensitive ? undefined : "i"), params };
}

/**
 * The ranked branches of a route tree, as the original computes them on each
 * call, or null for a tree the port does not cover (optional segments,
 * absolute child paths, index routes with children): those go to the original.
 */
function rankedBranches(routes: RouteLike[], join: RouterModule["joinPaths"]): Branch[] | null {
  const branches: Branch[] = [];
  const walk = (list: RouteLike[], parentsMeta: Meta[], parentPath: string, at: number[]): boolean =>
    list.every((route, index) => {
      if (route.path?.includes("?") || route.path?.startsWith("/")) return false;
      const meta: Meta = { relativePath: route.path || "", caseSensitive: route.caseSensitive === true, childrenIndex: index, at: [...at, index] };
      const path = join([parentPath, meta.relativePath]);
      const routesMeta = parentsMeta.concat(meta);
      if (route.children && route.children.length > 0) {
        if (route.index === true) return false;
        if (!walk(route.children, routesMeta, path, meta.at)) return false;
      }
      if (route.path == null && !route.index) return true;
      branches.push({ score: computeScore(path, route.index), routesMeta, lead: leadOf(routesMeta) });
      return true;
    });
  if (!walk(routes, [], "", [])) return null;
  // Array.prototype.sort is stable, so equal branches keep the original's order.
  branches.sort((a, b) =>
    a.score !== b.score ? b.score - a.score : compareIndexes(a.routesMeta.map((m) => m.childrenIndex), b.routesMeta.map((m) => m.childrenIndex)),
  );
  return branches;
}

/**
 * Every route before the first one with a path matches "/" and consumes
 * nothing, so that route's pattern runs against the whole pathname and
 * starts with "/" + its first segment, followed by "/" or the end. For a
 * plain ASCII segment that is a test on the pathname's start (the patterns'
 * case-insensitive flag, without "u", never matches non-ASCII to ASCII).
 */
function leadOf(routesMeta: Meta[]): Lead | null {
  const first = routesMeta.find((m) => m.relativePath !== "");
  const segment = first?.relativePath.split("/")[0];
  if (!first || !segment || !/^[A-Za-z0-9_.~-]+$/.test(segment)) return null;
  return { segment: `/${first.caseSensitive ? segment : segment.toLowerCase()}`, caseSensitive: first.caseSensitive };
}

function mayMatch(lead: Lead, pathname: string, lowerCased: string) {
  const p = lead.caseSensitive ? pathname : lowerCased;
  return p.startsWith(lead.segment) && (p.length === lead.segment.length || p[lead.segment.length] === "/");
}

/** What the branches depend on: each route's path, index and case flags, and the tree's shape. */
function shapeOf(routes: RouteLike[]): string {
  let out = "";
  const walk = (list: RouteLike[]) => {
    for (const r of list) {
      out += `${r.path ?? "\u0000"}\u0001${r.index ? 1 : 0}${r.caseSensitive === true ? 1 : 0}`;
      if (r.children && r.children.length > 0) {
        out += "(";
        walk(r.children);
        out += ")";
      }
      out += ",";
    }
  };
  walk(routes);
  return out;
}

export function precompiledMatchRoutes(router: RouterModule, original: MatchRoutes): MatchRoutes {
  const { parsePath, stripBasename, joinPaths, normalizePathname, UNSAFE_decodePath: decodePath } = router;
  // The server runtime's tree lives as long as the build; React Router builds a new one per render, of the same shape.
  const byTree = new WeakMap<RouteLike[], Branch[] | null>();
  const byShape = new Map<string, Branch[] | null>();
  const branchesFor = (routes: RouteLike[]) => {
    let branches = byTree.get(routes);
    if (branches !== undefined) return branches;
    const shape = shapeOf(routes);
    branches = byShape.get(shape);
    if (branches === undefined) {
      branches = rankedBranches(routes, joinPaths);
      // A handful of shapes in practice (one build, its data and render trees); bounded all the same.
      if (byShape.size >= 64) byShape.clear();
      byShape.set(shape, branches);
    }
    byTree.set(routes, branches);
    return branches;
  };

  const matchMeta = (meta: Meta, end: boolean, pathname: string) => {
    const compiled = end ? (meta.end ??= compilePath(meta.relativePath, meta.caseSensitive, true)) : (meta.partial ??= compilePath(meta.relativePath, meta.caseSensitive, false));
    const match = pathname.match(compiled.matcher);
    if (!match) return null;
    const matchedPathname = match[0];
    let pathnameBase = matchedPathname.replace(/(.)\/+$/, "$1");
    const params: Record<string, string | undefined> = {};
    compiled.params.forEach(({ paramName, isOptional }, index) => {
      const value = match[index + 1];
      if (paramName === "*") pathnameBase = matchedPathname.slice(0, matchedPathname.length - (value || "").length).replace(/(.)\/+$/, "$1");
      params[paramName] = isOptional && !value ? undefined : (value || "").replace(/%2F/g, "/");
    });
    return { params, pathname: matchedPathname, pathnameBase };
  };

  const matchBranch = (routes: RouteLike[], branch: Branch, pathname: string): Match[] | null => {
    const matchedParams: Record<string, string | undefined> = {};
    let matchedPathname = "/";
    const matched: { meta: Meta; pathname: string; pathnameBase: string }[] = [];
    const { routesMeta } = branch;
    for (let i = 0; i < routesMeta.length; i++) {
      const meta = routesMeta[i]!;
      const remaining = matchedPathname === "/" ? pathname : pathname.slice(matchedPathname.length) || "/";
      const match = matchMeta(meta, i === routesMeta.length - 1, remaining);
      if (!match) return null;
      Object.assign(matchedParams, match.params);
      matched.push({ meta, pathname: joinPaths([matchedPathname, match.pathname]), pathnameBase: normalizePathname(joinPaths([matchedPathname, match.pathnameBase])) });
      if (match.pathnameBase !== "/") matchedPathname = joinPaths([matchedPathname, match.pathnameBase]);
    }
    // Only the branch that matched is resolved to this tree's route objects.
    return matched.map(({ meta, pathname: p, pathnameBase }) => {
      let list = routes;
      let route: RouteLike | undefined;
      for (const i of meta.at) {
        route = list[i]!;
        list = route.children ?? [];
      }
      return { params: matchedParams, pathname: p, pathnameBase, route: route! };
    });
  };

  return function matchRoutes(routes, locationArg, basename = "/") {
    const branches = branchesFor(routes);
    if (!branches) return original(routes, locationArg, basename);
    const location = typeof locationArg === "string" ? parsePath(locationArg) : locationArg;
    const pathname = stripBasename(location.pathname || "/", basename);
    if (pathname == null) return null;
    const decoded = decodePath(pathname);
    const lowerCased = decoded.toLowerCase();
    for (const branch of branches) {
      if (branch.lead && !mayMatch(branch.lead, decoded, lowerCased)) continue;
      const matches = matchBranch(routes, branch, decoded);
      if (matches) return matches;
    }
    return null;
  };
}

/** Puts the precompiled matchRoutes in place of the router's exported one; once per process. */
export function installPrecompiledRouteMatching() {
  const router = remixRouterModule() as RouterModule & { [INSTALLED]?: MatchRoutes };
  if (router[INSTALLED]) return;
  const original = router.matchRoutes;
  router.matchRoutes = precompiledMatchRoutes(router, original);
  router[INSTALLED] = original;
}

/** The router's own matchRoutes, whether or not ours is installed. */
export function originalMatchRoutes(): MatchRoutes {
  const router = remixRouterModule() as RouterModule & { [INSTALLED]?: MatchRoutes };
  return router[INSTALLED] ?? router.matchRoutes;
}
