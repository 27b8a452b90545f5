import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applyRewrites, UNTAINTED_CHECK_REWRITES } from "../../../scripts/rrweb-patch.mjs";

const DIST = readFileSync(new URL("../../../node_modules/rrweb/dist/rrweb.js", import.meta.url), "utf8");
/** The dist's three copies of rrweb's utils, by their names' suffix. */
const COPIES = ["", "$1", "$2"];

type GetUntaintedPrototype = (key: string) => object;

/** A page's globals as far as getUntaintedPrototype reads them, counting the hidden iframes it appends. */
function fakePage(elementPrototype: object) {
  const iframePrototype = { fromIframe: true };
  const page = { iframes: 0, iframePrototype, globals: { Element: { prototype: elementPrototype } } };
  const document = {
    createElement: () => ({
      style: {},
      classList: { add() {} },
      setAttribute() {},
      remove() {},
      contentWindow: { Element: { prototype: iframePrototype } },
    }),
    body: { appendChild: () => page.iframes++ },
  };
  return { page, document, navigator: { userAgent: "Mozilla/5.0 Chrome/140" } };
}

/** One copy's getUntaintedPrototype from `dist`, run against fake page globals. */
function loadCopy(dist: string, suffix: string, env: ReturnType<typeof fakePage>): GetUntaintedPrototype {
  const start = dist.indexOf(`var testableAccessors${suffix} = {`);
  const end = dist.indexOf(`var untaintedAccessorCache${suffix} = {`);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const body = `${dist.slice(start, end)}\nreturn getUntaintedPrototype${suffix};`;
  return new Function("globalThis", "document", "navigator", body)(env.page.globals, env.document, env.navigator);
}

/** Element.prototype as a clean browser has it: a native getter and native methods. */
function cleanElementPrototype(): object {
  const proto = {};
  // Any native getter and functions will do: their source reads "[native code]", as the DOM's do.
  Object.defineProperty(proto, "shadowRoot", { get: Object.getOwnPropertyDescriptor(Map.prototype, "size")?.get });
  Object.assign(proto, { querySelector: Array.prototype.indexOf, querySelectorAll: Array.prototype.filter });
  return proto;
}

describe("rrweb's untainted Element check (scripts/rrweb-untainted-check.mjs)", () => {
  const patched = applyRewrites(DIST, UNTAINTED_CHECK_REWRITES);

  it.each(COPIES)("copy '%s': a clean page's Element.prototype is used as is, with no iframe", (suffix) => {
    const proto = cleanElementPrototype();
    const env = fakePage(proto);
    expect(loadCopy(patched, suffix, env)("Element")).toBe(proto);
    expect(env.page.iframes).toBe(0);
  });

  it.each(COPIES)("copy '%s': a page that patched querySelector gets the iframe's native prototype", (suffix) => {
    const proto = cleanElementPrototype();
    Object.assign(proto, { querySelector: (selectors: string) => selectors });
    const env = fakePage(proto);
    expect(loadCopy(patched, suffix, env)("Element")).toBe(env.page.iframePrototype);
    expect(env.page.iframes).toBe(1);
  });

  it("fixes a real fault: rrweb 2.2.2 as shipped takes an iframe on a clean page", () => {
    const env = fakePage(cleanElementPrototype());
    expect(loadCopy(DIST, "", env)("Element")).toBe(env.page.iframePrototype);
    expect(env.page.iframes).toBe(1);
  });
});
