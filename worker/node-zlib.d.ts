// The part of node:zlib the worker uses (workerd implements it natively with `nodejs_compat`),
// typed here so the worker's types need not take in all of @types/node and its globals.
declare module "node:zlib" {
  interface ZlibOptions {
    /** Past this many output bytes the call throws a RangeError, and zlib stops there. */
    maxOutputLength?: number;
    finishFlush?: number;
    level?: number;
  }
  export function inflateRawSync(data: Uint8Array, options?: ZlibOptions): Uint8Array;
  export function gzipSync(data: Uint8Array, options?: ZlibOptions): Uint8Array;
  export function gunzipSync(data: Uint8Array, options?: ZlibOptions): Uint8Array;
  export function crc32(data: Uint8Array | string, value?: number): number;
  export const constants: { readonly Z_SYNC_FLUSH: number };
}
