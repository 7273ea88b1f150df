// Summarises a V8 .cpuprofile (node --cpu-prof; BENCH_CPU_PROF=<dir> runs
// ours with it): the functions with the most self time, and self time by
// package or folder. Usage: tsx bench/collab/cpuprofile-top.ts <file> [rows]
// [from-s to-s], the window in seconds after the profile started (the bench
// prints each typing window's offsets from the server's start).
import fs from "node:fs";
import path from "node:path";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, rowsArg, fromArg, toArg] = process.argv.slice(2);
if (!file) throw new Error("usage: tsx bench/collab/cpuprofile-top.ts <file.cpuprofile> [rows]");
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const rows = Number(rowsArg ?? 25);

// Self time per node: each sample's time delta goes to the node it hit.
const from = fromArg === undefined ? -Infinity : Number(fromArg) * 1e6;
const to = toArg === undefined ? Infinity : Number(toArg) * 1e6;
const selfUs = new Map<number, number>();
let at = 0;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at >= from && at <= to) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// Percentages are of busy time: the idle samples are counted apart.
let idle = 0;
for (const [id, us] of selfUs) {
  if (byId.get(id)!.callFrame.functionName === "(idle)") {
    idle += us;
    selfUs.delete(id);
  }
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  if (!url) return "(native/V8)";
  const u = url.replace(/^file:\/\//, "");
  const nm = u.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = u.slice(nm + 13).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (u.startsWith("node:")) return "node internals";
  const rel = path.relative(process.cwd(), u);
  return rel.startsWith("..") ? u : path.dirname(rel);
};

const fnSelf = new Map<string, number>();
const pkgSelf = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const key = `${functionName || "(anonymous)"} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ""} [${where(url)}]`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + us);
  pkgSelf.set(where(url), (pkgSelf.get(where(url)) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`.padStart(6);
console.log(`${file}: ${(total / 1e6).toFixed(1)} s busy and ${(idle / 1e6).toFixed(1)} s idle over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s; percentages of busy time`);
console.log("\nSelf time by function:");
for (const [k, us] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`${pct(us)}  ${k}`);
console.log("\nSelf time by package or folder:");
for (const [k, us] of [...pkgSelf].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(us)}  ${k}`);
