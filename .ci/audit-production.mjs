// `npm audit --omit=dev` for CI: fails on a high or critical advisory in a
// production dependency unless .ci/audit-exceptions.json gives a written
// reason for it (docs/security.md). When the advisory service cannot be
// reached (this machine's registry answers 405 to the bulk endpoint) it says
// so plainly and does not pretend the dependencies were checked.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.log(`npm audit printed no report (exit ${run.status}):\n${run.stderr.slice(0, 500)}`);
  process.exit(1);
}
if (!report.vulnerabilities) {
  console.log(`NOT CHECKED: the advisory service did not answer (${report.message ?? report.error?.summary ?? "no report"}). Run \`npm audit --omit=dev\` where registry.npmjs.org's audit endpoint is reachable.`);
  process.exit(0);
}
const exceptions = JSON.parse(fs.readFileSync(new URL("./audit-exceptions.json", import.meta.url), "utf8"));
const serious = Object.values(report.vulnerabilities).filter((v) => v.severity === "high" || v.severity === "critical");
const unexplained = serious.filter((v) => !exceptions[v.name]?.reason);
for (const v of serious) console.log(`${v.severity}: ${v.name} ${v.range}${exceptions[v.name]?.reason ? ` — excepted: ${exceptions[v.name].reason}` : ""}`);
console.log(`${serious.length} high or critical advisories in production dependencies, ${unexplained.length} without a written reason.`);
process.exit(unexplained.length ? 1 : 0);
