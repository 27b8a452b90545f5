import { CONFIG_ATTEMPTS } from "../constants";
import { backoffDelay } from "./backoff";

/** The server's recording settings (GET /api/replay/config, contract §3). */
export interface ServerConfig {
  enabled: boolean;
  privateSelectors: string[];
}

/** Reads the server config, retrying transient failures; null when it cannot be had (then nothing is recorded). */
export async function fetchServerConfig(endpoint: string): Promise<ServerConfig | null> {
  for (let attempt = 0; attempt < CONFIG_ATTEMPTS; attempt++) {
    try {
      const res = await fetch(`${endpoint}/api/replay/config`, { credentials: "omit", cache: "no-store" });
      if (res.ok) {
        const body = (await res.json()) as { enabled?: unknown; privateSelectors?: unknown };
        const selectors = Array.isArray(body.privateSelectors) ? body.privateSelectors.filter((s): s is string => typeof s === "string" && s.trim() !== "") : [];
        return { enabled: body.enabled === true, privateSelectors: selectors };
      }
      if (res.status < 500 && res.status !== 429) return null;
    } catch {
      // Network error: retry.
    }
    await new Promise((r) => setTimeout(r, backoffDelay(attempt)));
  }
  return null;
}
