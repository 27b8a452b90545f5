import type { Component } from "solid-js";
import type { Marker } from "../replay/markers";
import { formatOffset } from "../lib/format";
import ButtonList from "./ButtonList";

interface Props {
  entries: Marker[];
  start: number;
  current: number;
  onSeek(offsetMs: number): void;
}

const KIND_LABEL: Record<Marker["kind"], string> = { click: "Click", input: "Input", navigation: "Page", gap: "Gap", rage_click: "Rage", dead_click: "Dead" };

/** Clicks, inputs, navigations, rage and dead clicks, and gaps in time order; each entry seeks the replay there. */
const EventList: Component<Props> = (props) => {
  // The entry being played: the last one at or before the current time.
  const currentIndex = () => {
    let idx = -1;
    props.entries.forEach((e, i) => {
      if (e.at - props.start <= props.current + 1) idx = i;
    });
    return idx;
  };
  return (
    <section class="event-list" aria-label="Events">
      <h2>
        Events <span class="muted">{props.entries.length}</span>
      </h2>
      <ButtonList items={props.entries} testId="event-list" empty="No clicks, inputs or navigations yet.">
        {(entry, i) => (
          <button
            type="button"
            class={`event-entry kind-${entry.kind}`}
            aria-current={i() === currentIndex() ? "true" : undefined}
            onClick={() => props.onSeek(Math.max(0, entry.at - props.start))}
          >
            <span class="event-time">{formatOffset(entry.at - props.start)}</span>
            <span class={`badge badge-${entry.kind}`}>{KIND_LABEL[entry.kind]}</span>
            <span class="event-label" title={entry.label}>
              {entry.label}
            </span>
          </button>
        )}
      </ButtonList>
    </section>
  );
};

export default EventList;
