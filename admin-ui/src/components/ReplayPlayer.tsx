import { type Component, Show } from "solid-js";
import type { ReplayController } from "../replay/replay-controller";
import { Loading } from "./States";

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
      <Loading class="replay-placeholder" label={props.loadingText} />
    </Show>
  </div>
);

export default ReplayPlayer;
