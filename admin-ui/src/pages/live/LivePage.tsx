import { type Component, Show } from "solid-js";
import { Empty, Loading } from "../../components/States";
import ConnectionStatus from "../../components/ConnectionStatus";
import Page from "../../components/Page";
import LiveSessionTable from "./LiveSessionTable";
import { createLiveSessions } from "./live-sessions";

/** `/admin/live`: the sessions being recorded now, kept up to date by the list socket without a reload. */
const LivePage: Component = () => {
  const live = createLiveSessions();
  const count = () => live.sessions().length;
  return (
    <Page name="live" title="Live sessions" aside={<ConnectionStatus connection={live.connection()} />}>
      <Show when={live.loaded()} fallback={<Loading label="Connecting to the live sessions…" />}>
        <Show
          when={count() > 0}
          fallback={
            <Empty>
              <p>No session is being recorded right now.</p>
              <p class="muted small">Sessions appear here as soon as their first chunk arrives, and open in a player that follows them.</p>
            </Empty>
          }
        >
          <LiveSessionTable sessions={live.sessions()} />
          <p class="muted small live-count">{count() === 1 ? "1 session" : `${count()} sessions`} being recorded, newest first</p>
        </Show>
      </Show>
    </Page>
  );
};

export default LivePage;
