// Server-only modules (*.server.ts, and @remix-run/node) are emptied in the
// browser build, so a value imported from one is undefined in the browser:
// the page breaks on hydration although the server rendered it fine. This
// reads every module of app/ that can reach the browser and fails when code
// the browser keeps uses such a value: a component, a helper it calls, a
// browser export, or a top-level expression such as a zod schema (the
// compare page's revisionNumberField). Types are fine: they vanish.
// test/browser-route-modules.test.ts loads the built modules as a second check.
import fs from "node:fs";
import path from "node:path";
import { browserReachableServerValues } from "./support/browser-reachable-server-values";

const ROOT = path.resolve(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

const isServerOnly = (file: string) => /\.server\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file) || file === path.join("app", "entry.server.tsx");
const isRoute = (file: string) => file.startsWith(path.join("app", "routes") + path.sep) || file === path.join("app", "root.tsx");
const files = sourceFiles("app").filter((f) => !isServerOnly(f));

test("the check reads routes, components, forms and plain domain modules", () => {
  for (const f of ["app/routes/modules.$slug.compare.tsx", "app/root.tsx", "app/components/revision-approvers.ts", "app/forms/use-form-errors.ts", "app/domain/policy.ts"]) {
    expect(files).toContain(path.join(...f.split("/")));
  }
  expect(files.some((f) => f.endsWith(".server.ts"))).toBe(false);
});

test.each(files)("%s uses nothing in the browser that lives only on the server", (file) => {
  const misuses = browserReachableServerValues(file, fs.readFileSync(path.join(ROOT, file), "utf8"), { isRoute: isRoute(file) });
  expect(
    misuses.map((m) => `${m.name} from ${m.from}, used by ${m.usedBy}`),
    `${file} uses server-only values in code that runs in the browser; pass them from the loader or move them to a plain module`,
  ).toEqual([]);
});

const check = (text: string, isRoute = true) => browserReachableServerValues("x.tsx", text, { isRoute }).map((m) => `${m.name} in ${m.usedBy}`);

test("the check finds a server-only value used while rendering", () => {
  const source = `import { LIMIT, load } from "~/domain/x.server";\nexport async function loader() { return load(LIMIT); }\nexport default function Page() {\n  return <p>{LIMIT}</p>;\n}\n`;
  expect(check(source)).toEqual(["LIMIT in default"]);
});

test("the check finds a server-only value in a schema built when the module loads, as on the compare page", () => {
  const source = `import { json } from "@remix-run/node";\nimport { compare, numberField } from "~/domain/h.server";\nconst query = z.object({ from: numberField("first") });\nexport async function loader() { return json(await compare(query.parse({}))); }\nexport default function Page() { return null; }\n`;
  expect(check(source)).toEqual(["numberField in query"]);
});

test("the check follows helpers, default and namespace imports, relative paths and browser exports", () => {
  expect(check(`import * as H from "./h.server";\nfunction label() { return H.text; }\nexport default function Page() { return label(); }\n`)).toEqual(["H in label"]);
  expect(check(`import text from "../h.server.ts";\nexport const meta = () => [{ title: text }];\n`)).toEqual(["text in meta"]);
  expect(check(`import { Boundary } from "./b.server";\nexport const ErrorBoundary = Boundary;\n`)).toEqual(["Boundary in ErrorBoundary"]);
  expect(check(`import { json } from "@remix-run/node";\nexport function clientLoader() { return json({}); }\n`)).toEqual(["json in clientLoader"]);
});

test("the check leaves alone what the browser build drops: loader, action, headers, what only they use, and types", () => {
  const source = [
    `import { json, redirect, type LoaderFunctionArgs } from "@remix-run/node";`,
    `import { type Row, load, save } from "~/domain/x.server";`,
    `import type { Other } from "~/domain/y.server";`,
    `const parseId = (raw: string) => load(raw);`,
    `const fail = () => json({ ok: false }, { status: 400 });`,
    `export async function loader({ params }: LoaderFunctionArgs) { return json(await parseId(params.id!)); }`,
    `export async function action() { await save(); return redirect("/"); }`,
    `export const headers = () => ({ "Cache-Control": String(fail()) });`,
    `export default function Page() { const data = useLoaderData<typeof loader>() as Row & Other; return <p>{data.name}</p>; }`,
  ].join("\n");
  expect(check(source)).toEqual([]);
});

test("outside routes any value from a server module is a mistake, used or not", () => {
  expect(check(`import { helper } from "~/domain/x.server";\nexport const unused = 1;\n`, false)).toEqual(["helper in this module (it is not a route, so nothing in it is server-only)"]);
  expect(check(`import type { Row } from "~/domain/x.server";\nexport const f = (r: Row) => r;\n`, false)).toEqual([]);
  expect(check(`export { helper } from "~/domain/x.server";\n`, false)).toEqual(["{ helper } in a re-export"]);
});
