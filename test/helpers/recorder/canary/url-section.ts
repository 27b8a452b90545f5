import type { Canary } from "./needles.ts";
import { js, type Section } from "./section.ts";

/** Addresses in every attribute that holds one, in frames rrweb cannot enter, in <noscript>, and in the page's own URL as it changes. */
export function urlSection(c: Canary, workerOrigin: string): Section {
  const u = (where: string) => c.place("url", where, c.token());
  const mail = (where: string) => c.placeEmail("url", where);
  const page = {
    path: u("a token in the page's path"),
    query: u("a token in the page's query (with a slash, so rrweb copies it into relative url())"),
    hash: u("a token in the page's hash route"),
  };
  const rrSrc = u("a token in a cross-origin frame's src (rrweb's rr_src)");
  const dataFrame = mail("an e-mail in a data: frame's src (rr_src)");
  const attrs = ["data-src", "data-lazy-src", "data-bg", "data-href"].map((name) => [name, u(`a token in ${name}`)]);
  const dataSrcset = u("a token in data-srcset");
  const noscriptToken = u("a token in <noscript> markup");
  const noscriptMail = mail("an e-mail in <noscript> markup");
  const links = {
    path: u("a token in a link's path (/r/<token>)"),
    hash: u("a token in a link's hash route (#/verify/<token>)"),
    file: u("a token as a file name in a link"),
    ping: u("a token in ping"),
    action: u("a token in a form's action"),
    poster: u("a token in a video poster"),
    object: u("a token in an <object>'s data"),
    source: u("a token in a <source>'s srcset"),
    svg: u("a token in an SVG <image> href"),
    inputImage: u("a token in an image input's src"),
    password: u("a password in a link's credentials"),
  };
  const profile = mail("an e-mail, percent-encoded, in a link's path");
  const mailto = mail("an e-mail in a mailto: link");
  const canonical = mail("an e-mail in a <link rel=canonical>");
  const tel = c.place("url", "a phone in a tel: link", c.phone().replace(/ /g, ""));
  const nav = {
    pushEmail: mail("an e-mail in a pushState path"),
    pushSsn: c.place("url", "an SSN in a pushState query", c.ssn()),
    hash: u("a token in a hash change"),
    replace: u("a token in a replaceState query"),
  };
  return {
    body: `<section id="urls">
  <iframe id="cross-frame" src="${workerOrigin}/api/replay/config?uid=${rrSrc}" width="100" height="20"></iframe>
  <iframe src="data:text/html,<p>${dataFrame.address}</p>" width="100" height="20"></iframe>
  ${attrs.map(([name, v]) => `<div ${name}="/img/lazy.png?token=${v}">lazy</div>`).join("\n  ")}
  <img data-srcset="/img/lazy.png?sig=${dataSrcset} 2x" width="1" height="1">
  <noscript><img src="https://t.example/px?uid=${noscriptToken}&amp;email=${noscriptMail.address}"></noscript>
  <a href="/r/${links.path}">invite</a> <a href="/app#/verify/${links.hash}">verify</a> <a href="/files/${links.file}.pdf">file</a>
  <a href="/profile/${encodeURIComponent(profile.address)}">profile</a> <a href="mailto:${mailto.address}">mail</a> <a href="tel:${tel}">call</a>
  <a href="https://zelda:${links.password}@example.org/">account</a> <a href="/news" ping="/ping?uid=${links.ping}">news</a>
  <form action="/submit?token=${links.action}" onsubmit="return false"><input type="image" src="/btn.png?token=${links.inputImage}" alt="go"></form>
  <video poster="/p.png?sig=${links.poster}" width="10" height="10"></video>
  <object data="/o.svg?token=${links.object}" width="10" height="10"></object>
  <picture><source srcset="/s.webp?token=${links.source} 1x"><img src="/wp-content/uploads/2024/03/photo.jpg" width="10" height="10" alt="photo"></picture>
  <svg width="10" height="10"><image href="/i.png?t=${links.svg}" width="10" height="10"/></svg>
</section>`,
    head: `<link rel="canonical" href="/u/${canonical.address}">`,
    later: `
  history.pushState({}, "", "/users/" + ${js(nav.pushEmail.address)} + "/settings?ssn=" + ${js(nav.pushSsn)});
  location.hash = "#/verify/" + ${js(nav.hash)};
  history.replaceState({}, "", location.pathname + "?invite=" + ${js(nav.replace)} + "&tab=profile");`,
    typed: { pagePath: `/invite/${page.path}/`, pageQuery: `?ref=/${page.query}/x&page=2`, pageHash: `#/verify/${page.hash}` },
  };
}
