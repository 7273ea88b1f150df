// The one way to run background work: a named job every N ms, never
// overlapping itself, errors logged, stopped on shutdown.
import { errorFields, type Logger } from "../log";

export type ScheduledJob = { stop: () => Promise<void> };

export function scheduleJob(name: string, everyMs: number, run: () => Promise<unknown>, log: Logger): ScheduledJob {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = run()
      .catch((error) => log.error(`job ${name} failed`, errorFields(error)))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  setImmediate(tick);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
