// Small text helpers the rrweb rewrites share (scripts/rrweb-patch.mjs applies them).

/** How many line breaks `text` holds: rewrites keep rrweb's line count, since its own source map (chained by esbuild) is by line. */
export const newlines = (text) => text.split("\n").length - 1;

/** A pattern that matches `text` as it is, everywhere. */
export const literal = (text) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g");
