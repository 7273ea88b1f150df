// Ours stores every update in PostgreSQL, whose backend processes are not
// ours to start: left alone they would run on either core, on the load
// generator's too. This watcher pins the backends serving the bench database
// to the server's core (0) as they appear, and adds up their CPU time, so the
// report can show what durability costs beside the server's own CPU.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import postgres from "postgres";

const CLK_TCK = 100;

function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

export class PgBackends {
  private readonly sql;
  /** Last CPU reading of every backend seen, kept after it exits. */
  private readonly cpu = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  pinFailures = 0;

  constructor(
    baseUrl: string,
    private readonly database: string,
    private readonly core = "0",
  ) {
    this.sql = postgres(baseUrl, { max: 1, onnotice: () => {} });
  }

  start() {
    const tick = async () => {
      try {
        await this.poll();
      } catch {
        // the next tick tries again
      }
      if (this.timer) this.timer = setTimeout(tick, 500);
    };
    this.timer = setTimeout(tick, 0);
  }

  private async poll() {
    const rows = await this.sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${this.database}`;
    for (const { pid } of rows) {
      if (!this.cpu.has(pid)) {
        const pinned = spawnSync("taskset", ["-p", "-c", this.core, String(pid)], { stdio: "ignore" });
        if (pinned.status !== 0) this.pinFailures++;
      }
      const s = cpuSeconds(pid);
      if (s !== null) this.cpu.set(pid, s);
    }
    // Backends that exited keep their last reading.
  }

  /** CPU seconds used so far by the bench database's backends (read now). */
  async cpuSeconds() {
    await this.poll().catch(() => {});
    let total = 0;
    for (const s of this.cpu.values()) total += s;
    return total;
  }

  async stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.sql.end({ timeout: 1 });
  }
}
