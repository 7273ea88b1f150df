// Server-only modules (*.server.ts) are emptied in the browser build, so a
// value imported from one and used while rendering is undefined in the
// browser: the page breaks on hydration although the server rendered it
// fine. This reads every route and component and fails when a component
// (a capitalised function) uses such a value. Types are fine: they vanish.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const files = ["app/routes", "app/components"].flatMap((dir) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith(".tsx"))
    .map((f) => path.join(dir, f)),
);

/** Names a file imports as values from *.server modules. */
function serverValueImports(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+"([^"]+\.server)"/g)) {
    if (m[1]) continue;
    for (const part of m[2]!.split(",")) {
      const name = part.trim();
      if (!name || name.startsWith("type ")) continue;
      names.push(name.split(/\s+as\s+/).pop()!.trim());
    }
  }
  return names;
}

/** The source of each top-level component: `export default function X` or `function X` with a capital letter. */
function componentBodies(source: string): { name: string; body: string }[] {
  const lines = source.split("\n");
  const bodies: { name: string; body: string }[] = [];
  let current: { name: string; lines: string[] } | null = null;
  for (const line of lines) {
    const start = /^(?:export\s+default\s+)?function\s+([A-Z]\w*)\s*\(/.exec(line) ?? /^export\s+default\s+function\s*\(/.exec(line);
    const otherTopLevel = /^(?:export\s+)?(?:async\s+)?(?:function|const|let|type|class)\s/.test(line);
    if (start) {
      if (current) bodies.push({ name: current.name, body: current.lines.join("\n") });
      current = { name: start[1] ?? "default", lines: [line] };
    } else if (otherTopLevel && current) {
      bodies.push({ name: current.name, body: current.lines.join("\n") });
      current = null;
    } else if (current) current.lines.push(line);
  }
  if (current) bodies.push({ name: current.name, body: current.lines.join("\n") });
  return bodies;
}

test.each(files)("%s renders nothing that lives only on the server", (file) => {
  const source = fs.readFileSync(path.join(ROOT, file), "utf8");
  const names = serverValueImports(source);
  const misuses = componentBodies(source).flatMap(({ name, body }) =>
    names.filter((n) => new RegExp(`\\b${n}\\b`).test(body)).map((n) => `${n} in ${name}`),
  );
  expect(misuses, `${file} uses server-only values while rendering; pass them from the loader or move them to a plain module`).toEqual([]);
});

test("the check finds a server-only value used while rendering", () => {
  const source = `import { LIMIT, load } from "~/domain/x.server";\nexport async function loader() { return load(LIMIT); }\nexport default function Page() {\n  return <p>{LIMIT}</p>;\n}\n`;
  const names = serverValueImports(source);
  expect(names).toEqual(["LIMIT", "load"]);
  expect(componentBodies(source).filter((c) => /\bLIMIT\b/.test(c.body)).map((c) => c.name)).toEqual(["Page"]);
});
