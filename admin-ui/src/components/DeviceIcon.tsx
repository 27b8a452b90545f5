import { type Component, Match, Switch } from "solid-js";
import type { DeviceType } from "../../../protocol/enums";

const LABELS: Record<DeviceType, string> = { desktop: "Desktop", mobile: "Mobile", tablet: "Tablet", unknown: "Unknown device" };

/** A small outline icon of the session's device type (contract §5), named for screen readers. */
const DeviceIcon: Component<{ device: DeviceType | undefined }> = (props) => {
  const device = () => props.device ?? "unknown";
  return (
    <svg class="device-icon" viewBox="0 0 16 16" width="14" height="14" role="img" aria-label={LABELS[device()]} data-device={device()}>
      <title>{LABELS[device()]}</title>
      <Switch fallback={<circle cx="8" cy="8" r="6" />}>
        <Match when={device() === "desktop"}>
          <rect x="1.5" y="2.5" width="13" height="8.5" rx="1" />
          <path d="M5.5 14h5M8 11v3" />
        </Match>
        <Match when={device() === "mobile"}>
          <rect x="4.5" y="1.5" width="7" height="13" rx="1.5" />
          <path d="M7 12.5h2" />
        </Match>
        <Match when={device() === "tablet"}>
          <rect x="2.5" y="1.5" width="11" height="13" rx="1.5" />
          <path d="M7 12.5h2" />
        </Match>
      </Switch>
    </svg>
  );
};

export default DeviceIcon;
