import { type Component, For, Show, onCleanup } from "solid-js";
import { createAsync, revalidate } from "@solidjs/router";
import { getMetrics } from "../../api/admin";
import type { Metrics, MinuteCounts } from "../../api/schemas";
import { formatBytes } from "../../lib/format";
import { Empty } from "../../components/States";
import { Loaded } from "../../components/Loaded";
import Page from "../../components/Page";
import TableHead from "../../components/TableHead";
import BarChart from "../../components/BarChart";

/** The counters move every minute; refresh a little more often than that. */
const REFRESH_MS = 30_000;
const count = (n: number) => Math.round(n).toLocaleString();

/** The headline numbers of the hour, as cards. */
const stats = (m: Metrics): [value: string, label: string][] => [
  [m.eventsPerMinute.toFixed(1), "events / min"],
  [count(m.uploads), "uploads"],
  [formatBytes(m.bytes), "uploaded"],
  [count(m.rejected), "rejected uploads"],
  [count(m.captureFailures), "capture failures"],
];

/** One chart per counter of the per-minute series. */
const CHARTS: { title: string; of: (p: MinuteCounts) => number; format: (n: number) => string; tone?: "red" | "amber" }[] = [
  { title: "Events", of: (p) => p.events, format: count },
  { title: "Uploads", of: (p) => p.uploads, format: count },
  { title: "Bytes", of: (p) => p.bytes, format: formatBytes },
  { title: "Rejected uploads", of: (p) => p.rejected, format: count, tone: "red" },
  { title: "Capture failures", of: (p) => p.captureErrors, format: count, tone: "amber" },
];

/** A row of the rejected-uploads table. */
const CodeCount: Component<{ code: string; n: number }> = (props) => (
  <tr>
    <td class="mono">{props.code}</td>
    <td class="num">{count(props.n)}</td>
  </tr>
);

/** `/admin/metrics`: the last hour of ingest counters (GET /api/admin/metrics). */
const MetricsPage: Component = () => {
  const metrics = createAsync(() => getMetrics());
  const timer = setInterval(() => void revalidate(getMetrics.key), REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  return (
    <Page name="metrics" title="Metrics" aside={<span class="muted small">last hour, per minute · refreshes every 30 s</span>}>
      <Loaded value={metrics()} loading="Loading metrics…" retry={() => revalidate(getMetrics.key)}>
        {(m) => (
          <>
            <div class="stat-cards" data-testid="metric-cards">
              <For each={stats(m())}>
                {([value, label]) => (
                  <div class="stat">
                    <span class="stat-value">{value}</span>
                    <span class="stat-label">{label}</span>
                  </div>
                )}
              </For>
            </div>
            <div class="charts">
              <For each={CHARTS}>
                {(chart) => (
                  <BarChart title={chart.title} values={m().perMinute.map(chart.of)} from={m().window.from} format={chart.format} tone={chart.tone} />
                )}
              </For>
            </div>
            <section class="card">
              <h2>Rejected uploads by code</h2>
              <Show when={Object.keys(m().rejectedByCode).length > 0} fallback={<Empty>No upload was rejected in the last hour.</Empty>}>
                <table class="compact">
                  <TableHead columns={[{ label: "Code" }, { label: "Count", num: true }]} />
                  <tbody>
                    <For each={Object.entries(m().rejectedByCode).sort((a, b) => b[1] - a[1])}>{([code, n]) => <CodeCount code={code} n={n} />}</For>
                  </tbody>
                </table>
              </Show>
              <Show when={m().lifecycle}>
                {(l) => (
                  <p class="muted small">
                    Lifecycle: {count(l().retentionErased)} erased by retention · {count(l().deletionErased)} by deletion requests · {count(l().orphansReaped)}{" "}
                    orphans reaped
                  </p>
                )}
              </Show>
            </section>
          </>
        )}
      </Loaded>
    </Page>
  );
};

export default MetricsPage;
