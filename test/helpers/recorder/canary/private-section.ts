import type { Canary } from "./needles.ts";
import { html, js, type Section } from "./section.ts";

/**
 * Private subtrees and every way a node gets into one: attributes of any name, shadow roots,
 * slots, same-origin frames, srcdoc and designMode documents, mutations after load, and the
 * markers of other tools. Names only: nothing but masking can hide them.
 */
export function privateSection(c: Canary): Section {
  const p = (where: string) => c.place("private", where, c.name());
  const attrs = ["title", "email", "display-name", "data-user", "aria-label", "nickname", "data-tooltip", "id"].map((name) => [
    name,
    p(`the ${name} attribute of a private element`),
  ]);
  const text = p("text of a private element");
  const alt = p("alt of an image in a private element");
  const src = p("an image path in a private element");
  const srcset = p("a srcset path in a private element");
  const href = p("a link path in a private element");
  const placeholder = p("a placeholder in a private element");
  const shadowText = p("text in a private element's shadow root");
  const shadowTitle = p("an attribute in a private element's shadow root");
  const slotted = p("text slotted into a private element of a shadow root");
  const slottedTitle = p("an attribute of a node slotted into a private element");
  const frameText = p("text of a same-origin frame inside a private element");
  const frameLater = p("text added later inside a private element's frame");
  const frameLaterAttr = p("an attribute set later inside a private element's frame");
  const srcdocName = p("a private element inside a srcdoc frame");
  const srcdocMail = c.placeEmail("private", "an e-mail in a srcdoc frame (and in its srcdoc attribute)");
  const designTyped = p("text typed into a designMode document");
  const later = {
    text: p("text added later to a private element"),
    attr: p("an attribute set later on a private element"),
    shadow: p("text added later in a private shadow root"),
  };
  const markers = ["rr-mask", "sentry-mask", "fs-mask"].map((cls) => [cls, p(`text in .${cls}`)]);
  const dataMarkers = ["data-openreplay-obscured", "data-hj-suppress", 'data-clarity-mask="true"'].map((attr) => [attr, p(`text in [${attr}]`)]);
  const blocked = ["rr-block", "ph-no-capture", "sentry-block"].map((cls) => [cls, p(`text in .${cls} (blocked)`)]);
  const fromOptions = p("text in an element of the recorder's privateSelectors");
  const fromServer = p("text in an element of REPLAY_PRIVATE_SELECTORS");
  const srcdoc = `<p>Mail ${srcdocMail.address}</p><div data-private>Secret ${srcdocName}</div>`;
  return {
    body: `<section id="private">
  <div id="profile" class="box" data-private ${attrs.map(([n, v]) => `${n}="${v}"`).join(" ")}>Private profile: ${text}
    <img alt="${alt}" src="/avatars/${src}.jpg" srcset="/avatars/${srcset}-2x.jpg 2x" width="20" height="20">
    <a href="/patients/${href}">record</a> <input placeholder="${placeholder}">
  </div>
  <div id="shadow-private" class="box" data-private></div>
  <div id="slot-host" class="box"><span title="${slottedTitle}">${slotted}</span></div>
  <div class="box" data-private><iframe id="private-frame" src="/frame.html" width="200" height="40"></iframe></div>
  <iframe id="srcdoc-frame" srcdoc="${srcdoc}" width="200" height="40"></iframe>
  <iframe id="design-frame" srcdoc="<body><p>Notes</p></body>" width="200" height="40"></iframe>
  ${markers.map(([cls, v]) => `<div class="box ${cls}">marked ${v}</div>`).join("\n  ")}
  ${dataMarkers.map(([attr, v]) => `<div class="box" ${attr}>marked ${v}</div>`).join("\n  ")}
  ${blocked.map(([cls, v]) => `<div class="box ${cls}">blocked ${v}</div>`).join("\n  ")}
  <div class="box secret-from-options">Options secret ${fromOptions}</div>
  <div class="box secret-from-server">Server secret ${fromServer}</div>
</section>`,
    early: `
  const sp = document.getElementById("shadow-private").attachShadow({ mode: "open" });
  sp.innerHTML = '<span title=${js(shadowTitle)}>Shadow secret ' + ${js(shadowText)} + '</span>';
  window.__privateShadow = sp;
  document.getElementById("slot-host").attachShadow({ mode: "open" }).innerHTML = '<div data-private><slot></slot></div>';`,
    later: `
  document.getElementById("profile").append(document.createTextNode(" Later private note " + ${js(later.text)}));
  document.getElementById("profile").setAttribute("data-later", ${js(later.attr)});
  const em = document.createElement("em"); em.textContent = "Shadow later " + ${js(later.shadow)}; window.__privateShadow.append(em);
  const frameDoc = document.getElementById("private-frame").contentDocument;
  const fp = frameDoc.createElement("p"); fp.textContent = "Frame later " + ${js(frameLater)}; frameDoc.body.append(fp);
  frameDoc.body.setAttribute("data-note", ${js(frameLaterAttr)});
  document.getElementById("design-frame").contentDocument.designMode = "on";`,
    files: { "/frame.html": html(`<!doctype html><html><body><p>Frame ${frameText}</p></body></html>`) },
    typed: { designMode: designTyped },
  };
}
