import type { Component } from "solid-js";
import { createChunkReplay } from "../replay/chunk-replay";
import { bindReplayKeys } from "../replay/replay-keys";
import ReplayView from "../components/ReplayView";
import { type SharedSession, urlsExpireAt } from "./share-api";

interface Props {
  shared: SharedSession;
  /** Opens the link again for fresh chunk URLs (they live a minute). */
  refresh(): void;
}

/** The shared session's replay: the admin player's modules (URL neutralizing, gaps, speeds), nothing else of the admin UI. */
const SharedReplay: Component<Props> = (props) => {
  const replay = createChunkReplay({
    chunks: () => props.shared.chunks,
    urlsExpireAt: () => urlsExpireAt(props.shared.chunks),
    refresh: () => props.refresh(),
  });
  bindReplayKeys(replay.controller);
  return <ReplayView replay={replay} />;
};

export default SharedReplay;
