/**
 * Vars and secrets for tests: fixed, test-only values (never used outside test runs). They are
 * production-like (no REPLAY_DEV): the Workers pool calls the worker on https://replay.test, which
 * is not a loopback host, so dev mode would refuse every request there.
 */
export const TEST_VARS = {
  REPLAY_JWT_SECRET: "test-only-recording-jwt-secret-0123456789abcdef",
  REPLAY_ADMIN_JWT_SECRET: "test-only-admin-jwt-secret-0123456789abcdefgh",
  REPLAY_SIGNING_SECRET: "test-only-signing-secret-0123456789abcdefghij",
  REPLAY_MASTER_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
  REPLAY_ALLOWED_ORIGINS: "https://app.example.com",
  REPLAY_ADMIN_USERS: "listed-admin",
} as const;

/** The test secrets: none of them may ever appear in a response or a log line. */
export const TEST_SECRETS: readonly string[] = [
  TEST_VARS.REPLAY_JWT_SECRET,
  TEST_VARS.REPLAY_ADMIN_JWT_SECRET,
  TEST_VARS.REPLAY_SIGNING_SECRET,
  TEST_VARS.REPLAY_MASTER_KEY,
];

/** A local `wrangler dev` on 127.0.0.1 for end-to-end tests: dev mode, any origin may upload. */
export const LOCAL_DEV_VARS = { ...TEST_VARS, REPLAY_DEV: "true", REPLAY_ALLOWED_ORIGINS: "*" } as const;
