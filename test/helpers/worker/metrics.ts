import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { METRIC_FLUSH_INTERVAL_MS } from "../../../worker/ingest/metric-tally";
import { adminGet } from "./admin";

/** GET /api/admin/metrics (contract §5): the last hour's counters. */
export interface AdminMetrics {
  uploads: number;
  events: number;
  bytes: number;
  eventsPerMinute: number;
  captureFailures: number;
  rejectedByCode: Record<string, number>;
  serverRedactions: Record<string, number>;
  perMinute: Array<{ minute: number; uploads: number }>;
}

/** Reads the admin metrics, asserting they answered 200. */
export async function readAdminMetrics(): Promise<AdminMetrics> {
  const { status, body } = await adminGet<AdminMetrics>("/api/admin/metrics");
  expect(status).toBe(200);
  return body;
}

/** Rejections of `code` counted in D1 so far. */
async function rejectedInD1(code: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COALESCE(SUM(value), 0) AS n FROM metrics WHERE name = 'rejected' AND label = ?").bind(code).first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * Rejections of `code` in D1 once at least `atLeast` are there, or what is there after a few flush
 * intervals: refusals are counted in memory and written every METRIC_FLUSH_INTERVAL_MS.
 */
export async function rejectedCount(code: string, atLeast = 1): Promise<number> {
  const deadline = Date.now() + 3 * METRIC_FLUSH_INTERVAL_MS;
  let n = await rejectedInD1(code);
  while (n < atLeast && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    n = await rejectedInD1(code);
  }
  return n;
}

/**
 * Waits until counts an earlier request left in this isolate's tally are written (a test that
 * compares counters before and after must not see them land in between).
 */
export async function settleMetrics(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 2 * METRIC_FLUSH_INTERVAL_MS + 200));
}
