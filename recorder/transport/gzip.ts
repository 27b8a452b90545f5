/** Gzips text with the browser's CompressionStream (on whichever thread calls it). */
export async function gzipText(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Whether this browser can gzip natively. */
export function canGzip(): boolean {
  return typeof CompressionStream === "function" && typeof Response === "function" && typeof Blob === "function";
}
