// Browser end-to-end tests: one real server (started by the global setup)
// and one Chromium per test file, files run one after another.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    globals: true,
    pool: "forks",
    fileParallelism: false,
    globalSetup: ["test/e2e/support/e2e-global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
