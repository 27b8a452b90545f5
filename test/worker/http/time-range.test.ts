import { describe, expect, it } from "vitest";
import { adminFetch } from "../../helpers/worker/admin";
import { type ErrorBody, expectError } from "../../helpers/worker/http";

const PAGE = encodeURIComponent("https://shop.example.com/range");
/** Every admin route that filters by `?from=&to=` (one schema, worker/http/time-range.ts). */
const ROUTES = ["/api/admin/sessions?", `/api/admin/heatmap?url=${PAGE}&`];

/** The message of a 400 for `path`. */
async function refusal(path: string): Promise<string> {
  return (JSON.parse(await expectError(await adminFetch(path), 400, "bad_request")) as ErrorBody).error.message;
}

describe("?from=&to= on every time-filtered route", () => {
  it("refuses from after to with one code and one message", async () => {
    for (const route of ROUTES) {
      expect(await refusal(`${route}from=5&to=4`)).toBe("from must not be after to");
    }
  });

  it("refuses a bound that is not a whole non-negative time, naming the field", async () => {
    for (const route of ROUTES) {
      for (const [q, field] of [
        ["from=yesterday", "from"],
        ["to=-5", "to"],
        ["from=1.5", "from"],
      ]) {
        expect(await refusal(`${route}${q}`)).toMatch(new RegExp(`^${field}: `));
      }
    }
  });

  it("takes equal bounds, one bound, or empty ones", async () => {
    for (const route of ROUTES) {
      for (const q of ["from=4&to=4", "from=4", "to=4", "from=&to="]) {
        expect((await adminFetch(`${route}${q}`)).status).toBe(200);
      }
    }
  });
});
