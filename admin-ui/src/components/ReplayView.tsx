import type { Component } from "solid-js";
import type { ChunkReplay } from "../replay/chunk-replay";
import type { SessionFollow } from "../live/follow-session";
import ReplayPlayer from "./ReplayPlayer";
import PlayerControls from "./PlayerControls";
import EventList from "./EventList";

interface Props {
  replay: ChunkReplay;
  /** Set while a live session is followed through its socket. */
  live?: SessionFollow;
}

/** The player, its controls and the event list beside it. */
const ReplayView: Component<Props> = (props) => {
  const c = () => props.replay.controller;
  return (
    <div class="replay-layout">
      <div class="replay-main">
        <ReplayPlayer controller={c()} loadingText={props.replay.loadingText()} />
        <PlayerControls controller={c()} markers={props.replay.markers()} gaps={props.replay.gaps()} live={props.live} />
      </div>
      <EventList entries={props.replay.entries()} start={c().startTime()} current={c().currentTime()} onSeek={(t) => c().seek(t)} />
    </div>
  );
};

export default ReplayView;
