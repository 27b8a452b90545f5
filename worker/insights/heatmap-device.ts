/**
 * Device types a heatmap is filtered by (contract §5's values). Plain strings here with the same
 * codes as the device enum of protocol/enums.ts (branch `audit`): at merge, these two functions
 * become that module's `DEVICE_TYPES` and `convertDeviceTypeToNumber`.
 */
export const HEATMAP_DEVICES = ["unknown", "desktop", "mobile", "tablet"] as const;

/** A device type as the API names it. */
export type HeatmapDevice = (typeof HEATMAP_DEVICES)[number];

/** Device type name → stored code (0 unknown, 1 desktop, 2 mobile, 3 tablet); throws on an unknown name. */
export function convertHeatmapDeviceToNumber(name: string): number {
  const code = HEATMAP_DEVICES.indexOf(name as HeatmapDevice);
  if (code < 0) throw new RangeError(`Unknown device type: ${JSON.stringify(name)}`);
  return code;
}
