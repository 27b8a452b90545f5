import { numberedNodes } from "../rrweb-nodes.ts";
import { T0 } from "./events";

/**
 * Personal data placed where an old, misconfigured or hand-made recorder would leave it raw: text,
 * comments, attributes, CSS, CSSOM events, URLs, input values and the upload's meta. Each needle is
 * a distinct string, so a test can say which one leaked.
 */
export const NEEDLES = {
  email: "jane.doe@example.org",
  emailInUrl: "jane.doe%40example.org",
  phone: "+44 20 7946 0958",
  card: "4111 1111 1111 1111",
  apiKey: "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
  jwt: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  linkSession: "s3ss10nvalue",
  srcsetToken: "srcsettok1234",
  lazyToken: "lazytok99",
  iframeSig: "iframesig77",
  styleToken: "bgtoken42",
  pingToken: "pingtok55",
  mutationToken: "mutok1",
  declarationToken: "decltok12",
  adoptedSig: "adoptsig9",
  navToken: "navtok31",
  pathToken: "Zq8xK2mP9vL4nR7tY1wB3cD6fG0hJ5sA8eU2iO4k",
  hashToken: "Hp3sW8dQ1zX6cV9bN2mK5jL7gF4tR0yU3eI8oA6q",
} as const;

/** The names of the needles found in `text` (none, when redaction worked). */
export function leakedNeedles(text: string): string[] {
  return Object.entries(NEEDLES)
    .filter(([, needle]) => text.includes(needle))
    .map(([name]) => name);
}

/** Text and values that must come out exactly as they went in. */
export const BENIGN = {
  price: "Order total: $1,299.00 on 2024-03-15",
  words: "Welcome back to the shop",
  link: "/products/shoes",
  hashedClass: "css-1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q",
  css: '.card{color:#333;margin:0 auto;font-family:"Inter",sans-serif}',
} as const;

const N = NEEDLES;

/** The page URL with a token path segment and a hash-router token. */
export const LEAKY_PAGE_URL = `https://shop.test/r/${N.pathToken}#/verify/${N.hashToken}`;

/** A full snapshot of a page with needles in text, comments, attributes, inline CSS and a stylesheet. */
function leakySnapshot() {
  const { el, text } = numberedNodes();
  return {
    node: {
      type: 0,
      id: 1,
      childNodes: [
        { type: 1, id: 2, name: "html", publicId: "", systemId: "" },
        el(3, "html", {}, [
          el(4, "head", {}, [
            el(5, "style", { _cssText: `${BENIGN.css}.x::after{content:"call ${N.phone}"}` }, [text(6, `.y::before{content:"${N.email}"}`, { isStyle: true })]),
          ]),
          el(7, "body", { class: BENIGN.hashedClass }, [
            text(8, `Contact ${N.email} or ${N.phone}`),
            text(9, BENIGN.price),
            { type: 5, id: 10, textContent: `api key ${N.apiKey}` },
            el(11, "p", { title: N.email, "data-user-email": N.email, id: "intro" }, [text(12, BENIGN.words)]),
            el(13, "a", { href: `https://shop.test/account?session=${N.linkSession}&utm_source=mail`, ping: `https://t.test/p?u=${N.pingToken}` }, []),
            el(14, "a", { href: BENIGN.link }, []),
            el(
              15,
              "img",
              {
                src: `/img/a.png?u=${N.emailInUrl}`,
                srcset: `/a.png?t=${N.srcsetToken} 1x, /b.png 2x`,
                "data-src": `/lazy.png?token=${N.lazyToken}`,
                width: 120,
              },
              [],
            ),
            el(16, "iframe", { rr_src: `https://embed.test/?sig=${N.iframeSig}`, rr_width: "300px" }, []),
            el(17, "input", { type: "text", value: N.card }, []),
            el(18, "div", { style: `background:url('/bg.png?tk=${N.styleToken}');--user:${N.email};color:red` }, []),
          ]),
        ]),
      ],
    },
    initialOffset: { top: 0, left: 0 },
  };
}

/** The events of one chunk: Meta, the snapshot above, then mutations, input and CSSOM events carrying needles. */
export function leakyEvents(start = T0): Array<Record<string, unknown>> {
  let t = start;
  const at = () => t++;
  return [
    { type: 4, data: { href: LEAKY_PAGE_URL, width: 1280, height: 720 }, timestamp: at() },
    { type: 2, data: leakySnapshot(), timestamp: at() },
    {
      type: 3,
      data: {
        source: 0,
        adds: [{ parentId: 7, nextId: null, node: { type: 3, id: 20, textContent: `Signed in as ${N.email}` } }],
        texts: [{ id: 12, value: `token ${N.jwt}` }],
        attributes: [
          {
            id: 11,
            attributes: {
              title: `Call ${N.phone}`,
              style: { color: "red", "background-image": `url(https://x.test/i.png?t=${N.mutationToken})`, "--note": [N.email, "important"], margin: false },
            },
          },
        ],
        removes: [{ parentId: 7, id: 14 }],
      },
      timestamp: at(),
    },
    { type: 3, data: { source: 5, id: 17, text: N.card, isChecked: false }, timestamp: at() },
    { type: 3, data: { source: 8, id: 5, adds: [{ rule: `.a::before{content:"${N.email}"}`, index: 0 }], removes: [{ index: 1 }] }, timestamp: at() },
    {
      type: 3,
      data: { source: 13, id: 5, index: [0], set: { property: "background", value: `url(/s.png?token=${N.declarationToken})`, priority: "" } },
      timestamp: at(),
    },
    {
      type: 3,
      data: {
        source: 15,
        id: 1,
        styleIds: [1],
        styles: [{ styleId: 1, rules: [{ rule: `.b{background:url("https://cdn.test/x.png?sig=${N.adoptedSig}")}` }] }],
      },
      timestamp: at(),
    },
    { type: 5, data: { tag: "navigation", payload: { href: `https://shop.test/next?k=${N.navToken}`, kind: "push" } }, timestamp: at() },
    { type: 3, data: { source: 2, type: 2, id: 13, x: 10, y: 20 }, timestamp: at() },
  ];
}
