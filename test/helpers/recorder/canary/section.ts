import type { HostFile } from "../rig.ts";

/** One part of the canary page: its markup, its scripts, and the files it loads. */
export interface Section {
  /** Markup for <head> (stylesheets). */
  head?: string;
  /** Markup for <body>. */
  body: string;
  /** Runs before the recorder starts (shadow roots, constructed sheets, setters captured early). */
  early?: string;
  /** Runs in window.__later(), after the first full snapshot: mutations of every kind. */
  later?: string;
  /** Files the host serves for it (path → file). */
  files?: Record<string, HostFile>;
  /** What the test types or sets in it, by purpose (each value is a placement too). */
  typed?: Record<string, string>;
}

/** A stylesheet or frame the host serves. */
export const css = (body: string): HostFile => ({ type: "text/css", body });
export const html = (body: string): HostFile => ({ type: "text/html; charset=utf-8", body });

/** A string as a JavaScript literal inside the page's scripts. */
export const js = (s: string): string => JSON.stringify(s);
