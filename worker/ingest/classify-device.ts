import Bowser from "bowser";
import { setBounded } from "../bounded-map";
import { convertDeviceTypeToNumber, type DeviceType } from "../../protocol/enums";
import type { UploadMeta } from "../../protocol/envelope";

/** Largest CSS viewport side of an iPad (12.9" iPad Pro, 1366 × 1024): a wider window is not an iPad's. */
const IPAD_MAX_VIEWPORT_PX = 1366;

/**
 * iPadOS 13+ Safari sends a Macintosh UA ("request desktop website" is its default), so the UA
 * alone calls an iPad a desktop. No Mac has a touch screen, so touch points on a Macintosh UA, in a
 * window an iPad can have, mean an iPad. Older clients send no `touch`: then it stays desktop.
 */
function isIpadWithDesktopUa(ua: string, meta: Pick<UploadMeta, "viewport" | "touch">): boolean {
  if (meta.touch !== true || !/\bMacintosh\b/.test(ua)) return false;
  const v = meta.viewport;
  return !v || Math.min(v.width, v.height) <= IPAD_MAX_VIEWPORT_PX;
}

/**
 * Platform types of user agents parsed in this isolate: a tab sends its agent with every upload,
 * and a user base has few distinct ones, while Bowser's parse was ~1 % of an upload's CPU (issue
 * 10). Bounded; when full, the oldest goes first.
 */
const platformTypes = new Map<string, string | undefined>();
const MAX_PARSED_AGENTS = 500;

function platformType(ua: string): string | undefined {
  if (platformTypes.has(ua)) return platformTypes.get(ua);
  let type: string | undefined;
  try {
    type = Bowser.parse(ua).platform.type;
  } catch {
    type = undefined;
  }
  setBounded(platformTypes, ua, type, MAX_PARSED_AGENTS);
  return type;
}

/** The device type a user agent and viewport describe; bots, TVs, empty and unparsable agents are unknown. */
export function classifyDevice(meta: Pick<UploadMeta, "ua" | "viewport" | "touch">): DeviceType {
  const ua = meta.ua?.trim() ?? "";
  if (!ua) return "unknown";
  const type = platformType(ua);
  if (type === "desktop" && isIpadWithDesktopUa(ua, meta)) return "tablet";
  return type === "desktop" || type === "mobile" || type === "tablet" ? type : "unknown";
}

/** `classifyDevice` as the code the `sessions.device` column stores. */
export function classifyDeviceCode(meta: Pick<UploadMeta, "ua" | "viewport" | "touch">): number {
  return convertDeviceTypeToNumber(classifyDevice(meta));
}
