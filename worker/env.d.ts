// Optional settings that wrangler.toml leaves unset, so `wrangler types` cannot see them (contract §1).
declare namespace Cloudflare {
  interface Env {
    REPLAY_JWKS_URL?: string;
    REPLAY_JWT_ISSUER?: string;
    REPLAY_JWT_AUDIENCE?: string;
    REPLAY_MASTER_KEY_PREVIOUS?: string;
    CF_ACCESS_TEAM_DOMAIN?: string;
    CF_ACCESS_AUD?: string;
  }
}
