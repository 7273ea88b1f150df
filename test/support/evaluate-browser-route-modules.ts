// Run as a child process by test/browser-route-modules.test.ts: loads the
// browser build's manifest and every route module in it, as a browser does
// when it navigates, in a happy-dom window. Prints one JSON line per route:
// whether the module evaluated, what its exports are, and which values of
// server-only modules (emptied by the build) it read while loading.
//
// Usage: tsx evaluate-browser-route-modules.ts <public dir> <manifest url>
import path from "node:path";
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import { Window } from "happy-dom";

const [publicDir, manifestUrl] = process.argv.slice(2) as [string, string];
const buildUrl = pathToFileURL(path.join(publicDir, "build") + path.sep).href;

// "/build/…" is an address on the site: map it to the file, as the static server does.
// The build turns every emptied module (*.server, @remix-run/node) into
// `(a,b)=>{b.exports={}}`; the loader swaps that body for an object whose
// missing properties are reported, so a read of a server-only value is seen.
const hooks = `
  const buildUrl = ${JSON.stringify(buildUrl)};
  export async function resolve(specifier, context, next) {
    if (specifier.startsWith("/build/")) return { url: buildUrl + specifier.slice("/build/".length), shortCircuit: true };
    return next(specifier, context);
  }
  export async function load(url, context, next) {
    const result = await next(url, context);
    if (!url.startsWith(buildUrl) || !url.endsWith(".js")) return result;
    const file = url.slice(buildUrl.length);
    const source = String(result.source).replace(/\\((\\w+),\\s*(\\w+)\\)\\s*=>\\s*\\{\\s*\\2\\.exports\\s*=\\s*\\{\\s*\\}\\s*;?\\s*\\}/g,
      (_, a, b) => "(" + a + "," + b + ")=>{" + b + ".exports=globalThis.__serverOnlyModule(" + JSON.stringify(file) + ")}");
    return { ...result, source, format: "module" };
  }
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

// A browser's globals, from happy-dom; Node's own stay where both exist.
const window = new Window({ url: "http://localhost:3000/" });
for (const key of Object.getOwnPropertyNames(window)) {
  if (key in globalThis) continue;
  try {
    Object.defineProperty(globalThis, key, { value: (window as unknown as Record<string, unknown>)[key], configurable: true, writable: true });
  } catch {
    // A few of happy-dom's properties cannot be copied; no module needs them at load.
  }
}
Object.assign(globalThis, { window: globalThis, self: globalThis, document: window.document, navigator: window.navigator, location: window.location });

type Read = { name: string; module: string };
let reads: Read[] = [];
let emptiedModules = 0;
const emptied = new WeakSet<object>();
// Object.prototype's own names (toString, constructor…) are esbuild's and React's business, not a server value.
const inherited = new Set(Object.getOwnPropertyNames(Object.prototype));
(globalThis as Record<string, unknown>).__serverOnlyModule = (module: string) => {
  emptiedModules++;
  // esbuild's interop copies the module's prototype; a read missing on the copy lands here.
  const reporting = new Proxy(Object.create(null) as object, {
    get(_target, key) {
      if (typeof key === "symbol" || inherited.has(key) || key === "__esModule" || key === "then") return (Object.prototype as Record<PropertyKey, unknown>)[key];
      reads.push({ name: key, module });
      return undefined;
    },
  });
  const placeholder = Object.create(reporting) as object;
  emptied.add(placeholder);
  return placeholder;
};

type Manifest = { routes: Record<string, { id: string; module: string; hasErrorBoundary: boolean }> };

await import(manifestUrl);
const manifest = (globalThis as unknown as { __remixManifest: Manifest }).__remixManifest;
for (const route of Object.values(manifest.routes)) {
  reads = [];
  let error: string | null = null;
  let exports: Record<string, string> = {};
  try {
    const mod = (await import(route.module)) as Record<string, unknown>;
    // A resource route has no browser code: its module is an emptied one.
    exports = Object.fromEntries(Object.keys(mod).map((k) => [k, emptied.has(mod[k] as object) ? "emptied" : typeof mod[k]]));
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  console.log(JSON.stringify({ id: route.id, module: route.module, hasErrorBoundary: route.hasErrorBoundary, error, exports, serverReads: reads }));
}
console.log(JSON.stringify({ emptiedModules }));
process.exit(0);
