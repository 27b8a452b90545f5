import { type Component, Show } from "solid-js";
import type { ReplayController } from "../replay/replay-controller";

interface Props {
  controller: ReplayController;
  /** Shown until the first chunk has arrived. */
  loadingText: string;
}

/** The replay surface: rrweb-player renders into this element once the first events are in. */
const ReplayPlayer: Component<Props> = (props) => (
  <div class="replay-stage" data-testid="replay-stage">
    <div class="replay-host" ref={(el) => props.controller.mount(el)} />
    <Show when={!props.controller.ready()}>
      <div class="replay-placeholder" role="status">
        <span class="spinner" aria-hidden="true" />
        {props.loadingText}
      </div>
    </Show>
  </div>
);

export default ReplayPlayer;
