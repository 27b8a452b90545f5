// Small, pure formatters shared by the pages (tested in test/unit/admin-ui/lib/format.test.ts).

const UNITS = ["B", "KB", "MB", "GB", "TB"];

/** 1536 -> "1.5 KB" (powers of 1024, one decimal under 10). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "–";
  let v = n;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 || v >= 10 ? Math.round(v) : v.toFixed(1)} ${UNITS[i]}`;
}

/** 65_000 -> "1:05", 3_725_000 -> "1:02:05"; null -> "–". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return "–";
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** Local date and time of an epoch-ms value. */
export function formatDateTime(ms: number | null): string {
  return ms === null ? "–" : dateTime.format(ms);
}

/** Local time of day; the date is shown only when it differs from `sameDayAs`. */
export function formatEnd(ms: number | null, sameDayAs: number | null): string {
  if (ms === null) return "–";
  if (sameDayAs !== null && new Date(ms).toDateString() === new Date(sameDayAs).toDateString()) return timeOnly.format(ms);
  return dateTime.format(ms);
}

/** A short "Chrome 126 · Linux" from a user agent string; the raw string stays in the title. */
export function describeUserAgent(ua: string | undefined): string {
  if (!ua) return "–";
  const browser =
    /Edg\/(\d+)/.exec(ua)?.[1] !== undefined
      ? `Edge ${/Edg\/(\d+)/.exec(ua)?.[1]}`
      : /Firefox\/(\d+)/.test(ua)
        ? `Firefox ${/Firefox\/(\d+)/.exec(ua)?.[1]}`
        : /(?:Chrome|Chromium|HeadlessChrome)\/(\d+)/.test(ua)
          ? `Chrome ${/(?:Chrome|Chromium|HeadlessChrome)\/(\d+)/.exec(ua)?.[1]}`
          : /Version\/(\d+).*Safari/.test(ua)
            ? `Safari ${/Version\/(\d+)/.exec(ua)?.[1]}`
            : ua.slice(0, 24);
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return os ? `${browser} · ${os}` : browser;
}

/** "1280×720" or "–". */
export function formatViewport(v: { width: number; height: number } | undefined): string {
  return v ? `${v.width}×${v.height}` : "–";
}

/** Path and query of a URL for narrow cells ("/checkout?step=2"); the input if it does not parse. */
export function shortUrl(url: string | null | undefined): string {
  if (!url) return "–";
  try {
    const u = new URL(url);
    // Only web URLs are shortened; anything else (javascript:, data:) is shown whole, as text.
    return u.protocol === "http:" || u.protocol === "https:" ? `${u.host}${u.pathname}${u.search}` : url;
  } catch {
    return url;
  }
}

/** Offset into a replay as m:ss.s, for the event list and the timeline. */
export function formatOffset(ms: number): string {
  const clamped = Math.max(0, ms);
  const m = Math.floor(clamped / 60_000);
  const s = (clamped % 60_000) / 1000;
  return `${m}:${s.toFixed(1).padStart(4, "0")}`;
}

/** epoch ms -> value of an <input type="datetime-local"> in the browser's zone. */
export function toLocalInput(ms: number | undefined): string {
  if (ms === undefined) return "";
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Value of an <input type="datetime-local"> -> epoch ms (undefined when empty or invalid). */
export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
