import type { Component } from "solid-js";

/** "live" (a chunk in the last minute) or "ended". */
const StatusBadge: Component<{ status: "live" | "ended" }> = (props) => (
  <span class={`status status-${props.status}`}>{props.status === "live" ? "● live" : "ended"}</span>
);

export default StatusBadge;
