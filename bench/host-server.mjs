// The host app's origin: the heavy page of the variant under test, at every path that is not an
// asset (so that pushState views reload too), and the peers' bundles as an app would ship them.
import { createServer } from "node:http";

/** Starts the host on 127.0.0.1; `assets` maps paths to [contentType, body]. */
export async function startHost(assets) {
  let pageHtml = "";
  const server = createServer((req, res) => {
    const asset = assets[new URL(req.url, "http://x").pathname];
    if (asset) return res.writeHead(200, { "Content-Type": asset[0], "Cache-Control": "no-store" }).end(asset[1]);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(pageHtml);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    /** The HTML that every non-asset path answers with from now on. */
    setPage(html) {
      pageHtml = html;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}
