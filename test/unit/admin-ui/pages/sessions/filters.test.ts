import { describe, expect, it } from "vitest";
import { filterParams, isFiltered, readFilters } from "../../../../../admin-ui/src/pages/sessions/filters.ts";

describe("session list filters", () => {
  it("round-trips filters through the URL in UTC", () => {
    const params = filterParams({ userId: "ada", from: Date.UTC(2026, 0, 2, 3, 4), to: undefined });
    expect(params).toEqual({ user: "ada", from: "2026-01-02T03:04:00.000Z", to: null, device: null, frustrated: null, sort: null, cursor: null });
    expect(readFilters({ user: "ada", from: params.from ?? undefined, cursor: "abc" })).toEqual({
      userId: "ada",
      from: Date.UTC(2026, 0, 2, 3, 4),
      to: undefined,
      device: undefined,
      frustrated: undefined,
      sort: undefined,
      cursor: "abc",
    });
    expect(filterParams({ frustrated: true }).frustrated).toBe("true");
    expect(readFilters({ frustrated: "true" }).frustrated).toBe(true);
    expect(readFilters({ from: "not a date" }).from).toBeUndefined();
  });

  it("keeps a device filter the API knows, and drops any other", () => {
    expect(filterParams({ device: "tablet" }).device).toBe("tablet");
    expect(["tablet", "tv", ""].map((device) => readFilters({ device }).device)).toEqual(["tablet", undefined, undefined]);
  });

  it("keeps the frustration order in the URL, and newest first (the default) out of it", () => {
    expect([filterParams({ sort: "frustration" }).sort, filterParams({ sort: "newest" }).sort]).toEqual(["frustration", null]);
    expect(["frustration", "newest", "loudest"].map((sort) => readFilters({ sort }).sort)).toEqual(["frustration", undefined, undefined]);
    expect(isFiltered({ sort: "frustration" })).toBe(false);
  });

  it("tells a filtered list from a paged one", () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ cursor: "abc" })).toBe(false);
    expect(isFiltered({ userId: "ada" })).toBe(true);
    expect(isFiltered({ from: 0 })).toBe(true);
    expect(isFiltered({ to: Date.UTC(2026, 0, 1) })).toBe(true);
    expect(isFiltered({ device: "mobile" })).toBe(true);
    expect(isFiltered({ frustrated: true })).toBe(true);
  });
});
