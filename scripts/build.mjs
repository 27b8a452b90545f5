// Builds everything the worker serves as static assets into dist/public:
// the recorder bundle (/recorder.js), the admin UI (/admin/) and the demo page (/demo/).
import { cp, mkdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { buildRecorder } from "./build-recorder.mjs";
import { buildAdmin } from "./build-admin.mjs";

const root = new URL("..", import.meta.url);
const out = new URL("dist/public/", root);

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await buildRecorder(out);
await buildAdmin(out);
const demo = new URL("recorder/demo/", root);
if (existsSync(demo)) await cp(demo, new URL("demo/", out), { recursive: true });
console.log("built dist/public");
