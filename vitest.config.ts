import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    include: ["test/**/*.test.ts", "app/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    globals: true,
    pool: "forks",
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
