import { DrizzleQueryError } from "drizzle-orm";

/**
 * Structured JSON logs for `wrangler tail`. Callers pass only non-personal fields: ids, codes, counts.
 * Never a token, a secret, a user's events or an e-mail.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

function write(level: "info" | "warn" | "error", msg: string, fields: LogFields) {
  const line = JSON.stringify({ level, msg, ...fields, ts: Date.now() });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

export const log = {
  info: (msg: string, fields: LogFields = {}) => write("info", msg, fields),
  warn: (msg: string, fields: LogFields = {}) => write("warn", msg, fields),
  error: (msg: string, fields: LogFields = {}) => write("error", msg, fields),
};

/**
 * What failed, safe to log: the error's class and message, except that a failed drizzle query
 * shows only its cause, because drizzle's own message lists the statement's bound values (user
 * ids, wrapped keys, metadata).
 */
export function describeError(err: unknown): string {
  const shown = err instanceof DrizzleQueryError && err.cause instanceof Error ? err.cause : err;
  return (shown instanceof Error ? `${shown.name}: ${shown.message}` : String(shown)).slice(0, 500);
}

/** A request path fit for a log line: a share link's token (a credential) is replaced by `:token`. */
export function loggablePath(pathname: string): string {
  return pathname.replace(/\/share\/[^/]*/, "/share/:token");
}
