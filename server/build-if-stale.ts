// Runs a production `remix build` when there is none, when a source file is
// newer, or when `npm run dev` replaced it with a development build, so
// `npm start` and `npm test` always serve the current code.
//
// It is always a production build, whatever NODE_ENV the start runs with:
// `npm start` serves what production serves (`npm run dev` is the live
// reloading one). Remix's own lines ("building... (NODE_ENV=production)")
// would read as if the start ran in production, so they give way to one line
// of ours; anything else Remix says, such as a warning, is passed on.
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
  const why = !builtAt ? "there is no build yet" : !stamped ? "the last build was a development one" : "the sources changed since the last build";
  process.stdout.write(`Building the app, because ${why}…`);
  const started = Date.now();
  const remix = path.join(root, "node_modules", ".bin", "remix");
  // NO_COLOR: under CI=true Remix colours its lines (" info " in reverse video), which the filter below would miss.
  const result = spawnSync(remix, ["build"], { cwd: root, encoding: "utf8", env: { ...process.env, NODE_ENV: "production", NO_COLOR: "1" } });
  if (result.status !== 0) {
    process.stdout.write(" it failed:\n");
    process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? `${result.error.message}\n` : ""}`);
    process.exit(result.status ?? 1);
  }
  fs.writeFileSync(stampFile, String(fs.statSync(buildFile).mtimeMs));
  process.stdout.write(` done in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  // esbuild 0.17's service, which Remix drives, now and then dies of a goroutine deadlock as Remix
  // exits after a finished build (evanw/esbuild#4503); its dump says nothing about the build.
  const stderr = result.stderr.replace(/fatal error: all goroutines are asleep - deadlock![\s\S]*$/, "");
  const rest = `${result.stdout}${stderr}`
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .filter((line) => line.trim() && !/^\s*\[?info\]?\s+(building\.\.\.|built)(\s|$)/.test(line));
  if (rest.length) process.stderr.write(`${rest.join("\n")}\n`);
}
