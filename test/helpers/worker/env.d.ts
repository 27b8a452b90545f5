declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}

// Vite's `?raw` imports (used to read wrangler.toml's cron string in tests).
declare module "*?raw" {
  const text: string;
  export default text;
}
