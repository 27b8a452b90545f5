import { type Component, Show } from "solid-js";
import type { SessionDetail } from "../../api/schemas";
import { describeUserAgent, formatBytes, formatDateTime, formatDuration, formatViewport } from "../../lib/format";
import StatusBadge from "../../components/StatusBadge";

interface Props {
  session: SessionDetail;
}

/** The session's facts beside the replay. Recorded strings are rendered as text, never as links. */
const SessionMeta: Component<Props> = (props) => {
  const s = () => props.session;
  const firstSeq = () => (s().chunks.length ? Math.min(...s().chunks.map((c) => c.seq)) : 0);
  return (
    <dl class="meta-grid" data-testid="session-meta">
      <div class="meta-item">
        <dt>User</dt>
        <dd class="mono">{s().userId}</dd>
      </div>
      <div class="meta-item">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={s().status} />
        </dd>
      </div>
      <div class="meta-item">
        <dt>Started</dt>
        <dd>{formatDateTime(s().startedAt)}</dd>
      </div>
      <div class="meta-item">
        <dt>Ended</dt>
        <dd>{formatDateTime(s().endedAt)}</dd>
      </div>
      <div class="meta-item">
        <dt>Duration</dt>
        <dd>{formatDuration(s().startedAt !== null && s().endedAt !== null ? s().endedAt! - s().startedAt! : null)}</dd>
      </div>
      <div class="meta-item">
        <dt>Size</dt>
        <dd>
          {formatBytes(s().bytes)} · {s().chunkCount} {s().chunkCount === 1 ? "chunk" : "chunks"}
          <Show when={s().eventCount !== undefined}>
            {" "}
            · {s().eventCount} {s().eventCount === 1 ? "event" : "events"}
          </Show>
        </dd>
      </div>
      <div class="meta-item">
        <dt>Page</dt>
        <dd class="wrap mono small">{s().lastUrl ?? s().meta.url ?? "–"}</dd>
      </div>
      <div class="meta-item">
        <dt>Device</dt>
        <dd title={s().meta.ua}>
          {describeUserAgent(s().meta.ua)} · {formatViewport(s().meta.viewport)}
        </dd>
      </div>
      <div class="meta-item">
        <dt>Session</dt>
        <dd class="mono small">{s().id}</dd>
      </div>
      <Show when={firstSeq() > 0}>
        <div class="meta-item">
          <dt>Kept</dt>
          <dd class="small">From chunk {firstSeq()}: older chunks were trimmed (only the last minutes are kept).</dd>
        </div>
      </Show>
    </dl>
  );
};

export default SessionMeta;
