/**
 * rrweb's numeric vocabulary, taken from rrweb's own package (as Sentry's replay does) so that no
 * one keeps a copy of the numbers: events travel and are stored as these numbers. They are plain
 * enum objects marked pure, so a bundle carries only the ones it uses.
 */
export { EventType, IncrementalSource, MouseInteractions, NodeType } from "@rrweb/types";
