import type { Canary } from "./needles.ts";
import { css, js, type Section } from "./section.ts";

/** CSS in every form rrweb records: <style>, <link>, @import, style attributes and their diffs, the CSSOM, adopted sheets. */
export function cssSection(c: Canary): Section {
  const e = (where: string) => c.placeEmail("css", where);
  const content = e("e-mail in content: in <style>");
  const custom = e("e-mail in a custom property in <style>");
  const select = e("e-mail in an attribute selector");
  const escaped = e("e-mail hidden by a CSS escape (\\40)");
  const imported = e("e-mail in an @imported stylesheet");
  const linked = e("e-mail in a <link> stylesheet");
  const shadow = e("e-mail in a <style> inside an open shadow root");
  const adopted = e("e-mail in a constructed sheet adopted by the document");
  const adoptedShadow = e("e-mail in a constructed sheet adopted by a shadow root");
  const customPhone = c.place("css", "quoted custom property in <style>", c.phone());
  const contentCard = c.place("css", "card in content: in <style>", c.card());
  const urlToken = c.place("css", "token in a url() query in <style>", c.token());
  const pathToken = c.place("css", "token in a url() path in <style>", c.token());
  const importToken = c.place("css", "token in an @import URL", c.token());
  const linkToken = c.place("css", "token in a <link> stylesheet's URL", c.token());
  const linkedUrlToken = c.place("css", "token in a url() of a linked stylesheet", c.token());
  const attrEmail = e("e-mail in a custom property of a style attribute");
  const attrToken = c.place("css", "token in a url() of a style attribute", c.token());
  const commentPhone = c.place("css", "phone in a comment of a style attribute", c.phone());
  const privateName = c.place("private", "name in a custom property of a private element's style", c.name());
  const privateContent = c.place("private", "name in content: of a private element's style", c.name());
  const later = {
    setProperty: e("e-mail set by style.setProperty (a style diff)"),
    setAttribute: c.place("css", "phone set as a whole style attribute later", c.phone()),
    insertRule: e("e-mail added by insertRule"),
    declaration: c.place("css", "phone set on a CSSOM rule's declaration", c.phone()),
    replaceSync: e("e-mail in a constructed sheet's replaceSync"),
    adoptedInsert: e("e-mail inserted into an adopted sheet"),
    newStyle: e("e-mail in a <style> added later"),
    styleText: e("e-mail written into an existing <style> later"),
  };
  return {
    head: `<style>@import url("/imported.css?session=${importToken}");</style>
<style id="css-main">
  .c1::after { content: "${content.address}"; }
  :root { --user-email: ${custom.address}; --user-phone: "${customPhone}"; }
  .c3 { background: url(/img/bg.png?token=${urlToken}); }
  .c4 { background-image: url("/r/${pathToken}/bg.png"); }
  [data-owner="${select.address}"] { outline: 1px solid red; }
  .c6::before { content: "Card ${contentCard}"; }
  .c7::after { content: "${escaped.needle}\\40 example-mail.org"; }
  .rel { background: url(img/rel.png); }
  .benign-font { font-family: "Segoe UI", sans-serif; color: #336; }
  .benign-icon { background-image: url("data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 8'%3e%3c/svg%3e"); }
</style>
<style id="css-later">.later { color: green; }</style>
<link rel="stylesheet" href="/theme.css?session=${linkToken}">`,
    body: `<section id="css">
  <p class="c1 c3 c4 c6 c7 rel benign-font benign-icon th imp">Styled by CSS</p>
  <div id="styled" style="--who: ${attrEmail.address}; background: url(/i.png?sig=${attrToken}); width: 10px">styled</div>
  <div id="commented" style="/* ${commentPhone} */ color: red">commented</div>
  <div data-private style="--who: '${privateName}'; content: '${privateContent}'">private styled</div>
  <div id="css-shadow"></div>
</section>`,
    early: `
  const cssShadow = document.getElementById("css-shadow").attachShadow({ mode: "open" });
  cssShadow.innerHTML = '<style>.s::after { content: ${js(shadow.address)}; }</style><span class="s">shadow styled</span>';
  window.__adopted = new CSSStyleSheet();
  window.__adopted.replaceSync('.a::after { content: ${js(adopted.address)}; }');
  document.adoptedStyleSheets = [window.__adopted];
  const shadowSheet = new CSSStyleSheet();
  shadowSheet.replaceSync('.b::after { content: ${js(adoptedShadow.address)}; }');
  cssShadow.adoptedStyleSheets = [shadowSheet];`,
    later: `
  document.getElementById("styled").style.setProperty("--mail", ${js(later.setProperty.address)});
  document.getElementById("commented").setAttribute("style", "--tel: '" + ${js(later.setAttribute)} + "'");
  const mainSheet = document.getElementById("css-main").sheet;
  mainSheet.insertRule('.ins::after { content: ${js(later.insertRule.address)}; }', 0);
  mainSheet.cssRules[0].style.setProperty("--p", ${js(later.declaration)});
  window.__adopted.replaceSync('.rs::after { content: ${js(later.replaceSync.address)}; }');
  window.__adopted.insertRule('.ai::after { content: ${js(later.adoptedInsert.address)}; }');
  const added = document.createElement("style");
  added.textContent = '.ns::after { content: ${js(later.newStyle.address)}; }';
  document.head.append(added);
  document.getElementById("css-later").textContent = '.st::after { content: ${js(later.styleText.address)}; }';`,
    files: {
      "/imported.css": css(`.imp::after { content: "${imported.address}"; }`),
      "/theme.css": css(`.th::after { content: "${linked.address}"; } .th2 { background: url(img/th.png?sig=${linkedUrlToken}); }`),
    },
  };
}
