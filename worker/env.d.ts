// Bindings `wrangler types` cannot see: secrets (set with `wrangler secret put`, or .dev.vars locally)
// and optional settings that wrangler.toml leaves unset (contract §1). `npm run cf-typegen` ignores
// .dev.vars so the generated file is the same on every machine.
declare namespace Cloudflare {
  interface Env {
    REPLAY_JWT_SECRET: string;
    REPLAY_ADMIN_JWT_SECRET: string;
    REPLAY_SIGNING_SECRET: string;
    REPLAY_MASTER_KEY: string;
    REPLAY_DEV?: string;
    REPLAY_JWKS_URL?: string;
    REPLAY_JWT_ISSUER?: string;
    REPLAY_JWT_AUDIENCE?: string;
    REPLAY_MASTER_KEY_PREVIOUS?: string;
    CF_ACCESS_TEAM_DOMAIN?: string;
    CF_ACCESS_AUD?: string;
  }
}
