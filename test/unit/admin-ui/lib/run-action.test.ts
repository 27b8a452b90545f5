import { describe, expect, it } from "vitest";
import { runAction } from "../../../../admin-ui/src/lib/run-action.ts";

/** An action state that writes down every busy and error change, in order. */
function recordState() {
  const seen: string[] = [];
  return { seen, state: { busy: (on: boolean) => seen.push(`busy ${on}`), error: (m: string | null) => seen.push(`error ${m}`) } };
}

describe("runAction", () => {
  it("is busy while the action runs and clears the old error first", async () => {
    const { seen, state } = recordState();
    await runAction(state, "Failed", async () => seen.push("ran"));
    expect(seen).toEqual(["busy true", "error null", "ran", "busy false"]);
  });

  it("shows a failure's message, or the fallback for a throw that is no Error, and ends not busy", async () => {
    const { seen, state } = recordState();
    await runAction(state, "Failed", () => Promise.reject(new Error("Gone")));
    await runAction(state, "Failed", () => Promise.reject("no error"));
    expect(seen.filter((s) => s.startsWith("error ") && s !== "error null")).toEqual(["error Gone", "error Failed"]);
    expect(seen.at(-1)).toBe("busy false");
  });
});
