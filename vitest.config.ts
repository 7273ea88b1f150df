import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    include: ["test/**/*.test.ts", "app/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    globals: true,
    pool: "forks",
    // Vitest's default on this 2-core machine is one worker (cores − 1); most test
    // files spend much of their time waiting on a server or a database, so two overlap well.
    maxWorkers: 2,
    minWorkers: 1,
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
