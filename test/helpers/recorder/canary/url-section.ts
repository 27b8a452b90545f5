import type { Canary } from "./needles.ts";
import { js, type Section } from "./section.ts";

/** Addresses in every attribute that holds one, in frames rrweb cannot enter, in <noscript>, and in the page's own URL as it changes. */
export function urlSection(c: Canary, workerOrigin: string): Section {
  const t = c.placeEach("url", () => c.token(), {
    pagePath: "a token in the page's path",
    pageQuery: "a token in the page's query (with a slash, so rrweb copies it into relative url())",
    pageHash: "a token in the page's hash route",
    rrSrc: "a token in a cross-origin frame's src (rrweb's rr_src)",
    dataSrcset: "a token in data-srcset",
    noscript: "a token in <noscript> markup",
    linkPath: "a token in a link's path (/r/<token>)",
    linkHash: "a token in a link's hash route (#/verify/<token>)",
    file: "a token as a file name in a link",
    ping: "a token in ping",
    action: "a token in a form's action",
    poster: "a token in a video poster",
    object: "a token in an <object>'s data",
    source: "a token in a <source>'s srcset",
    svg: "a token in an SVG <image> href",
    inputImage: "a token in an image input's src",
    password: "a password in a link's credentials",
    hashChange: "a token in a hash change",
    replaceState: "a token in a replaceState query",
  });
  const m = c.placeEachEmail("url", {
    dataFrame: "an e-mail in a data: frame's src (rr_src)",
    noscript: "an e-mail in <noscript> markup",
    profile: "an e-mail, percent-encoded, in a link's path",
    mailto: "an e-mail in a mailto: link",
    canonical: "an e-mail in a <link rel=canonical>",
    pushState: "an e-mail in a pushState path",
  });
  const attrs = ["data-src", "data-lazy-src", "data-bg", "data-href"].map((name) => [name, c.place("url", `a token in ${name}`, c.token())]);
  const tel = c.place("url", "a phone in a tel: link", c.phone().replace(/ /g, ""));
  const pushSsn = c.place("url", "an SSN in a pushState query", c.ssn());
  return {
    body: `<section id="urls">
  <iframe id="cross-frame" src="${workerOrigin}/api/replay/config?uid=${t.rrSrc}" width="100" height="20"></iframe>
  <iframe src="data:text/html,<p>${m.dataFrame.address}</p>" width="100" height="20"></iframe>
  ${attrs.map(([name, v]) => `<div ${name}="/img/lazy.png?token=${v}">lazy</div>`).join("\n  ")}
  <img data-srcset="/img/lazy.png?sig=${t.dataSrcset} 2x" width="1" height="1">
  <noscript><img src="https://t.example/px?uid=${t.noscript}&amp;email=${m.noscript.address}"></noscript>
  <a href="/r/${t.linkPath}">invite</a> <a href="/app#/verify/${t.linkHash}">verify</a> <a href="/files/${t.file}.pdf">file</a>
  <a href="/profile/${encodeURIComponent(m.profile.address)}">profile</a> <a href="mailto:${m.mailto.address}">mail</a> <a href="tel:${tel}">call</a>
  <a href="https://zelda:${t.password}@example.org/">account</a> <a href="/news" ping="/ping?uid=${t.ping}">news</a>
  <form action="/submit?token=${t.action}" onsubmit="return false"><input type="image" src="/btn.png?token=${t.inputImage}" alt="go"></form>
  <video poster="/p.png?sig=${t.poster}" width="10" height="10"></video>
  <object data="/o.svg?token=${t.object}" width="10" height="10"></object>
  <picture><source srcset="/s.webp?token=${t.source} 1x"><img src="/wp-content/uploads/2024/03/photo.jpg" width="10" height="10" alt="photo"></picture>
  <svg width="10" height="10"><image href="/i.png?t=${t.svg}" width="10" height="10"/></svg>
</section>`,
    head: `<link rel="canonical" href="/u/${m.canonical.address}">`,
    later: `
  history.pushState({}, "", "/users/" + ${js(m.pushState.address)} + "/settings?ssn=" + ${js(pushSsn)});
  location.hash = "#/verify/" + ${js(t.hashChange)};
  history.replaceState({}, "", location.pathname + "?invite=" + ${js(t.replaceState)} + "&tab=profile");`,
    typed: { pagePath: `/invite/${t.pagePath}/`, pageQuery: `?ref=/${t.pageQuery}/x&page=2`, pageHash: `#/verify/${t.pageHash}` },
  };
}
