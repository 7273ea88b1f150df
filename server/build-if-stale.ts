// Runs a production `remix build` when there is none, when a source file is
// newer, or when `npm run dev` replaced it with a development build, so
// `npm start` and `npm test` always serve the current code.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildFile = path.join(root, "build", "index.js");
const stampFile = path.join(root, "build", ".production-build");
const sources = ["app", "db", "remix.config.js", "package-lock.json", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), stat.mtimeMs);
}

const builtAt = fs.existsSync(buildFile) ? fs.statSync(buildFile).mtimeMs : 0;
const stamped = fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === String(builtAt);
const newest = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
if (!builtAt || !stamped || builtAt < newest) {
  console.log(!builtAt ? "No build yet; building…" : !stamped ? "Replacing the development build…" : "Sources changed since the last build; building…");
  const result = spawnSync("npx", ["remix", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stampFile, String(fs.statSync(buildFile).mtimeMs));
}
