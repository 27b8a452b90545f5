import { describe, expect, it } from "vitest";
import * as enums from "../../../protocol/enums";

const ENUMS = [
  { name: "device type", codes: enums.DEVICE_TYPE_CODES, toCode: enums.convertDeviceTypeToNumber, toName: enums.convertDeviceTypeToString },
  { name: "status", codes: enums.STATUS_CODES, toCode: enums.convertStatusToNumber, toName: enums.convertStatusToString },
  { name: "actor type", codes: enums.ACTOR_TYPE_CODES, toCode: enums.convertActorTypeToNumber, toName: enums.convertActorTypeToString },
  { name: "audit action", codes: enums.AUDIT_ACTION_CODES, toCode: enums.convertAuditActionToNumber, toName: enums.convertAuditActionToString },
];

// Each enum's names in code order: a name's code is its position. Stored rows keep these numbers:
// renumbering one silently changes what old rows mean. Append only.
const PINNED: Record<string, string> = {
  "device type": "unknown desktop mobile tablet",
  status: "unknown live ended",
  "actor type": "unknown admin user share_link system",
  "audit action": "unknown session_viewed session_deleted deletion_requested deletion_completed share_created share_opened share_revoked live_viewed",
};

describe("stored enum codes", () => {
  it.each(ENUMS)("$name: pins every code", ({ name, codes }) => {
    expect(Object.entries(codes)).toEqual(PINNED[name]?.split(" ").map((n, code) => [n, code]));
  });

  it.each(ENUMS)("$name: converts every value both ways, and 0 is unknown", ({ codes, toCode, toName }) => {
    expect(toName(0)).toBe("unknown");
    for (const [name, code] of Object.entries(codes)) {
      expect(toCode(name)).toBe(code);
      expect(toName(code)).toBe(name);
      expect(toCode(toName(code))).toBe(code);
    }
    expect(new Set(Object.values(codes)).size).toBe(Object.keys(codes).length);
  });

  it.each(ENUMS)("$name: refuses unknown names and codes", ({ codes, toCode, toName }) => {
    for (const name of ["", "Unknown", "DESKTOP", "toString", "__proto__", "constructor", "hasOwnProperty"]) expect(() => toCode(name)).toThrow(RangeError);
    const max = Math.max(...Object.values(codes));
    for (const code of [-1, max + 1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => toName(code)).toThrow(RangeError);
  });
});
