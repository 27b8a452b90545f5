/**
 * The baseline of the ingest benchmark (bench/ingest/run.mjs): the least an upload endpoint can do
 * on Workers. It puts the request body into R2 under a fresh key and answers 200, with no token
 * check, no parsing and no index, so our upload path's cost is measured against pure R2 writes.
 */

interface Env {
  CHUNKS: R2Bucket;
}

export default {
  async fetch(request, env) {
    if (request.method !== "POST") return new Response("ok");
    await env.CHUNKS.put(`uploads/${crypto.randomUUID()}`, request.body);
    return new Response('{"ok":true}', { headers: { "Content-Type": "application/json" } });
  },
} satisfies ExportedHandler<Env>;
