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
  { name: "device type", codes: DEVICE_TYPE_CODES, toCode: convertDeviceTypeToNumber, toName: convertDeviceTypeToString },
  { name: "status", codes: STATUS_CODES, toCode: convertStatusToNumber, toName: convertStatusToString },
  { name: "actor type", codes: ACTOR_TYPE_CODES, toCode: convertActorTypeToNumber, toName: convertActorTypeToString },
  { name: "audit action", codes: AUDIT_ACTION_CODES, toCode: convertAuditActionToNumber, toName: convertAuditActionToString },
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
