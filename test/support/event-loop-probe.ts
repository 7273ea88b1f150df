// How long the event loop was held by work in this process. A setInterval
// probe measures each gap between ticks, and the CPU time the process used
// in it: a late tick with little CPU spent means the machine was busy with
// other processes (the test machine is shared), not that we blocked; a late
// tick with the CPU spent means something here held the loop.
const TICK_MS = 10;

export function startEventLoopProbe() {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let maxBlockedMs = 0;
  let maxLagMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const lag = now - last - TICK_MS;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    maxLagMs = Math.max(maxLagMs, lag);
    maxBlockedMs = Math.max(maxBlockedMs, Math.min(lag, cpuMs));
    last = now;
    lastCpu = process.cpuUsage();
  }, TICK_MS);
  return {
    /** The longest the loop was held by this process's own work, and the longest tick delay of any cause, in ms. */
    stop() {
      clearInterval(timer);
      return { maxBlockedMs, maxLagMs };
    },
  };
}

/** CPU milliseconds this process spent running `fn` (synchronous), which is what it held the loop for. */
export function cpuMsOf(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
