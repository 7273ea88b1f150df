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
    // Each file still opens its own database and server, but a worker keeps
    // its loaded modules (the Remix build, the app's module graph, PGlite's
    // WebAssembly) from file to file instead of importing them again: the
    // PGlite run went from 882 s to 354 s. Files must not rely on fresh
    // module state; none does (the whole suite passes both ways).
    isolate: false,
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
