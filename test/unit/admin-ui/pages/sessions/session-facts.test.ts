import { describe, expect, it } from "vitest";
import { sessionDuration, sessionPage } from "../../../../../admin-ui/src/pages/sessions/session-facts.ts";

describe("session facts", () => {
  it("measures a session only when both ends are known", () => {
    expect(sessionDuration({ startedAt: 1_000, endedAt: 66_000 })).toBe(65_000);
    expect(sessionDuration({ startedAt: 1_000, endedAt: null })).toBeNull();
    expect(sessionDuration({ startedAt: null, endedAt: 2_000 })).toBeNull();
  });

  it("shows the last page seen, else the first", () => {
    expect(sessionPage({ lastUrl: "https://a.example/last", meta: { url: "https://a.example/first" } })).toBe("https://a.example/last");
    expect(sessionPage({ lastUrl: null, meta: { url: "https://a.example/first" } })).toBe("https://a.example/first");
    expect(sessionPage({ meta: {} })).toBeUndefined();
  });
});
