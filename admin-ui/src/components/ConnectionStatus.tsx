import { type Component, createSignal, onCleanup } from "solid-js";
import type { LiveConnection } from "../live/live-socket";

/** Seconds until `at`, at least 1 (a retry "in 0 s" reads like a stuck one). */
function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}

/** What a live socket is doing, in a few words and a coloured dot; the retry countdown ticks. */
const ConnectionStatus: Component<{ connection: LiveConnection }> = (props) => {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 1_000);
  onCleanup(() => clearInterval(timer));
  const text = () => {
    const c = props.connection;
    if (c.state === "open") return "Connected";
    if (c.state === "connecting") return "Connecting…";
    if (c.state === "retrying") return `Connection lost, retrying in ${secondsUntil(c.at, now())} s`;
    return "Disconnected";
  };
  return (
    <span class={`connection connection-${props.connection.state}`} role="status" data-testid="connection-status" data-state={props.connection.state}>
      <span class="connection-dot" aria-hidden="true" />
      {text()}
    </span>
  );
};

export default ConnectionStatus;
