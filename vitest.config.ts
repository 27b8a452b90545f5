import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { TEST_VARS } from "./test/helpers/test-vars.ts";

process.env.WRANGLER_SEND_METRICS = "false";

// Three projects: `unit` runs plain modules in Node, fast and in parallel; `worker` runs inside
// workerd with real local D1/R2 (the Workers pool); `e2e` runs in Node and drives Debian's Chromium
// against a real `wrangler dev`.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    test: {
      projects: [
        {
          test: {
            name: "unit",
            include: ["test/unit/**/*.test.ts"],
            environment: "node",
            // Every test starts with the real globals, timers and no spies: no file has to undo its own.
            restoreMocks: true,
            unstubGlobals: true,
            setupFiles: ["./test/helpers/real-timers.ts"],
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: { bindings: { ...TEST_VARS, TEST_MIGRATIONS: migrations } },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts"],
            setupFiles: ["./test/helpers/worker/apply-migrations.ts"],
            restoreMocks: true,
            unstubGlobals: true,
            // Key generation and many sequential requests are slow on a loaded 2-core machine;
            // a timeout is a hang guard here, never a speed assertion.
            testTimeout: 30_000,
          },
        },
        {
          test: {
            name: "e2e",
            include: ["test/e2e/**/*.test.ts"],
            environment: "node",
            testTimeout: 120_000,
            hookTimeout: 180_000,
            // One wrangler dev and one Chromium per file; two cores, so files run one at a time.
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
