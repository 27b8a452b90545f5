import { describe, expect, it } from "vitest";
import { describeUserAgent, formatBytes, formatDuration, shortUrl } from "../../../../admin-ui/src/lib/format.ts";

describe("format", () => {
  it("formats sizes, durations and devices for the table", () => {
    expect([formatBytes(0), formatBytes(1536), formatBytes(10 * 1024 * 1024)]).toEqual(["0 B", "1.5 KB", "10 MB"]);
    expect([formatDuration(65_000), formatDuration(3_725_000), formatDuration(null)]).toEqual(["1:05", "1:02:05", "–"]);
    expect(describeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15")).toBe(
      "Safari 17 · macOS",
    );
    expect(shortUrl("javascript:alert(1)")).toBe("javascript:alert(1)");
  });
});
