// rrweb 2.2.2 checks that the page has not patched the DOM prototypes it reads, and when a check
// fails it takes untainted copies from a hidden iframe that it appends and removes (a layout and a
// new browsing context, ~75 ms of the first snapshot's task at 4x CPU). Its list of Element's
// *accessors* names `querySelector` and `querySelectorAll`, which are methods: they have no getter,
// so the check fails on every page, clean or not, once per copy of rrweb's utils in the dist (three).
// Listed as methods, they are checked as methods: a clean page takes no iframe, and a page that
// really patched `Element.prototype.querySelector` still gets the iframe's native copy.
// Upstream: https://github.com/rrweb-io/rrweb/pull/1802 (the same move, open at rrweb 2.2.2).

import { newlines } from "./rrweb-rewrite-text.mjs";

/** [what, pattern, replacement, matches expected in rrweb 2.2.2] */
export const UNTAINTED_CHECK_REWRITES = [
  [
    "Element's querySelector/querySelectorAll checked as methods",
    /(var testableAccessors(\$\d)? = \{[^}]*?\bElement: \[\s*"shadowRoot"),\s*"querySelector",\s*"querySelectorAll"\s*(\][^}]*\};\s*var testableMethods\2 = \{[^}]*?\bElement: \[)\]/g,
    // The removed lines stay as blank ones: rrweb's own source map (chained by esbuild) is by line.
    (match, accessors, _suffix, between) =>
      `${accessors}${"\n".repeat(newlines(match) - newlines(accessors) - newlines(between))}${between}"querySelector", "querySelectorAll"]`,
    3,
  ],
];
