import { describe, expect, it } from "vitest";
import {
  ACTOR_TYPE_CODES,
  AUDIT_ACTION_CODES,
  DEVICE_TYPE_CODES,
  STATUS_CODES,
  convertActorTypeToNumber,
  convertActorTypeToString,
  convertAuditActionToNumber,
  convertAuditActionToString,
  convertDeviceTypeToNumber,
  convertDeviceTypeToString,
  convertStatusToNumber,
  convertStatusToString,
} from "../../../protocol/enums";

const ENUMS = [
  { name: "device type", codes: DEVICE_TYPE_CODES, toNumber: convertDeviceTypeToNumber, toString: convertDeviceTypeToString },
  { name: "status", codes: STATUS_CODES, toNumber: convertStatusToNumber, toString: convertStatusToString },
  { name: "actor type", codes: ACTOR_TYPE_CODES, toNumber: convertActorTypeToNumber, toString: convertActorTypeToString },
  { name: "audit action", codes: AUDIT_ACTION_CODES, toNumber: convertAuditActionToNumber, toString: convertAuditActionToString },
];

describe("stored enum codes", () => {
  // Stored rows keep these numbers: renumbering one silently changes what old rows mean. Append only.
  it("pins every code", () => {
    expect({ ...DEVICE_TYPE_CODES }).toEqual({ unknown: 0, desktop: 1, mobile: 2, tablet: 3 });
    expect({ ...STATUS_CODES }).toEqual({ unknown: 0, live: 1, ended: 2 });
    expect({ ...ACTOR_TYPE_CODES }).toEqual({ unknown: 0, admin: 1, user: 2, share_link: 3, system: 4 });
    expect({ ...AUDIT_ACTION_CODES }).toEqual({
      unknown: 0,
      session_viewed: 1,
      session_deleted: 2,
      deletion_requested: 3,
      deletion_completed: 4,
      share_created: 5,
      share_opened: 6,
      share_revoked: 7,
      live_viewed: 8,
    });
  });

  it.each(ENUMS)("$name: converts every value both ways, and 0 is unknown", ({ codes, toNumber, toString }) => {
    expect(toString(0)).toBe("unknown");
    for (const [name, code] of Object.entries(codes)) {
      expect(toNumber(name)).toBe(code);
      expect(toString(code)).toBe(name);
      expect(toNumber(toString(code))).toBe(code);
    }
    expect(new Set(Object.values(codes)).size).toBe(Object.keys(codes).length);
  });

  it.each(ENUMS)("$name: refuses unknown names and codes", ({ codes, toNumber, toString }) => {
    for (const name of ["", "Unknown", "DESKTOP", "toString", "__proto__", "constructor", "hasOwnProperty"]) expect(() => toNumber(name)).toThrow(RangeError);
    const max = Math.max(...Object.values(codes));
    for (const code of [-1, max + 1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => toString(code)).toThrow(RangeError);
  });
});
