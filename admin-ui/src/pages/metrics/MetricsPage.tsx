import { type Component, ErrorBoundary, For, Show, Suspense, onCleanup } from "solid-js";
import { createAsync, revalidate } from "@solidjs/router";
import { getMetrics } from "../../api/admin";
import { formatBytes } from "../../lib/format";
import { Empty, ErrorState, Loading } from "../../components/States";
import BarChart from "../../components/BarChart";

/** The counters move every minute; refresh a little more often than that. */
const REFRESH_MS = 30_000;
const count = (n: number) => Math.round(n).toLocaleString();

/** `/admin/metrics`: the last hour of ingest counters (GET /api/admin/metrics). */
const MetricsPage: Component = () => {
  const metrics = createAsync(() => getMetrics());
  const timer = setInterval(() => void revalidate(getMetrics.key), REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  return (
    <div class="page metrics-page">
      <header class="page-head">
        <h1>Metrics</h1>
        <span class="muted small">last hour, per minute · refreshes every 30 s</span>
      </header>
      <ErrorBoundary fallback={(err, reset) => <ErrorState error={err} onRetry={() => void revalidate(getMetrics.key).then(reset)} />}>
        <Suspense fallback={<Loading label="Loading metrics…" />}>
          <Show when={metrics()}>
            {(m) => (
              <>
                <div class="stat-cards" data-testid="metric-cards">
                  <div class="stat">
                    <span class="stat-value">{m().eventsPerMinute.toFixed(1)}</span>
                    <span class="stat-label">events / min</span>
                  </div>
                  <div class="stat">
                    <span class="stat-value">{count(m().uploads)}</span>
                    <span class="stat-label">uploads</span>
                  </div>
                  <div class="stat">
                    <span class="stat-value">{formatBytes(m().bytes)}</span>
                    <span class="stat-label">uploaded</span>
                  </div>
                  <div class="stat">
                    <span class="stat-value">{count(m().rejected)}</span>
                    <span class="stat-label">rejected uploads</span>
                  </div>
                  <div class="stat">
                    <span class="stat-value">{count(m().captureFailures)}</span>
                    <span class="stat-label">capture failures</span>
                  </div>
                </div>
                <div class="charts">
                  <BarChart title="Events" values={m().perMinute.map((p) => p.events)} from={m().window.from} format={count} />
                  <BarChart title="Uploads" values={m().perMinute.map((p) => p.uploads)} from={m().window.from} format={count} />
                  <BarChart title="Bytes" values={m().perMinute.map((p) => p.bytes)} from={m().window.from} format={formatBytes} />
                  <BarChart title="Rejected uploads" values={m().perMinute.map((p) => p.rejected)} from={m().window.from} format={count} tone="red" />
                  <BarChart title="Capture failures" values={m().perMinute.map((p) => p.captureErrors)} from={m().window.from} format={count} tone="amber" />
                </div>
                <section class="card">
                  <h2>Rejected uploads by code</h2>
                  <Show when={Object.keys(m().rejectedByCode).length > 0} fallback={<Empty>No upload was rejected in the last hour.</Empty>}>
                    <table class="compact">
                      <thead>
                        <tr>
                          <th scope="col">Code</th>
                          <th scope="col" class="num">
                            Count
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={Object.entries(m().rejectedByCode).sort((a, b) => b[1] - a[1])}>
                          {([code, n]) => (
                            <tr>
                              <td class="mono">{code}</td>
                              <td class="num">{count(n)}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </Show>
                  <Show when={m().lifecycle}>
                    {(l) => (
                      <p class="muted small">
                        Lifecycle: {count(l().retentionErased)} erased by retention · {count(l().deletionErased)} by deletion requests · {count(l().orphansReaped)} orphans reaped
                      </p>
                    )}
                  </Show>
                </section>
              </>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
    </div>
  );
};

export default MetricsPage;
