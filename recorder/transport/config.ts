import { readReplayConfig, type RecorderConfig } from "../../protocol/replay-config";
import { CONFIG_ATTEMPTS } from "../constants";
import { backoffDelay } from "./backoff";

/** Reads the server config (GET /api/replay/config, contract §3), retrying transient failures; null when it cannot be had (then nothing is recorded). */
export async function fetchServerConfig(endpoint: string): Promise<RecorderConfig | null> {
  for (let attempt = 0; attempt < CONFIG_ATTEMPTS; attempt++) {
    try {
      const res = await fetch(`${endpoint}/api/replay/config`, { credentials: "omit", cache: "no-store" });
      if (res.ok) return readReplayConfig(await res.json());
      if (res.status < 500 && res.status !== 429) return null;
    } catch {
      // Network error (or a body that is not JSON): retry.
    }
    await new Promise((r) => setTimeout(r, backoffDelay(attempt)));
  }
  return null;
}
