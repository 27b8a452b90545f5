import type { Canary } from "./needles.ts";
import { css, js, type Section } from "./section.ts";

/** CSS in every form rrweb records: <style>, <link>, @import, style attributes and their diffs, the CSSOM, adopted sheets. */
export function cssSection(c: Canary): Section {
  const m = c.placeEachEmail("css", {
    content: "e-mail in content: in <style>",
    custom: "e-mail in a custom property in <style>",
    select: "e-mail in an attribute selector",
    escaped: "e-mail hidden by a CSS escape (\\40)",
    imported: "e-mail in an @imported stylesheet",
    linked: "e-mail in a <link> stylesheet",
    shadow: "e-mail in a <style> inside an open shadow root",
    adopted: "e-mail in a constructed sheet adopted by the document",
    adoptedShadow: "e-mail in a constructed sheet adopted by a shadow root",
    attr: "e-mail in a custom property of a style attribute",
    setProperty: "e-mail set by style.setProperty (a style diff)",
    insertRule: "e-mail added by insertRule",
    replaceSync: "e-mail in a constructed sheet's replaceSync",
    adoptedInsert: "e-mail inserted into an adopted sheet",
    newStyle: "e-mail in a <style> added later",
    styleText: "e-mail written into an existing <style> later",
  });
  const t = c.placeEach("css", () => c.token(), {
    url: "token in a url() query in <style>",
    path: "token in a url() path in <style>",
    import: "token in an @import URL",
    link: "token in a <link> stylesheet's URL",
    linkedUrl: "token in a url() of a linked stylesheet",
    attr: "token in a url() of a style attribute",
  });
  const phone = c.placeEach("css", () => c.phone(), {
    custom: "quoted custom property in <style>",
    comment: "phone in a comment of a style attribute",
    setAttribute: "phone set as a whole style attribute later",
    declaration: "phone set on a CSSOM rule's declaration",
  });
  const contentCard = c.place("css", "card in content: in <style>", c.card());
  const hidden = c.placeEach("private", () => c.name(), {
    custom: "name in a custom property of a private element's style",
    content: "name in content: of a private element's style",
  });
  return {
    head: `<style>@import url("/imported.css?session=${t.import}");</style>
<style id="css-main">
  .c1::after { content: "${m.content.address}"; }
  :root { --user-email: ${m.custom.address}; --user-phone: "${phone.custom}"; }
  .c3 { background: url(/img/bg.png?token=${t.url}); }
  .c4 { background-image: url("/r/${t.path}/bg.png"); }
  [data-owner="${m.select.address}"] { outline: 1px solid red; }
  .c6::before { content: "Card ${contentCard}"; }
  .c7::after { content: "${m.escaped.needle}\\40 example-mail.org"; }
  .rel { background: url(img/rel.png); }
  .benign-font { font-family: "Segoe UI", sans-serif; color: #336; }
  .benign-icon { background-image: url("data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 8'%3e%3c/svg%3e"); }
</style>
<style id="css-later">.later { color: green; }</style>
<link rel="stylesheet" href="/theme.css?session=${t.link}">`,
    body: `<section id="css">
  <p class="c1 c3 c4 c6 c7 rel benign-font benign-icon th imp">Styled by CSS</p>
  <div id="styled" style="--who: ${m.attr.address}; background: url(/i.png?sig=${t.attr}); width: 10px">styled</div>
  <div id="commented" style="/* ${phone.comment} */ color: red">commented</div>
  <div data-private style="--who: '${hidden.custom}'; content: '${hidden.content}'">private styled</div>
  <div id="css-shadow"></div>
</section>`,
    early: `
  const cssShadow = document.getElementById("css-shadow").attachShadow({ mode: "open" });
  cssShadow.innerHTML = '<style>.s::after { content: ${js(m.shadow.address)}; }</style><span class="s">shadow styled</span>';
  window.__adopted = new CSSStyleSheet();
  window.__adopted.replaceSync('.a::after { content: ${js(m.adopted.address)}; }');
  document.adoptedStyleSheets = [window.__adopted];
  const shadowSheet = new CSSStyleSheet();
  shadowSheet.replaceSync('.b::after { content: ${js(m.adoptedShadow.address)}; }');
  cssShadow.adoptedStyleSheets = [shadowSheet];`,
    later: `
  document.getElementById("styled").style.setProperty("--mail", ${js(m.setProperty.address)});
  document.getElementById("commented").setAttribute("style", "--tel: '" + ${js(phone.setAttribute)} + "'");
  const mainSheet = document.getElementById("css-main").sheet;
  mainSheet.insertRule('.ins::after { content: ${js(m.insertRule.address)}; }', 0);
  mainSheet.cssRules[0].style.setProperty("--p", ${js(phone.declaration)});
  window.__adopted.replaceSync('.rs::after { content: ${js(m.replaceSync.address)}; }');
  window.__adopted.insertRule('.ai::after { content: ${js(m.adoptedInsert.address)}; }');
  const added = document.createElement("style");
  added.textContent = '.ns::after { content: ${js(m.newStyle.address)}; }';
  document.head.append(added);
  document.getElementById("css-later").textContent = '.st::after { content: ${js(m.styleText.address)}; }';`,
    files: {
      "/imported.css": css(`.imp::after { content: "${m.imported.address}"; }`),
      "/theme.css": css(`.th::after { content: "${m.linked.address}"; } .th2 { background: url(img/th.png?sig=${t.linkedUrl}); }`),
    },
  };
}
