import type { Canary } from "./needles.ts";
import { js, type Section } from "./section.ts";

/**
 * Personal data outside private elements, which pattern redaction alone must catch: split across
 * nodes, in non-ASCII, in unusual groupings, in every kind of element and attribute, and added or
 * changed after load.
 */
export function textSection(c: Canary): Section {
  const t = (where: string, value: string) => c.place("text", where, value);
  const a = (where: string, value: string) => c.place("attribute", where, value);
  const bold = c.placeEmail("split-text", "<b>name</b>@domain");
  const wbr = c.placeEmail("split-text", "an address with <wbr> inside");
  const link = c.placeEmail("split-text", "an address split inside a link");
  const [cardA, cardB] = c.card().split(/ (?=\d{4} \d{4}$)/);
  c.place("split-text", "card digits split across two spans", cardA, cardB);
  const card4 = c.card().split(" ");
  c.place("split-text", "card digits in four spans (checked by the text of #split-card)", card4.join(" "));
  const phoneSplit = c.phone();
  c.place("split-text", "a phone split across spans (checked by the text of #split-phone)", phoneSplit);
  const idn = c.placeEmail("text", "an e-mail with an internationalized domain", "exämple.de");
  const cyrillic = t("an e-mail with a Cyrillic local part", "квазимодо");
  const cjk = t("an e-mail with a CJK local part", "山田太郎");
  const fullwidth = c.placeEmail("text", "an e-mail with a full-width at sign");
  const shy = c.placeEmail("text", "an e-mail with a soft hyphen");
  const nbsp = t("card digits grouped by no-break spaces", c.card("\u00a0"));
  const dots = t("card digits grouped by dots", c.card("."));
  const zw = t("card digits with zero-width spaces", c.card("\u200b"));
  const spaced = t("a phone grouped by spaces", c.phone().slice(3));
  const bare = t("a bare digit run after a phone word", c.phone().replace(/\D/g, "").slice(1));
  const e164 = t("an E.164 phone without gaps", c.phone().replace(/ /g, ""));
  const iban = t("an IBAN grouped by four", c.iban());
  const ibanBare = t("an IBAN without gaps", c.iban().replace(/ /g, ""));
  const ssn = t("a US social security number", c.ssn());
  const ssnBare = t("a US social security number as nine bare digits", c.ssn().replace(/-/g, ""));
  const jwt = t("a JWT in text", `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI${c.token()}.${c.token()}`);
  const key = t("an API key in text", `sk_live_${c.token()}`);
  const code = t("a token in <code>", c.token());
  const places = [
    "a table cell",
    "a <button>",
    "an <option>",
    "a <summary>",
    "SVG <text>",
    "an open <dialog>",
    "a <label>",
    "an open shadow root",
    "a custom element's shadow root",
    "the page <title>",
  ].map((where) => c.placeEmail("text", `an e-mail in ${where}`));
  const attr = {
    title: a("a phone in title", c.phone()),
    aria: a("a card in aria-label", c.card()),
    alt: c.placeEmail("attribute", "an e-mail in alt"),
    placeholder: c.placeEmail("attribute", "an e-mail in placeholder"),
    data: c.placeEmail("attribute", "an e-mail in a data-* attribute"),
    custom: c.placeEmail("attribute", "an e-mail in an attribute the app invented (user-email)"),
    handler: c.placeEmail("attribute", "an e-mail in an inline event handler"),
    buttonValue: c.placeEmail("attribute", "an e-mail in a <button>'s value"),
    download: c.placeEmail("attribute", "an e-mail in download"),
    meta: c.placeEmail("attribute", "an e-mail in a <meta>'s content"),
    jwt: a("a JWT in a data-* attribute", `eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOiI${c.token()}.${c.token()}`),
    key: a("an API key in a data-* attribute", `sk_test_${c.token()}`),
  };
  const later = {
    bold: c.placeEmail("split-text", "<b>name</b>@domain added later"),
    neighbour: c.placeEmail("split-text", "a name written later into a span before @domain"),
    data: c.placeEmail("text", "characterData set later"),
    shadow: c.placeEmail("text", "text added later in an open shadow root"),
    attr: c.placeEmail("attribute", "a data-* attribute set later"),
    title: a("a title set later", c.phone()),
  };
  const [cell, button, option, summary, svg, dialog, label, shadow, custom, title] = places;
  return {
    head: `<title>Acme Dashboard ${title.address}</title><meta name="user-email" content="${attr.meta.address}">`,
    body: `<section id="text">
  <p>Mail <b>${bold.needle}</b>@example-mail.org now</p>
  <p>Or ${wbr.needle}<wbr>@example-<wbr>mail.org</p>
  <p>Link <a href="/contact">${link.needle}<span>@example-mail.org</span></a></p>
  <p>Card <span>${cardA}</span><span> ${cardB}</span></p>
  <p id="split-card">Card <span>${card4[0]}</span> <span>${card4[1]}</span> <span>${card4[2]}</span> <span>${card4[3]}</span></p>
  <p id="split-phone">Call <span>${phoneSplit.slice(0, 6)}</span> <span>${phoneSplit.slice(7)}</span></p>
  <p>${idn.address} · ${cyrillic}@пример.рф · ${cjk}@例え.jp · ${fullwidth.needle}＠example-mail.org · ${shy.needle}\u00ad.q@example-mail.org</p>
  <p>Cards ${nbsp} / ${dots} / ${zw}</p>
  <p>Reach me at ${spaced}. Call ${bare} or ${e164}.</p>
  <p>IBAN ${iban}, ${ibanBare}. SSN ${ssn}; SSN: ${ssnBare}.</p>
  <p>Token ${jwt} key ${key} <code>${code}</code></p>
  <table><tr><td>${cell.address}</td></tr></table>
  <button type="button">${button.address}</button>
  <select><option>${option.address}</option><option>Other</option></select>
  <details><summary>${summary.address}</summary>more</details>
  <svg width="200" height="20"><text x="0" y="15">${svg.address}</text></svg>
  <dialog open>${dialog.address}</dialog>
  <label>${label.address} <input type="checkbox"></label>
  <div id="text-shadow"></div><x-contact id="custom-contact"></x-contact>
  <p id="attrs" title="Call ${attr.title}" aria-label="Card ${attr.aria}" data-contact="${attr.data.address}" user-email="${attr.custom.address}"
     onclick="track('${attr.handler.address}')" data-token="${attr.jwt}" data-key="${attr.key}">Attributes</p>
  <img alt="Photo of ${attr.alt.address}" src="/static/images/undraw_profile_1.svg" width="20" height="20">
  <input id="placeholder" placeholder="e.g. ${attr.placeholder.address}">
  <button type="submit" value="${attr.buttonValue.address}">Place order</button>
  <a href="/static/report.pdf" download="${attr.download.address}.pdf">Download</a>
  <p id="later-bold"></p>
  <p id="neighbour"><span id="who">nobody</span>@example-mail.org</p>
  <p id="char-data">Mail nobody</p>
</section>`,
    early: `
  window.track = () => {};
  const ts = document.getElementById("text-shadow").attachShadow({ mode: "open" });
  ts.innerHTML = '<p>Shadow mail ' + ${js(shadow.address)} + '</p><b>Shadow benign</b>';
  window.__textShadow = ts;
  customElements.define("x-contact", class extends HTMLElement {
    connectedCallback() { this.attachShadow({ mode: "open" }).innerHTML = '<span>' + ${js(custom.address)} + '</span>'; }
  });`,
    later: `
  document.getElementById("later-bold").innerHTML = 'Write <b>' + ${js(later.bold.needle)} + '</b>@example-mail.org';
  document.getElementById("who").textContent = ${js(later.neighbour.needle)};
  document.getElementById("char-data").firstChild.data = "Mail " + ${js(later.data.address)};
  const sm = document.createElement("p"); sm.textContent = "Later " + ${js(later.shadow.address)}; window.__textShadow.append(sm);
  document.getElementById("attrs").setAttribute("data-later", ${js(later.attr.address)});
  document.getElementById("attrs").setAttribute("title", "Call " + ${js(later.title)});`,
  };
}
