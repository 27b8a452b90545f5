import { describe, expect, it } from "vitest";
import { socketUrl } from "../../../../admin-ui/src/api/live.ts";

// The two live socket routes of contract §9, on the page's own origin.

describe("socketUrl", () => {
  it("uses wss: behind https and ws: on a local http origin", () => {
    expect(socketUrl({ kind: "list" }, "T1", { protocol: "https:", host: "replay.example.com" })).toBe("wss://replay.example.com/api/admin/live?ticket=T1");
    expect(socketUrl({ kind: "list" }, "T1", { protocol: "http:", host: "127.0.0.1:8787" })).toBe("ws://127.0.0.1:8787/api/admin/live?ticket=T1");
  });

  it("names the session and escapes the ticket", () => {
    expect(socketUrl({ kind: "session", sessionId: "a/b" }, "x+y=", { protocol: "https:", host: "r.example" })).toBe(
      "wss://r.example/api/admin/sessions/a%2Fb/live?ticket=x%2By%3D",
    );
  });
});
