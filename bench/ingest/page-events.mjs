// rrweb-shaped events of one recorded tab, shaped like what our recorder sends for a busy app page:
// a checkout (Meta + FullSnapshot of a ~2,000-node DOM, ~100–300 KB of JSON) and then chunks of
// 5 s of activity (mouse trails, clicks, scrolls, typing, a ticking clock and a growing feed,
// ~10–75 KB each). Seeded, so every run uploads the same bytes.

/** Time one chunk covers: the recorder flushes every 5 s (recorder/constants.ts FLUSH_INTERVAL_MS). */
export const CHUNK_SPAN_MS = 5_000;

const WORDS =
  "order invoice customer shipping total status pending delivered account settings search filter export report weekly revenue margin region product stock update review"
    .split(" ")
    .concat("team member project task due today tomorrow note comment reply share archive".split(" "));

/** A small deterministic PRNG (mulberry32), so payloads are identical from run to run. */
function makeRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds serialized rrweb nodes with increasing ids. */
function makeTree(random) {
  let nextId = 1;
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const sentence = (n) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const text = (textContent) => ({ type: 3, textContent, id: nextId++ });
  const el = (tagName, attributes, childNodes = []) => ({ type: 2, tagName, attributes, childNodes, id: nextId++ });
  // An element whose `count` children are made by `child(i)`.
  const list = (tagName, attributes, count, child) =>
    el(
      tagName,
      attributes,
      Array.from({ length: count }, (_, i) => child(i)),
    );
  const css = Array.from({ length: 120 }, (_, i) => `.c${i}{margin:${i % 9}px;color:#${(i * 4099).toString(16).slice(0, 6)};display:flex}`).join("");
  const row = (i) =>
    el("tr", { class: `row row-${i % 2 ? "odd" : "even"}`, "data-id": String(1000 + i) }, [
      el("td", { class: "cell id" }, [text(`#${10_000 + i}`)]),
      el("td", { class: "cell name" }, [text(sentence(3))]),
      el("td", { class: "cell status" }, [el("span", { class: `badge badge-${pick(["ok", "warn", "late"])}` }, [text(pick(WORDS))])]),
      el("td", { class: "cell total" }, [text(`${(random() * 1000).toFixed(2)} EUR`)]),
    ]);
  const card = (i) =>
    el("article", { class: "card", id: `card-${i}` }, [
      el("h3", { class: "card-title" }, [text(sentence(4))]),
      el("p", { class: "card-body" }, [text(sentence(18))]),
      el("a", { href: `https://app.example.com/items/${i}`, class: "link" }, [text("Open")]),
      el("button", { type: "button", class: "btn btn-secondary" }, [text("Archive")]),
    ]);
  const head = el("head", {}, [
    el("meta", { charset: "utf-8" }),
    el("title", {}, [text("Orders · Example App")]),
    el("style", {}, [{ ...text(css), isStyle: true }]),
    el("link", { rel: "stylesheet", href: "https://app.example.com/assets/app.css" }),
  ]);
  const nav = list("nav", { class: "sidebar" }, 20, (i) => el("a", { href: `https://app.example.com/s/${i}`, class: "nav" }, [text(sentence(2))]));
  const table = el("table", { class: "orders" }, [list("tbody", {}, 200, row)]);
  const form = el("form", { class: "search" }, [
    el("input", { type: "search", name: "q", placeholder: "Search orders" }),
    el("input", { type: "submit", value: "Go" }),
  ]);
  const feed = list("ul", { class: "feed" }, 40, () => el("li", { class: "feed-line" }, [text(sentence(8))]));
  const clock = el("span", { class: "clock" }, [text("12:00:00.0")]);
  const main = el("main", { class: "content" }, [form, clock, table, feed, ...Array.from({ length: 60 }, (_, i) => card(i))]);
  const html = el("html", { lang: "en" }, [head, el("body", { class: "app" }, [nav, main])]);
  const doc = { type: 0, childNodes: [{ type: 1, name: "html", publicId: "", systemId: "", id: nextId++ }, html], id: nextId++ };
  return { doc, nextId, ids: { clock: clock.childNodes[0].id, feed: feed.id, input: form.childNodes[0].id, table: table.id }, sentence, pick };
}

/** The checkout that opens a session: Meta then FullSnapshot at `t`. */
function checkoutEvents(tree, t) {
  return [
    { type: 4, data: { href: "https://app.example.com/orders", width: 1280, height: 720 }, timestamp: t },
    { type: 2, data: { node: tree.doc, initialOffset: { top: 0, left: 0 } }, timestamp: t + 1 },
  ];
}

/** One chunk of activity over [t, t + CHUNK_SPAN_MS]: `busy` (0–1) scales how much happens. */
function activityEvents(tree, random, t, busy) {
  const events = [];
  // 30–240 steps (~10–75 KB): with a checkout every 2 minutes, a chunk averages ~50 KB of JSON and
  // ~7 KB of gzip, the realistic chunk issue 10 names.
  const steps = Math.round(30 + busy * 210);
  for (let i = 0; i < steps; i++) {
    const at = t + Math.floor((i * CHUNK_SPAN_MS) / steps);
    const kind = random();
    if (kind < 0.4) {
      const positions = Array.from({ length: 8 }, (_, k) => ({
        x: Math.floor(random() * 1280),
        y: Math.floor(random() * 720),
        id: 2 + k,
        timeOffset: -k * 50,
      }));
      events.push({ type: 3, data: { source: 1, positions }, timestamp: at });
    } else if (kind < 0.55) {
      events.push({
        type: 3,
        data: { source: 2, type: 2, id: tree.ids.table + 5, x: Math.floor(random() * 1280), y: Math.floor(random() * 720), pointerType: 0 },
        timestamp: at,
      });
    } else if (kind < 0.65) {
      events.push({ type: 3, data: { source: 3, id: 1, x: 0, y: Math.floor(random() * 4000) }, timestamp: at });
    } else if (kind < 0.75) {
      events.push({ type: 3, data: { source: 5, text: tree.sentence(2), isChecked: false, id: tree.ids.input }, timestamp: at });
    } else {
      const lineId = tree.nextId++;
      const line = { type: 2, tagName: "li", attributes: { class: "feed-line" }, childNodes: [], id: lineId };
      events.push({
        type: 3,
        data: {
          source: 0,
          texts: [{ id: tree.ids.clock, value: `12:00:${String(i % 60).padStart(2, "0")}.${i % 10}` }],
          attributes: [{ id: tree.ids.table + 1, attributes: { class: `row ${tree.pick(["selected", "hover", ""])}` } }],
          removes: [],
          adds: [
            { parentId: tree.ids.feed, nextId: null, node: line },
            { parentId: lineId, nextId: null, node: { type: 3, textContent: tree.sentence(10), id: tree.nextId++ } },
          ],
        },
        timestamp: at,
      });
    }
  }
  return events;
}

/**
 * The events of `chunks` consecutive chunks of one tab starting at `t0`: chunk 0 and every
 * `checkoutEvery`-th after it are a checkout plus activity, the rest are activity only.
 */
export function tabChunks(chunks, t0, seed = 1, checkoutEvery = Infinity) {
  const random = makeRandom(seed);
  const tree = makeTree(random);
  return Array.from({ length: chunks }, (_, seq) => {
    const t = t0 + seq * CHUNK_SPAN_MS;
    const activity = activityEvents(tree, random, t + 2, random());
    return seq % checkoutEvery === 0 ? [...checkoutEvents(tree, t), ...activity] : activity;
  });
}
