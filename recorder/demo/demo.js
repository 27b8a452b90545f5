// The demo app: two views with pushState navigation, a live feed, a sortable table, a billing form.
// It records itself with a dev token from the worker (GET /api/dev/token, local development only).
import { startRecording } from "/recorder.js";

const customers = ["Northwind", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Acme Corp"];
const rows = Array.from({ length: 24 }, (_, i) => ({
  id: 1001 + i,
  customer: customers[i % customers.length],
  amount: ((i * 7919) % 5000) + 120,
  status: ["paid", "open", "overdue"][i % 3],
}));
let sortKey = "id";

function renderTable() {
  const body = document.querySelector("#invoices tbody");
  const sorted = [...rows].sort((a, b) => (a[sortKey] > b[sortKey] ? 1 : a[sortKey] < b[sortKey] ? -1 : 0));
  body.replaceChildren(
    ...sorted.map((r) => {
      const tr = document.createElement("tr");
      for (const v of [r.id, r.customer, `€ ${r.amount.toLocaleString("en")}`, r.status])
        tr.append(Object.assign(document.createElement("td"), { textContent: String(v) }));
      return tr;
    }),
  );
}

function show(view) {
  document.getElementById("view-dashboard").hidden = view !== "dashboard";
  document.getElementById("view-account").hidden = view !== "account";
}

document.querySelectorAll("nav a").forEach((a) =>
  a.addEventListener("click", (e) => {
    e.preventDefault();
    history.pushState({ view: a.dataset.view }, "", a.getAttribute("href"));
    show(a.dataset.view);
  }),
);
window.addEventListener("popstate", () => show(location.pathname.endsWith("/account") ? "account" : "dashboard"));
document.querySelectorAll("th[data-sort]").forEach((th) =>
  th.addEventListener("click", () => {
    sortKey = th.dataset.sort;
    renderTable();
  }),
);
document.getElementById("billing").addEventListener("submit", (e) => {
  e.preventDefault();
  document.getElementById("saved").hidden = false;
});

// A slow button: impatient visitors click it again and again (a rage click in the admin UI).
document.getElementById("coupon").addEventListener("click", () => {
  setTimeout(() => {
    document.getElementById("coupon-status").textContent = "Coupon applied.";
  }, 3000);
});

setInterval(() => {
  // The feed ticks only while the dashboard shows: any DOM change answers a click, so a ticking
  // feed would keep the account view's dead button from ever counting as dead.
  if (document.getElementById("view-dashboard").hidden) return;
  const feed = document.getElementById("feed");
  const li = document.createElement("li");
  li.textContent = `${new Date().toLocaleTimeString("en")} · ${customers[Math.floor(Math.random() * customers.length)]} paid invoice`;
  feed.prepend(li);
  while (feed.children.length > 6) feed.lastChild.remove();
}, 2000);

renderTable();
show(location.pathname.endsWith("/account") ? "account" : "dashboard");

const status = document.getElementById("status");
async function getToken() {
  const res = await fetch("/api/dev/token?user=demo-user", { cache: "no-store" });
  if (!res.ok) return null;
  return (await res.json()).token;
}
window.__recording = startRecording({
  endpoint: location.origin,
  getToken,
  onStatus: (s) => {
    status.textContent = s.state === "recording" ? `Recorder: recording session ${s.sessionId}` : `Recorder: ${s.state} (${s.reason})`;
  },
});
