import type { Config } from "./config";

/** Who made a request, as decided by the server from a verified token or Access assertion. */
export interface Identity {
  userId: string;
  via: "token" | "cf-access";
}

/** Hono generics shared by every route: typed bindings and per-request variables. */
export type AppEnv = {
  Bindings: Env;
  Variables: { config: Config; identity: Identity };
};
