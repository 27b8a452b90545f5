import { describe, expect, it } from "vitest";
import { auditFilterParams, readAuditFilters } from "../../../../../admin-ui/src/pages/audit/audit-filters.ts";

describe("audit log filters", () => {
  it("round-trips actor and session through the URL, back to the first page", () => {
    const params = auditFilterParams({ actor: "ada", sessionId: "0f8fad5b-d9cb-469f-a165-70867728950e" });
    expect(params).toEqual({ actor: "ada", session: "0f8fad5b-d9cb-469f-a165-70867728950e", cursor: null });
    expect(readAuditFilters({ actor: params.actor ?? undefined, session: params.session ?? undefined, cursor: "abc" })).toEqual({
      actor: "ada",
      sessionId: "0f8fad5b-d9cb-469f-a165-70867728950e",
      cursor: "abc",
    });
  });

  it("treats empty values as no filter and reads a session id in lower case", () => {
    expect(auditFilterParams({})).toEqual({ actor: null, session: null, cursor: null });
    expect(readAuditFilters({ actor: "  ", session: "0F8FAD5B-D9CB-469F-A165-70867728950E" })).toEqual({
      actor: undefined,
      sessionId: "0f8fad5b-d9cb-469f-a165-70867728950e",
      cursor: undefined,
    });
  });
});
