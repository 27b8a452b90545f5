import type { Canary } from "./needles.ts";
import { js, type Section } from "./section.ts";

/**
 * Form-like values: typed, set by script the way frameworks do, in shadow roots, copied into an
 * attribute by a type switch, button labels, <output>, ARIA choices, and code editors that draw
 * typed text into plain elements.
 */
export function formSection(c: Canary): Section {
  const f = (where: string) => c.place("form", where, c.name());
  const typed = {
    name: f("typed into a text input"),
    email: c.placeEmail("form", "typed into an e-mail input").address,
    phone: c.place("form", "typed into a tel input", c.phone()),
    password: f("typed into a password input"),
    textarea: f("typed into a <textarea>"),
    editable: f("typed into a contenteditable element"),
    switched: f("typed into an input later switched to type=submit"),
    shadow: f("typed into an input inside an open shadow root"),
    scripted: f("set by script through the native value setter, then an input event"),
    toggled: f("typed into a password input switched to type=text halfway"),
    short: "no",
    long: "definitely, yes please",
  };
  const values = {
    button: f("the value of a type=button input"),
    reset: f("the value of a type=reset input"),
    hidden: f("the value of a hidden input"),
    submit: c.placeEmail("form", "an e-mail as a type=submit input's value"),
    initial: c.placeEmail("form", "an e-mail as an e-mail input's initial value"),
  };
  const radio = f("the value of a checked radio button");
  const attrSet = f("a value set later through setAttribute");
  const autofill = f("a value set later with input and change events, as autofill does");
  const output = { text: f("the text of an <output>"), later: f("an <output>'s value set later") };
  const editors = {
    ace: f("text drawn by Ace"),
    aceLater: f("text drawn later by Ace"),
    cm6: f("text drawn by CodeMirror 6"),
    cm5: f("text drawn by CodeMirror 5"),
    monaco: f("text drawn by Monaco"),
  };
  return {
    body: `<section id="forms">
  <form id="f" onsubmit="return false">
    <input id="name" name="name" type="text"> <input id="email" type="email"> <input id="phone" type="tel"> <input id="pw" type="password">
    <textarea id="ta" name="message"></textarea> <div id="ce" contenteditable="true"></div>
    <input id="switch" type="text"> <input id="answer-short" type="text"> <input id="answer-long" type="text">
    <input type="button" value="${values.button}"> <input type="reset" value="${values.reset}"> <input id="hidden" type="hidden" value="${values.hidden}">
    <input type="submit" value="${values.submit.address}"> <input type="email" value="${values.initial.address}">
    <select id="sel"><option value="opt-alpha">Alpha</option><option value="opt-wakanda">Wakanda</option></select>
    <input id="cb" type="checkbox" value="consent-given"> <input id="rb" type="radio" name="blood" value="${radio}"> <input id="script-set" type="text">
    <input id="toggle" type="password"> <input id="attr-set" type="text"> <input id="auto" type="text" autocomplete="street-address">
    <output id="out" name="result" for="name">${output.text}</output>
  </form>
  <div id="shadow-form"></div>
  <ul role="listbox" aria-label="Blood type"><li id="opt-a" role="option" aria-selected="false">A+</li><li id="opt-ab" role="option" aria-selected="true">AB-</li></ul>
  <div role="tablist"><button role="tab" aria-selected="true">Overview</button><button role="tab" aria-selected="false">Details</button></div>
  <div role="checkbox" aria-checked="true" tabindex="0">Consent</div>
  <div class="ace_editor ace-tm"><textarea class="ace_text-input"></textarea><div class="ace_scroller"><div class="ace_content"><div class="ace_text-layer" id="ace-lines"><div class="ace_line">{"patient": "${editors.ace}"}</div></div></div></div></div>
  <div class="cm-editor"><div class="cm-scroller"><div class="cm-content" contenteditable="false"><div class="cm-line">const who = "${editors.cm6}";</div></div></div></div>
  <div class="CodeMirror"><div class="CodeMirror-code"><pre class="CodeMirror-line"><span>name: ${editors.cm5}</span></pre></div></div>
  <div class="monaco-editor"><div class="view-lines"><div class="view-line"><span><span class="mtk1">${editors.monaco}</span></span></div></div></div>
</section>`,
    early: `
  document.getElementById("shadow-form").attachShadow({ mode: "open" }).innerHTML = '<label>Shadow field <input id="shadow-input" type="text"></label>';
  // What React does: the native setter, captured before any recorder hooks it, then an input event.
  const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  window.__setLikeReact = (el, v) => { nativeValue.call(el, v); el.dispatchEvent(new Event("input", { bubbles: true })); };
  for (const li of document.querySelectorAll("[role=option]")) li.addEventListener("click", () => {
    for (const o of document.querySelectorAll("[role=option]")) o.setAttribute("aria-selected", String(o === li));
  });`,
    later: `
  window.__setLikeReact(document.getElementById("script-set"), ${js(typed.scripted)});
  document.getElementById("attr-set").setAttribute("value", ${js(attrSet)});
  const auto = document.getElementById("auto");
  auto.value = ${js(autofill)};
  auto.dispatchEvent(new Event("input", { bubbles: true }));
  auto.dispatchEvent(new Event("change", { bubbles: true }));
  document.getElementById("out").value = ${js(output.later)};
  const line = document.createElement("div"); line.className = "ace_line"; line.textContent = ${js(`"note": "${editors.aceLater}"`)};
  document.getElementById("ace-lines").append(line);`,
    typed,
  };
}
