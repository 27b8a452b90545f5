/**
 * Vars and secrets for tests: fixed, test-only values (never used outside test runs). The
 * `dev-insecure-` prefix plus REPLAY_DEV keep them unusable in a real deployment.
 */
export const TEST_VARS = {
  REPLAY_DEV: "true",
  REPLAY_JWT_SECRET: "dev-insecure-test-jwt-secret-0123456789abcdef",
  REPLAY_SIGNING_SECRET: "dev-insecure-test-signing-secret-0123456789ab",
  REPLAY_MASTER_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
  REPLAY_ALLOWED_ORIGINS: "https://app.example.com",
  REPLAY_ADMIN_USERS: "listed-admin",
} as const;
