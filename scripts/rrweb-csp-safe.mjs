// rrweb 2.2.2 diffs a changed style attribute against its old value by parsing that value as the
// style attribute of a span in a detached document (`setAttribute("style", oldValue)`). On a page
// whose Content-Security-Policy has no 'unsafe-inline' for styles (`style-src 'self'`, common in
// apps), that is an inline style: the browser refuses it and reports a violation for every style
// change on the page (in the console, and to the page's report-uri), and the diff sees no old style.
// `style.cssText` is CSSOM, which CSP allows, and parses the same declarations the same way, so
// the events are the same where no such policy is in force (test/e2e/recorder/rrweb-patch-equivalence.test.ts).

/** [what, pattern, replacement, matches expected in rrweb 2.2.2] */
export const CSP_SAFE_REWRITES = [
  [
    "a style's old value is parsed through CSSOM, which a page's CSP allows",
    /if \(m\.oldValue\) old\.setAttribute\("style", m\.oldValue\);/g,
    "if (m.oldValue) old.style.cssText = m.oldValue;",
    1,
  ],
];
