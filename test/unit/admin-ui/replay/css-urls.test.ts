import { describe, expect, it } from "vitest";
import { neutralizeCss } from "../../../../admin-ui/src/replay/css-urls.ts";
import { PLACEHOLDER_IMAGE } from "../../../../admin-ui/src/replay/safe-urls.ts";

const URL_OUT = `url("${PLACEHOLDER_IMAGE}")`;
const STRING_OUT = `"${PLACEHOLDER_IMAGE}"`;

describe("neutralizeCss", () => {
  it("replaces url() in every spelling the tokenizer accepts", () => {
    expect(neutralizeCss("a{background:url(a.png) no-repeat}")).toBe(`a{background:${URL_OUT} no-repeat}`);
    expect(neutralizeCss(`a{background:url( "https://x.example/a.png" )}`)).toBe(`a{background:url( ${STRING_OUT} )}`);
    expect(neutralizeCss("a{background:URL('a.png')}")).toBe(`a{background:URL(${STRING_OUT})}`);
    expect(neutralizeCss("a{background:\\75 rl(a.png)}")).toBe(`a{background:${URL_OUT}}`);
    expect(neutralizeCss("a{background:u\\72l(a.png)}")).toBe(`a{background:${URL_OUT}}`);
    // An escaped parenthesis does not end the URL: all of it goes, what follows stays.
    expect(neutralizeCss("a{background:url(a\\).png) red}")).toBe(`a{background:${URL_OUT} red}`);
    // A bad URL (space inside) and one left open at the end are replaced too.
    expect(neutralizeCss("a{background:url(a b.png)}")).toBe(`a{background:${URL_OUT}}`);
    expect(neutralizeCss("a{background:url(a.png")).toBe(`a{background:${URL_OUT}`);
  });

  it("keeps data: URLs and references into the document", () => {
    const css = `a{background:url(data:image/png;base64,iVBOR) ; mask:url("DATA:image/svg+xml,<svg/>"); filter:url(#blur); clip-path:url( '#c' )}`;
    expect(neutralizeCss(css)).toBe(css);
  });

  it("replaces the URL strings of image-set() but not the strings of its type()", () => {
    expect(neutralizeCss(`a{background-image:image-set("a.avif" type("image/avif") 1x, url(b.png) 2x)}`)).toBe(
      `a{background-image:image-set(${STRING_OUT} type("image/avif") 1x, ${URL_OUT} 2x)}`,
    );
    expect(neutralizeCss(`a{background-image:-webkit-image-set('a.png' 1x)}`)).toBe(`a{background-image:-webkit-image-set(${STRING_OUT} 1x)}`);
  });

  it("replaces a value substituted into a URL function, and URLs held by custom properties", () => {
    expect(neutralizeCss("a{background-image:image-set(var(--img, 'x.png') 1x)}")).toBe(`a{background-image:image-set(${STRING_OUT} 1x)}`);
    expect(neutralizeCss(":root{--img:url(x.png)}")).toBe(`:root{--img:${URL_OUT}}`);
    // var() elsewhere is left alone.
    expect(neutralizeCss("a{color:var(--fg, red)}")).toBe("a{color:var(--fg, red)}");
  });

  it("drops @import rules in any spelling and keeps the rules after them", () => {
    expect(neutralizeCss(`@import url("x.css") screen;@import 'y.css';@IMPORT z.css;a{color:red}`)).toBe("a{color:red}");
    expect(neutralizeCss(`@\\69mport "x.css"; b{color:blue}`)).toBe(" b{color:blue}");
    expect(neutralizeCss(`@import "unterminated.css"`)).toBe("");
    expect(neutralizeCss(`@media print{a{color:red}}`)).toBe(`@media print{a{color:red}}`);
  });

  it("rewrites fonts' sources and keeps their format() hints", () => {
    expect(neutralizeCss(`@font-face{font-family:F;src:url(f.woff2) format("woff2"), local(Arial)}`)).toBe(
      `@font-face{font-family:F;src:${URL_OUT} format("woff2"), local(Arial)}`,
    );
  });

  it("leaves comments, strings and text that only look like URLs as they are", () => {
    const css = `/* rr_split */a::before{content:"url(a.png) and image-set('b.png')"}/* url(c.png) */b{font-family:'My url(font)'}`;
    expect(neutralizeCss(css)).toBe(css);
    expect(neutralizeCss("a{background:myurl(a.png)}")).toBe("a{background:myurl(a.png)}");
  });

  it("returns CSS without URLs unchanged", () => {
    const css = ".card{color:rgb(124,45,18);border:3px solid #7c2d12;width:calc(100% - 2px)}";
    expect(neutralizeCss(css)).toBe(css);
    expect(neutralizeCss("")).toBe("");
  });
});
