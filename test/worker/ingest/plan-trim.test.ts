import { describe, expect, it } from "vitest";
import { RECEIVE_GRACE_MS, SESSION_MAX_STORED_BYTES, SESSION_MAX_STORED_CHUNKS, planTrim, type KeptChunk } from "../../../worker/ingest/plan-trim";
import { MINUTE_MS as MINUTE, SECOND_MS as SECOND } from "../../helpers/worker/time";

const WINDOW = 10 * MINUTE;
const T = 1_800_000_000_000;

/** Chunks `seq` 0…n-1, each `spanMs` long and received as it ends, checkouts where `checkout` says, each with `over` on top. */
function session(n: number, spanMs: number, checkout: (seq: number) => boolean, over: Partial<KeptChunk> = {}): KeptChunk[] {
  return Array.from({ length: n }, (_, seq) => {
    const c = {
      seq,
      startedAt: T + seq * spanMs,
      endedAt: T + (seq + 1) * spanMs - 1,
      receivedAt: T + (seq + 1) * spanMs,
      bytes: 1000,
      hasFullSnapshot: checkout(seq),
    };
    return { ...c, ...over };
  });
}
const lastReceived = (chunks: KeptChunk[]) => Math.max(...chunks.map((c) => c.receivedAt));

describe("planTrim", () => {
  it("keeps everything while the session fits the window", () => {
    const chunks = session(30, 10 * SECOND, (s) => s % 12 === 0);
    expect(planTrim(chunks, 0, { windowMs: WINDOW, now: lastReceived(chunks) })).toBeNull();
  });

  it("by the page's clock: starts at the newest snapshot at or before latest end − window", () => {
    // 20 minutes of 10 s chunks, a checkout every 2 minutes (12 chunks).
    const chunks = session(120, 10 * SECOND, (s) => s % 12 === 0);
    expect(planTrim(chunks, 0, { windowMs: WINDOW, now: lastReceived(chunks) })).toEqual({ keepFromSeq: 48, reasons: ["window"] });
    // Already trimmed there: nothing more to do.
    expect(planTrim(chunks.slice(48), 48, { windowMs: WINDOW, now: lastReceived(chunks) })).toBeNull();
  });

  it("by the server's clock: drops chunks received more than window + 5 minutes ago, then up to a snapshot", () => {
    // The page clock is stuck: only receive times move.
    const chunks = session(40, MINUTE, (s) => s % 7 === 0, { startedAt: T, endedAt: T });
    const now = lastReceived(chunks);
    const cutoff = now - WINDOW - RECEIVE_GRACE_MS;
    const firstFresh = chunks.find((c) => c.receivedAt >= cutoff)?.seq ?? Number.NaN;
    const plan = planTrim(chunks, 0, { windowMs: WINDOW, now });
    const expected = chunks.find((c) => c.seq >= firstFresh && c.hasFullSnapshot)?.seq;
    expect(plan).toEqual({ keepFromSeq: expected, reasons: ["received", "snapshot"] });
    expect(chunks.filter((c) => c.seq >= (expected ?? 0)).every((c) => c.receivedAt >= cutoff)).toBe(true);
  });

  it("drops everything when no snapshot follows what is too old, and keeps dropping until one arrives", () => {
    const chunks = session(6, 12 * MINUTE, (s) => s === 0);
    expect(planTrim(chunks, 0, { windowMs: WINDOW, now: lastReceived(chunks) })).toEqual({ keepFromSeq: 6, reasons: ["received", "snapshot"] });
    const next = (seq: number, checkout: boolean): KeptChunk => ({
      seq,
      startedAt: T + seq * MINUTE,
      endedAt: T + seq * MINUTE,
      receivedAt: lastReceived(chunks) + seq * SECOND,
      bytes: 1,
      hasFullSnapshot: checkout,
    });
    // After a trim, the kept data must start with a snapshot: a chunk without one goes at once…
    expect(planTrim([next(6, false)], 6, { windowMs: WINDOW, now: lastReceived(chunks) + 6 * SECOND })).toEqual({ keepFromSeq: 7, reasons: ["snapshot"] });
    // …and one with a snapshot stays, with what follows it.
    expect(planTrim([next(7, true), next(8, false)], 7, { windowMs: WINDOW, now: lastReceived(chunks) + 8 * SECOND })).toBeNull();
  });

  it("caps the chunks a session keeps, dropping the oldest first, down to a snapshot", () => {
    const chunks = session(SESSION_MAX_STORED_CHUNKS + 50, 100, (s) => s % 100 === 0);
    const plan = planTrim(chunks, 0, { windowMs: 24 * 60 * MINUTE, now: lastReceived(chunks) });
    // The newest 2,000 start at chunk 50; the next checkout is chunk 100.
    expect(plan).toEqual({ keepFromSeq: 100, reasons: ["size", "snapshot"] });
    expect(chunks.length - (plan?.keepFromSeq ?? 0)).toBeLessThanOrEqual(SESSION_MAX_STORED_CHUNKS);
  });

  it("caps the bytes a session keeps, dropping the oldest first, down to a snapshot", () => {
    const big = Math.floor(SESSION_MAX_STORED_BYTES / 10); // 11 chunks do not fit, 10 do
    const chunks = session(14, SECOND, (s) => s % 2 === 0, { bytes: big });
    const plan = planTrim(chunks, 0, { windowMs: 24 * 60 * MINUTE, now: lastReceived(chunks) });
    // The newest 10 fit (4…13); chunk 4 is a checkout.
    expect(plan).toEqual({ keepFromSeq: 4, reasons: ["size"] });
    const odd = planTrim(chunks.slice(1), 1, { windowMs: 24 * 60 * MINUTE, now: lastReceived(chunks) });
    expect(odd).toEqual({ keepFromSeq: 4, reasons: ["size"] });
    // With a checkout only at an odd place, it drops further rather than start without one.
    const sparse = session(14, SECOND, (s) => s === 0 || s === 9, { bytes: big });
    expect(planTrim(sparse, 0, { windowMs: 24 * 60 * MINUTE, now: lastReceived(sparse) })).toEqual({ keepFromSeq: 9, reasons: ["size", "snapshot"] });
  });
});
