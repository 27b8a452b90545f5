import { type Component, Show } from "solid-js";
import type { DeviceType } from "../../../protocol/enums";

const LABELS: Record<DeviceType, string> = { desktop: "Desktop", mobile: "Mobile", tablet: "Tablet", unknown: "Unknown device" };

/** Each known device drawn as a screen (its rectangle) and a stand or home button (its path). */
const OUTLINES: Partial<Record<DeviceType, { screen: { x: number; y: number; width: number; height: number; rx: number }; detail: string }>> = {
  desktop: { screen: { x: 1.5, y: 2.5, width: 13, height: 8.5, rx: 1 }, detail: "M5.5 14h5M8 11v3" },
  mobile: { screen: { x: 4.5, y: 1.5, width: 7, height: 13, rx: 1.5 }, detail: "M7 12.5h2" },
  tablet: { screen: { x: 2.5, y: 1.5, width: 11, height: 13, rx: 1.5 }, detail: "M7 12.5h2" },
};

/** A small outline icon of the session's device type (contract §5), named for screen readers. */
const DeviceIcon: Component<{ device: DeviceType | undefined }> = (props) => {
  const device = () => props.device ?? "unknown";
  return (
    <svg class="device-icon" viewBox="0 0 16 16" width="14" height="14" role="img" aria-label={LABELS[device()]} data-device={device()}>
      <title>{LABELS[device()]}</title>
      <Show when={OUTLINES[device()]} fallback={<circle cx="8" cy="8" r="6" />}>
        {(outline) => (
          <>
            <rect {...outline().screen} />
            <path d={outline().detail} />
          </>
        )}
      </Show>
    </svg>
  );
};

export default DeviceIcon;
