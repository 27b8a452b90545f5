import { type Component, type ParentComponent, Show } from "solid-js";
import type { SessionDetail } from "../../api/schemas";
import { describeUserAgent, formatBytes, formatDateTime, formatDuration, formatViewport } from "../../lib/format";
import StatusBadge from "../../components/StatusBadge";
import { sessionDuration, sessionPage } from "./session-facts";

interface Props {
  session: SessionDetail;
  /** Chunks pushed live that the detail does not list yet: counted, but their size is not known. */
  pending?: number;
}

/** One fact: its label over its value (`class` and `title` go on the value). */
const Fact: ParentComponent<{ label: string; class?: string; title?: string }> = (props) => (
  <div class="meta-item">
    <dt>{props.label}</dt>
    <dd class={props.class} title={props.title}>
      {props.children}
    </dd>
  </div>
);

/** The session's facts beside the replay. Recorded strings are rendered as text, never as links. */
const SessionMeta: Component<Props> = (props) => {
  const s = () => props.session;
  const firstSeq = () => (s().chunks.length ? Math.min(...s().chunks.map((c) => c.seq)) : 0);
  return (
    <dl class="meta-grid" data-testid="session-meta">
      <Fact label="User" class="mono">
        {s().userId}
      </Fact>
      <Fact label="Status">
        <StatusBadge status={s().status} />
      </Fact>
      <Fact label="Started">{formatDateTime(s().startedAt)}</Fact>
      <Fact label="Ended">{formatDateTime(s().endedAt)}</Fact>
      <Fact label="Duration">{formatDuration(sessionDuration(s()))}</Fact>
      <Fact label="Size" title={props.pending ? "The stored size without the chunks that came live: it is read again when the session ends." : undefined}>
        {formatBytes(s().bytes)}
        {props.pending ? "+" : ""} · {s().chunkCount} {s().chunkCount === 1 ? "chunk" : "chunks"}
        <Show when={s().eventCount !== undefined}>
          {" "}
          · {s().eventCount} {s().eventCount === 1 ? "event" : "events"}
        </Show>
      </Fact>
      <Fact label="Page" class="wrap mono small">
        {sessionPage(s()) ?? "–"}
      </Fact>
      <Fact label="Device" title={s().meta.ua}>
        {describeUserAgent(s().meta.ua)} · {formatViewport(s().meta.viewport)}
      </Fact>
      <Fact label="Session" class="mono small">
        {s().id}
      </Fact>
      <Show when={firstSeq() > 0}>
        <Fact label="Kept" class="small">
          From chunk {firstSeq()}: older chunks were trimmed (only the last minutes are kept).
        </Fact>
      </Show>
    </dl>
  );
};

export default SessionMeta;
