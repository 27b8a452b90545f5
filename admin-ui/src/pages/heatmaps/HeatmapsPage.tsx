import { type Component, For, Show, createMemo, createSignal } from "solid-js";
import { createAsync, revalidate, useSearchParams } from "@solidjs/router";
import { getHeatmap, getHeatmapPages } from "../../api/admin";
import { legendStops } from "../../heatmaps/draw-heatmap";
import { Loaded } from "../../components/Loaded";
import Page from "../../components/Page";
import PagePicker from "./PagePicker";
import PageFrame from "./PageFrame";
import HeatmapCanvas from "./HeatmapCanvas";

const HOUR_MS = 3_600_000;
/** Time ranges offered, back from now. */
const RANGES: { value: string; label: string; ms: number | null }[] = [
  { value: "24h", label: "Last 24 hours", ms: 24 * HOUR_MS },
  { value: "7d", label: "Last 7 days", ms: 7 * 24 * HOUR_MS },
  { value: "30d", label: "Last 30 days", ms: 30 * 24 * HOUR_MS },
  { value: "all", label: "All kept", ms: null },
];
const DEVICES = ["desktop", "mobile", "tablet", "unknown"] as const;
/** Until a frame says otherwise, the percentages are drawn over a box of this shape. */
const DEFAULT_VIEWPORT = { width: 1280, height: 720 };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** `/admin/heatmaps`: pick a page, a time range and a device; the clicks are drawn over a frame of the page. */
const HeatmapsPage: Component = () => {
  const [params, setParams] = useSearchParams();
  const url = () => one(params.url);
  const range = () => RANGES.find((r) => r.value === one(params.range)) ?? RANGES[1];
  const device = () => DEVICES.find((d) => d === one(params.device));
  // "Now" is taken when the filter changes, so the query (and its cache key) holds still between renders.
  const filters = createMemo(() => {
    const page = url();
    const ms = range()?.ms ?? null;
    return page ? { url: page, from: ms === null ? undefined : Date.now() - ms, device: device() } : undefined;
  });
  const heatmap = createAsync(async () => {
    const f = filters();
    return f ? getHeatmap(f) : undefined;
  });
  // The page's entry (its sample session), also when the page came from the address bar.
  const entry = createAsync(async () => {
    const page = url();
    return page ? (await getHeatmapPages(page)).pages.find((p) => p.url === page) : undefined;
  });
  // The frame is made once per page: a new page (even from the same sample session) is a new frame.
  const frameSource = createMemo(() => {
    const e = entry();
    return e?.sampleSessionId ? { sessionId: e.sampleSessionId, url: e.url } : undefined;
  });
  const [viewport, setViewport] = createSignal<{ width: number; height: number } | null>(null);
  const shape = () => viewport() ?? DEFAULT_VIEWPORT;

  return (
    <Page name="heatmaps" title="Heatmaps">
      <div class="heatmaps-layout">
        <PagePicker
          selected={url()}
          onPick={(p) => {
            setViewport(null);
            setParams({ url: p.url });
          }}
        />
        <section class="heatmap-main" aria-label="Heatmap">
          <form class="filters" onSubmit={(e) => e.preventDefault()}>
            <label>
              Time
              <select value={range()?.value} onChange={(e) => setParams({ range: e.currentTarget.value })} data-testid="heatmap-range">
                <For each={RANGES}>{(r) => <option value={r.value}>{r.label}</option>}</For>
              </select>
            </label>
            <label>
              Device
              <select value={device() ?? ""} onChange={(e) => setParams({ device: e.currentTarget.value || null })} data-testid="heatmap-device">
                <option value="">All devices</option>
                <For each={DEVICES}>{(d) => <option value={d}>{d}</option>}</For>
              </select>
            </label>
          </form>
          <Show when={url()} fallback={<p class="muted">Pick a page to see where its visitors click.</p>}>
            <Loaded value={heatmap()} loading="Loading clicks…" retry={() => revalidate(getHeatmap.key)}>
              {(h) => (
                <>
                  <div class="heatmap-head">
                    <span class="mono wrap">{h().url}</span>
                    <span data-testid="heatmap-clicks">
                      <strong>{h().clicks.toLocaleString()}</strong> clicks
                    </span>
                    <span class="heatmap-legend">
                      fewer
                      <span class="heatmap-legend-bar" style={{ background: `linear-gradient(to right, ${legendStops().join(", ")})` }} />
                      more
                    </span>
                  </div>
                  <div class="heatmap-stage" style={{ "aspect-ratio": viewport() ? undefined : `${shape().width} / ${shape().height}` }}>
                    <Show when={frameSource()} keyed>
                      {(source) => <PageFrame sessionId={source.sessionId} url={source.url} onViewport={setViewport} />}
                    </Show>
                    <HeatmapCanvas heatmap={h()} viewport={shape()} />
                  </div>
                  <Show when={!viewport()}>
                    <p class="muted small">No recorded frame of this page is kept: the clicks are drawn on a blank page of the viewport's shape.</p>
                  </Show>
                </>
              )}
            </Loaded>
          </Show>
        </section>
      </div>
    </Page>
  );
};

export default HeatmapsPage;
