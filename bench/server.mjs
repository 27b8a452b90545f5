// A local stand-in for the worker's recording API and a static host for the bench page: it answers
// /api/replay/config and /api/replay/upload and counts upload bytes as they arrive on the wire.
import { createServer } from "node:http";

/** Starts the server; `routes` maps asset paths to [contentType, body]; every other path gets the current page. */
export async function startBenchServer(routes) {
  const counters = { uploadBytes: 0, uploads: 0 };
  let pageHtml = "";
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const cors = {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Headers": "Authorization, Content-Type, Content-Encoding",
      "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    };
    if (req.method === "OPTIONS") return res.writeHead(204, cors).end();
    if (path === "/api/replay/config") {
      return res
        .writeHead(200, { ...cors, "Content-Type": "application/json" })
        .end(JSON.stringify({ enabled: true, privateSelectors: [], windowMinutes: 10, checkoutEveryMinutes: 2 }));
    }
    if (path === "/api/replay/upload" || path === "/plain-upload") {
      let bytes = 0;
      req.on("data", (d) => (bytes += d.length));
      req.on("end", () => {
        counters.uploadBytes += bytes;
        counters.uploads++;
        res.writeHead(200, { ...cors, "Content-Type": "application/json" }).end('{"ok":true}');
      });
      return;
    }
    const route = routes[path];
    if (!route) return res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(pageHtml);
    res.writeHead(200, { ...cors, "Content-Type": route[0], "Cache-Control": "no-store" }).end(route[1]);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    counters,
    /** The HTML every non-asset path answers with (the variant under test). */
    setPage(html) {
      pageHtml = html;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}
