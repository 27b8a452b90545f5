import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { TEST_VARS } from "./test/helpers/test-vars.ts";

process.env.WRANGLER_SEND_METRICS = "false";

/**
 * The Workers pool reads .dev.vars like wrangler dev does, and `npm start` writes one (REPLAY_DEV,
 * dev secrets, `*` origins): every name in it that the tests do not set themselves is emptied for
 * them (empty means unset to the worker's config), so `npm test` after `npm start` tests the same
 * configuration as on a fresh clone.
 */
function unsetDevVars(): Record<string, string> {
  const file = path.join(import.meta.dirname, ".dev.vars");
  if (!existsSync(file)) return {};
  const names = readFileSync(file, "utf8")
    .split("\n")
    .map((line) => /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && !(name in TEST_VARS));
  return Object.fromEntries(names.map((name) => [name, ""]));
}

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
              miniflare: { bindings: { ...unsetDevVars(), ...TEST_VARS, TEST_MIGRATIONS: migrations } },
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
