/**
 * A host page with personal data in every place the recorder must keep private (issue 3, §2).
 * Each secret is a distinct needle the test searches for in every stored byte.
 */
export const NEEDLES = {
  typedName: "Zelda Quartermaine",
  typedEmail: "zelda.q@example.org",
  typedPhone: "+1 415 555 0199",
  typedPassword: "Hunter2!Secret",
  typedNumber: "271828182",
  typedSearch: "diagnosis hepatitis",
  hiddenValue: "hidden-secret-value-xyz",
  typedUrl: "private.example/zelda",
  typedDate: "1987-03-14",
  textarea: "medical history is private",
  checkboxValue: "consent-hiv-test",
  radioValue: "blood-type-ab-neg",
  contentEditable: "secret symptom",
  scriptSet: "script-set-secret",
  attributeSet: "attr-set-secret",
  autofilled: "autofilled-street",
  toggledPassword: "Toggled-PW-visible",
  privateBox: "Quentin Blackwood",
  privateLater: "Xylophone",
  privateTitle: "Marmalade",
  shadowPrivate: "Nebuchadnezzar",
  shadowPrivateLater: "Ozymandias",
  optionsSelector: "Persimmon",
  serverSelector: "Rhubarb",
  rrMask: "Saffron",
  rrBlock: "Tamarind",
  posthog: "Umber",
  sentryMask: "Vermilion",
  sentryBlock: "Wisteria",
  openreplay: "Yarrow",
  textEmail: "bartholomew.k@example.net",
  textPhone: "(415) 555-0143",
  textCard: "4111 1111 1111 1111",
  textJwt: "eyJhbGciOiJIUzI1NiJ9",
  textApiKey: "sk_live_51HxYzAbCdEfGh12345678",
  placeholder: "placeholder.person@example.com",
  title: "7946 0958",
  ariaLabel: "5555 5555 5555 4444",
  alt: "ines.alt@example.com",
  buttonValue: "submit.person@example.com",
  hrefQuery: "href.person",
  srcQuery: "srcsecret123456",
  lateTitle: "late.title@example.com",
  shadowEmail: "shadow.email@example.com",
  pageUrlEmail: "url.person",
  pageUrlToken: "urltokensecret987",
  pageFragment: "fragmenttokensecret",
  pushedSsn: "pushed-ssn-555",
  pushedEmail: "pushed.person",
} as const;

/** Text and actions that must survive masking (the replay must still be useful). */
export const BENIGN = ["Welcome to Acme Dashboard", "Quarterly report ready", "Widgets sold", "Open orders"];

/** The page's HTML; it imports the recorder from the worker's origin. */
export function piiPageHtml(workerOrigin: string, token: string): string {
  const n = NEEDLES;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Acme Dashboard</title>
<style>body{font-family:sans-serif} .box{border:1px solid #ccc;padding:8px;margin:4px}</style></head>
<body>
<h1>Welcome to Acme Dashboard</h1>
<table><tr><th>Widgets sold</th><td>1,204</td></tr><tr><th>Open orders</th><td>37</td></tr></table>
<form id="f" onsubmit="return false">
  <input id="name" name="name" type="text">
  <input id="email" type="email" placeholder="e.g. ${n.placeholder}">
  <input id="phone" type="tel">
  <input id="pw" type="password">
  <input id="num" type="number">
  <input id="search" type="search">
  <input id="hidden" type="hidden" value="${n.hiddenValue}">
  <input id="url" type="url">
  <input id="date" type="date">
  <textarea id="ta"></textarea>
  <select id="sel"><option value="opt-alpha">Alpha</option><option value="opt-wakanda">Wakanda</option></select>
  <input id="cb" type="checkbox" value="${n.checkboxValue}">
  <input id="rb" type="radio" name="blood" value="${n.radioValue}">
  <div id="ce" contenteditable="true"></div>
  <input id="scripted" type="text"><input id="attr" type="text"><input id="auto" type="text" autocomplete="street-address">
  <input id="toggle" type="password">
  <input id="send" type="submit" value="Send to ${n.buttonValue}">
</form>
<div id="profile" class="box" data-private title="Private title ${n.privateTitle}">Private profile: ${n.privateBox}</div>
<div id="shadow-private" class="box" data-private></div>
<div id="shadow-open" class="box"></div>
<div class="box secret-from-options">Options secret ${n.optionsSelector}</div>
<div class="box secret-from-server">Server secret ${n.serverSelector}</div>
<div class="box rr-mask">rr mask ${n.rrMask}</div>
<div class="box rr-block">rr block ${n.rrBlock}</div>
<div class="box ph-no-capture">posthog ${n.posthog}</div>
<div class="box sentry-mask">sentry mask ${n.sentryMask}</div>
<div class="box sentry-block">sentry block ${n.sentryBlock}</div>
<div class="box" data-openreplay-obscured>openreplay ${n.openreplay}</div>
<p>Contact ${n.textEmail} or call ${n.textPhone}. Card ${n.textCard}. Token ${n.textJwt}.eyJzdWIiOiJ6ZWxkYSJ9.abcDEF123456ghiJKL and key ${n.textApiKey}.</p>
<p id="attrs" title="Call +44 20 ${n.title}" aria-label="Card ${n.ariaLabel}">Attributes</p>
<img id="img" alt="Photo of ${n.alt}" src="/avatar.png?user_token=${n.srcQuery}&page=2" width="20" height="20">
<a id="link" href="/profile?email=${n.hrefQuery}%40example.com&tab=info">Profile</a>
<button id="report" type="button">Show report</button>
<div id="out"></div>
<script>
  const sp = document.getElementById("shadow-private").attachShadow({ mode: "open" });
  sp.innerHTML = "<span>Shadow secret ${n.shadowPrivate}</span>";
  const so = document.getElementById("shadow-open").attachShadow({ mode: "open" });
  so.innerHTML = "<span>Shadow mail ${n.shadowEmail}</span><b>Shadow benign</b>";
  document.getElementById("report").addEventListener("click", () => {
    const p = document.createElement("p"); p.textContent = "Quarterly report ready"; document.getElementById("out").append(p);
  });
  window.__later = () => {
    document.getElementById("profile").append(document.createTextNode(" Later private note ${n.privateLater}"));
    const s = document.createElement("em"); s.textContent = "Shadow later ${n.shadowPrivateLater}"; sp.append(s);
    document.getElementById("attrs").setAttribute("title", "mail ${n.lateTitle}");
    document.getElementById("scripted").value = "${n.scriptSet}";
    document.getElementById("attr").setAttribute("value", "${n.attributeSet}");
    const auto = document.getElementById("auto");
    auto.value = "${n.autofilled} 42";
    auto.dispatchEvent(new Event("input", { bubbles: true }));
    auto.dispatchEvent(new Event("change", { bubbles: true }));
  };
</script>
<script type="module">
  import { startRecording } from "${workerOrigin}/recorder.js";
  window.__statuses = [];
  window.__rec = startRecording({
    endpoint: "${workerOrigin}",
    token: "${token}",
    privateSelectors: [".secret-from-options"],
    flushIntervalMs: 1000,
    onStatus: (s) => window.__statuses.push(s),
  });
</script>
</body></html>`;
}
