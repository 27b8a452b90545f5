import { describe, expect, it } from "vitest";
import { UNKNOWN_ELEMENT, neutralizeAttributes } from "../../../../admin-ui/src/replay/element-urls.ts";
import { PLACEHOLDER_IMAGE, placeholderImage } from "../../../../admin-ui/src/replay/safe-urls.ts";

const html = (tag: string) => ({ tag, svg: false });
const svg = (tag: string) => ({ tag, svg: true });
const DATA_PNG = "data:image/png;base64,iVBORw0KGgo=";
const URL_OUT = `url("${PLACEHOLDER_IMAGE}")`;

describe("neutralizeAttributes", () => {
  it("gives an image an inline stand-in of its recorded size and drops its candidates", () => {
    expect(neutralizeAttributes(html("img"), { src: "/a.png", srcset: "/a-2x.png 2x", width: "120", height: "80", alt: "Logo" })).toEqual({
      src: placeholderImage("120", "80"),
      width: "120",
      height: "80",
      alt: "Logo",
    });
    expect(placeholderImage("120", "80")).toBe("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='120' height='80'/%3E");
    // Without both dimensions the stand-in is a 1×1 transparent GIF.
    expect(neutralizeAttributes(html("img"), { src: "https://x.example/a.png", width: "120" })).toEqual({ src: PLACEHOLDER_IMAGE, width: "120" });
    expect(neutralizeAttributes(html("input"), { type: "image", src: "go.png" })).toEqual({ type: "image", src: PLACEHOLDER_IMAGE });
  });

  it("keeps inline images, and rrweb's recorded pixels only when they are inline", () => {
    expect(neutralizeAttributes(html("img"), { src: DATA_PNG, rr_dataURL: DATA_PNG })).toEqual({ src: DATA_PNG, rr_dataURL: DATA_PNG });
    expect(neutralizeAttributes(html("img"), { src: DATA_PNG, rr_dataURL: "https://x.example/a.png" })).toEqual({ src: DATA_PNG });
    expect(neutralizeAttributes(html("canvas"), { rr_dataURL: "/c.png", width: "10" })).toEqual({ width: "10" });
    // The URL parser ignores tabs and leading spaces: so does the check.
    expect(neutralizeAttributes(html("img"), { src: " \tda\nta:image/gif;base64,R0lG" })).toEqual({ src: " \tda\nta:image/gif;base64,R0lG" });
    expect(neutralizeAttributes(html("img"), { src: "data:text/html,<p>" })).toEqual({ src: PLACEHOLDER_IMAGE });
  });

  it("drops every other fetching attribute: sources, frames, media, plugins, forms, pings", () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ["iframe", { src: "/cdn-cgi/access/logout", srcdoc: "<img src=x>", width: "40" }, { width: "40" }],
      ["video", { src: "v.mp4", poster: "p.png", controls: "" }, { controls: "" }],
      ["source", { src: "s.mp4", srcset: "s.webp", type: "image/webp" }, { type: "image/webp" }],
      ["track", { src: "t.vtt", kind: "captions" }, { kind: "captions" }],
      ["audio", { src: "a.mp3" }, {}],
      ["object", { data: "o.svg", type: "image/svg+xml", width: "20" }, { width: "20" }],
      ["embed", { src: "e.svg", type: "image/svg+xml" }, {}],
      ["script", { src: "s.js", type: "module" }, { type: "module" }],
      ["link", { rel: "stylesheet", href: "https://x.example/s.css", media: "all" }, { rel: "stylesheet", media: "all" }],
      ["link", { rel: "preload", as: "image", imagesrcset: "a.png 1x", imagesizes: "100vw", href: "a.png" }, { rel: "preload", as: "image" }],
      ["base", { href: "http://127.0.0.1:9/" }, {}],
      ["form", { action: "/api/admin/ops/run-scheduled", method: "post" }, { method: "post" }],
      ["button", { formaction: "/logout", type: "submit" }, { type: "submit" }],
      ["a", { href: "https://x.example/page", ping: "/ping", attributionsrc: "https://x.example/a" }, { href: "https://x.example/page" }],
      ["td", { background: "bg.png", colspan: "2" }, { colspan: "2" }],
      ["html", { manifest: "app.appcache", lang: "en" }, { lang: "en" }],
      ["meta", { "http-equiv": " Refresh ", content: "0;url=/cdn-cgi/access/logout" }, { content: "0;url=/cdn-cgi/access/logout" }],
    ];
    for (const [tag, attrs, expected] of cases) expect([tag, neutralizeAttributes(html(tag), attrs)]).toEqual([tag, expected]);
    // Other http-equiv values load nothing and stay.
    expect(neutralizeAttributes(html("meta"), { "http-equiv": "content-type", content: "text/html" })).toEqual({
      "http-equiv": "content-type",
      content: "text/html",
    });
  });

  it("matches attribute names in any case, as setAttribute does for HTML", () => {
    expect(neutralizeAttributes(html("img"), { SRC: "a.png", SrcSet: "b.png 2x" })).toEqual({ SRC: PLACEHOLDER_IMAGE });
    expect(neutralizeAttributes(html("link"), { HREF: "s.css" })).toEqual({});
  });

  it("keeps links and SVG references into the document, drops SVG hrefs that load files", () => {
    expect(neutralizeAttributes(html("area"), { href: "/x", shape: "rect" })).toEqual({ href: "/x", shape: "rect" });
    expect(neutralizeAttributes(svg("a"), { href: "/x" })).toEqual({ href: "/x" });
    expect(neutralizeAttributes(svg("use"), { href: "#icon", "xlink:href": "sprite.svg#icon" })).toEqual({ href: "#icon" });
    expect(neutralizeAttributes(svg("image"), { href: "a.png", "xlink:href": DATA_PNG, width: "4" })).toEqual({ "xlink:href": DATA_PNG, width: "4" });
    expect(neutralizeAttributes(svg("feimage"), { href: "http://127.0.0.1:9/f.png" })).toEqual({});
    expect(neutralizeAttributes(svg("script"), { href: "s.js" })).toEqual({});
  });

  it("rewrites CSS in style attributes, style objects of mutations and SVG presentation attributes", () => {
    expect(neutralizeAttributes(html("div"), { style: "background:url(a.png);color:red" })).toEqual({ style: `background:${URL_OUT};color:red` });
    expect(
      neutralizeAttributes(html("div"), {
        style: { "background-image": "url(a.png)", "border-image": ["url(b.png) 30", "important"], color: "red", width: false },
      }),
    ).toEqual({
      style: { "background-image": URL_OUT, "border-image": [`${URL_OUT} 30`, "important"], color: "red", width: false },
    });
    expect(neutralizeAttributes(svg("rect"), { fill: "url(other.svg#g)", filter: "url(#f)", width: "10" })).toEqual({
      fill: URL_OUT,
      filter: "url(#f)",
      width: "10",
    });
    expect(neutralizeAttributes(html("style"), { _cssText: "@import 'x.css';a{color:red}" })).toEqual({ _cssText: "a{color:red}" });
    // Only a string _cssText becomes a stylesheet; anything else is dropped rather than guessed at.
    expect(neutralizeAttributes(html("style"), { _cssText: ["@import 'x.css'"] })).toEqual({});
  });

  it("treats values that are not strings as rrweb would write them", () => {
    // rrweb calls toString() on them: ["a.png"] would become src="a.png".
    expect(neutralizeAttributes(html("iframe"), { src: ["a.png"] })).toEqual({});
    expect(neutralizeAttributes(html("img"), { src: 42 })).toEqual({ src: PLACEHOLDER_IMAGE });
    expect(neutralizeAttributes(svg("rect"), { fill: ["url(x.svg#g)"] })).toEqual({ fill: URL_OUT });
    // null removes the attribute (mutations), which loads nothing.
    expect(neutralizeAttributes(html("img"), { src: null })).toEqual({ src: null });
  });

  it("assumes the worst of an element it never saw", () => {
    expect(neutralizeAttributes(UNKNOWN_ELEMENT, { href: "/x", src: "a.png", data: "o.svg", "http-equiv": "refresh", title: "url(a.png)", id: "k" })).toEqual({
      title: URL_OUT,
      id: "k",
    });
  });
});
