import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { INTERACTION_GRACE_MS, MUTATION_BATCH_MS, MutationBatcher } from "../../../../recorder/capture/mutation-batch.ts";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: 1_767_225_600_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * rrweb's side as the batcher sees it: DOM changes are emitted at once unless the page is frozen,
 * and any non-mutation event (what `release` makes) unfreezes it and emits what is pending as one.
 */
function fakeRrweb() {
  const emits: number[] = [];
  let frozen = false;
  let pending = 0;
  const batcher: MutationBatcher = new MutationBatcher({
    freeze: () => {
      frozen = true;
    },
    release: () => unfreeze(),
    now: () => Date.now(),
  });
  function emitPending() {
    if (!pending) return;
    emits.push(pending);
    pending = 0;
    batcher.onMutation();
  }
  function unfreeze() {
    frozen = false;
    emitPending();
  }
  return {
    batcher,
    emits,
    isFrozen: () => frozen,
    change(n = 1) {
      pending += n;
      if (!frozen) emitPending();
    },
    interact() {
      unfreeze();
      batcher.onInteraction();
    },
  };
}

/** A page that has just made its first change: emitted at once, it opens the batch window. */
function pageAfterFirstChange() {
  const page = fakeRrweb();
  page.change();
  return page;
}

describe("MutationBatcher", () => {
  it("emits the first change at once, then everything changed in the window as one emit", async () => {
    const page = pageAfterFirstChange();
    expect(page.emits).toEqual([1]);
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(100);
      page.change();
    }
    expect(page.emits).toEqual([1]);
    await vi.advanceTimersByTimeAsync(MUTATION_BATCH_MS - 400);
    expect(page.emits).toEqual([1, 4]);
  });

  it("is not left frozen on a quiet page", async () => {
    const page = pageAfterFirstChange();
    await vi.advanceTimersByTimeAsync(MUTATION_BATCH_MS);
    expect(page.isFrozen()).toBe(false);
    page.change(2);
    expect(page.emits).toEqual([1, 2]);
  });

  it("release() emits what is held at once (the recorder calls it before every cut)", async () => {
    const page = pageAfterFirstChange();
    page.change(3);
    expect(page.emits).toEqual([1]);
    page.batcher.release();
    expect(page.emits).toEqual([1, 3]);
  });

  it("lets the page's answer to a click through unbatched, then batches again", async () => {
    const page = pageAfterFirstChange();
    page.change();
    page.interact();
    expect(page.emits).toEqual([1, 1]);
    page.change(5);
    expect(page.emits).toEqual([1, 1, 5]);
    await vi.advanceTimersByTimeAsync(INTERACTION_GRACE_MS);
    page.change();
    page.change();
    expect(page.emits).toEqual([1, 1, 5, 1]);
    await vi.advanceTimersByTimeAsync(MUTATION_BATCH_MS);
    expect(page.emits).toEqual([1, 1, 5, 1, 1]);
  });

  it("holds nothing after stop()", async () => {
    const page = pageAfterFirstChange();
    page.batcher.release();
    page.batcher.stop();
    page.change();
    expect(page.emits).toEqual([1, 1]);
    expect(page.isFrozen()).toBe(false);
  });
});
