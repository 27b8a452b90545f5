import { describe, expect, it } from "vitest";
import { InputBurst } from "../../../../recorder/buffer/input-burst.ts";
import { EventType, IncrementalSource } from "../../../../protocol/rrweb.ts";

const input = (id: number, text: string) => ({ type: EventType.IncrementalSnapshot, timestamp: 1, data: { source: IncrementalSource.Input, id, text } });
const click = { type: EventType.IncrementalSnapshot, timestamp: 2, data: { source: IncrementalSource.MouseInteraction, id: 1 } };

describe("InputBurst", () => {
  it("keeps only the last value of a burst of typing in one field", () => {
    const burst = new InputBurst(true);
    expect([input(1, "a"), input(1, "ab"), input(1, "abc")].flatMap((e) => burst.pass(e))).toEqual([]);
    expect(burst.pass(click)).toEqual([input(1, "abc"), click]);
  });

  it("lets the burst of another field end this one, and gives up what it holds before a cut", () => {
    const burst = new InputBurst(true);
    burst.pass(input(1, "a"));
    expect(burst.pass(input(2, "b"))).toEqual([input(1, "a")]);
    expect(burst.take()).toEqual(input(2, "b"));
    expect(burst.take()).toBeNull();
  });

  it("passes everything when every input is wanted", () => {
    const burst = new InputBurst(false);
    expect(burst.pass(input(1, "a"))).toEqual([input(1, "a")]);
  });
});
