import { describe, expect, it } from "vitest";
import { redactCss, redactCssValue } from "../../../protocol/redact-css.ts";
import { DEFAULT_ALLOWED_PARAMS } from "../../../protocol/redact-url.ts";

const allowed = new Set(DEFAULT_ALLOWED_PARAMS);

describe("redactCss", () => {
  it.each([
    ["personal data in content strings", '.me::after{content:"zelda.q@example.org"}', '.me::after{content:"[email]"}'],
    ["CSS escapes that hide an at sign", '.me::after{content:"zelda\\40 example.org"}', '.me::after{content:"[email]"}'],
    ["a custom property's value", ":root{--user-email: zelda.q@example.org; --w: 4px}", ":root{--user-email: [email]; --w: 4px}"],
    ["a quoted custom property", ':root{--card:"4111 1111 1111 1111"}', ':root{--card:"[card]"}'],
    [
      "a query in url()",
      ".a{background:url(https://cdn.example/a.png?token=abc123&page=2)}",
      '.a{background:url("https://cdn.example/a.png?token=redacted&page=2")}',
    ],
    ["a quoted url()", ".a{background:url('/img/a.png?sig=xyz')}", '.a{background:url("/img/a.png?sig=redacted")}'],
    ["a token path in url()", '.a{background-image:url("/r/Xk9fQ2mZ7pL4sT8vB1nR6wY3/bg.png")}', '.a{background-image:url("/r/[secret]/bg.png")}'],
    ["an @import string", '@import "/theme.css?session=abc";', '@import "/theme.css?session=redacted";'],
    ["an attribute selector", '[data-email="zelda.q@example.org"]{color:red}', '[data-email="[email]"]{color:red}'],
    ["comments (kept empty, so the tokens around them stay apart)", ".a/* zelda.q@example.org */.b{color:red}", ".a/**/.b{color:red}"],
  ])("redacts %s", (_why, css, expected) => {
    expect(redactCss(css, allowed)).toBe(expected);
    expect(redactCss(expected, allowed)).toBe(expected);
  });

  it.each([
    '.btn--primary:hover{color:var(--bs-primary);font-family:"Segoe UI",sans-serif}',
    ".a{background:url(/static/images/undraw_profile_1.svg) no-repeat}",
    '.select{background-image:url("data:image/svg+xml,%3csvg xmlns=%27http://www.w3.org/2000/svg%27%3e%3c/svg%3e")}',
    "@font-face{font-family:X;src:url(data:font/woff2;base64,d09GMgABAAAAA) format('woff2')}",
    '.crumb+.crumb::before{content:"/"}',
    "a[href^='http']{color:blue}",
    "@media (max-width: 768px){.col-md-6{width:100%}}",
  ])("keeps benign CSS as it is: %s", (css) => {
    expect(redactCss(css, allowed)).toBe(css);
  });

  it("masks strings and custom properties and drops URLs inside private elements", () => {
    expect(redactCss('content:"Zelda Quartermaine";--who: Zelda;background:url(/avatars/zelda.jpg);color:red', allowed, true)).toBe(
      'content:"********";--who: ********;background:url("");color:red',
    );
  });
});

describe("redactCssValue (one declaration, as rrweb's style diffs carry it)", () => {
  it("redacts by the property's kind", () => {
    expect(redactCssValue("--user", "zelda.q@example.org", allowed)).toBe("[email]");
    expect(redactCssValue("background-image", 'url("/a.png?token=abc")', allowed)).toBe('url("/a.png?token=redacted")');
    expect(redactCssValue("content", '"Zelda"', allowed, true)).toBe('"********"');
    expect(redactCssValue("width", "42px", allowed, true)).toBe("42px");
  });
});
