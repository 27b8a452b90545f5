/**
 * Enumerated values stored as small integers (contract §4): each enum's codes, and the only
 * conversions between its strings and numbers. Codes are append-only (stored rows keep them): give
 * a new value the next free number, never renumber or reuse one. 0 always means unknown.
 * Dependency-free: the worker, the recorder and the admin UI all import it.
 */

/** Device types of a session, from its user agent (contract §5). */
export const DEVICE_TYPE_CODES = { unknown: 0, desktop: 1, mobile: 2, tablet: 3 } as const;
/** Session status (contract §5). */
export const STATUS_CODES = { unknown: 0, live: 1, ended: 2 } as const;
/** Who did what an audit entry records (contract §11). */
export const ACTOR_TYPE_CODES = { unknown: 0, admin: 1, user: 2, share_link: 3, system: 4 } as const;
/** What an audit entry records (contract §11). */
export const AUDIT_ACTION_CODES = {
  unknown: 0,
  session_viewed: 1,
  session_deleted: 2,
  deletion_requested: 3,
  deletion_completed: 4,
  share_created: 5,
  share_opened: 6,
  share_revoked: 7,
  live_viewed: 8,
} as const;

/** A session's device type as the API names it. */
export type DeviceType = keyof typeof DEVICE_TYPE_CODES;
/** A session's status as the API names it. */
export type SessionStatus = keyof typeof STATUS_CODES;
/** An audit actor type as the API names it. */
export type ActorType = keyof typeof ACTOR_TYPE_CODES;
/** An audit action as the API names it. */
export type AuditAction = keyof typeof AUDIT_ACTION_CODES;

type Codes = Readonly<Record<string, number>>;

/** Every name of an enum, in code order (for validators and menus). */
function listNames<C extends Codes>(codes: C): Array<keyof C & string> {
  return (Object.keys(codes) as Array<keyof C & string>).sort((a, b) => (codes[a] ?? 0) - (codes[b] ?? 0));
}

/** Device type names, in code order. */
export const DEVICE_TYPES = listNames(DEVICE_TYPE_CODES);
/** Session status names, in code order. */
export const STATUSES = listNames(STATUS_CODES);
/** Actor type names, in code order. */
export const ACTOR_TYPES = listNames(ACTOR_TYPE_CODES);
/** Audit action names, in code order. */
export const AUDIT_ACTIONS = listNames(AUDIT_ACTION_CODES);

/** The highest code an enum has: what a CHECK constraint admits. */
export function findMaxCode(codes: Codes): number {
  return Math.max(...Object.values(codes));
}

/**
 * Both conversions of one enum: name → stored code and code → name, each throwing a RangeError on
 * what it does not know. `Object.hasOwn` so that "toString" or "__proto__" are unknown names, not
 * inherited properties.
 */
export function codec<C extends Codes>(what: string, codes: C) {
  return {
    toNumber(name: string): number {
      if (!Object.hasOwn(codes, name)) throw new RangeError(`Unknown ${what}: ${JSON.stringify(name)}`);
      return codes[name] as number;
    },
    toName(code: number): keyof C & string {
      const name = listNames(codes).find((k) => codes[k] === code);
      if (name === undefined) throw new RangeError(`Unknown ${what} code: ${code}`);
      return name;
    },
  };
}

/** Device type name → stored code, and stored code → name. */
export const { toNumber: convertDeviceTypeToNumber, toName: convertDeviceTypeToString } = codec("device type", DEVICE_TYPE_CODES);
/** Session status name → code, and code → name. */
export const { toNumber: convertStatusToNumber, toName: convertStatusToString } = codec("status", STATUS_CODES);
/** Actor type name → stored code, and stored code → name. */
export const { toNumber: convertActorTypeToNumber, toName: convertActorTypeToString } = codec("actor type", ACTOR_TYPE_CODES);
/** Audit action name → stored code, and stored code → name. */
export const { toNumber: convertAuditActionToNumber, toName: convertAuditActionToString } = codec("audit action", AUDIT_ACTION_CODES);
