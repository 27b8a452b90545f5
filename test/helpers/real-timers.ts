import { afterEach, vi } from "vitest";

// Setup of the unit project: whatever fake timers a test used, the next one starts on real ones.
afterEach(() => {
  vi.useRealTimers();
});
