import type { recordOptions } from "rrweb";
import type { eventWithTime } from "@rrweb/types";
import type { ResolvedOptions } from "../options";
import { BLOCK_SELECTORS, IGNORE_CLASS, IGNORE_SELECTORS, MASK_SELECTORS } from "./markers";
import { maskText, maskValue } from "./mask";

/** The privacy selectors in force for one recording. */
export interface PrivacySelectors {
  /** Everything whose text and attribute values are masked (maskAllText masks all text besides, see ScrubSettings). */
  mask: string;
  block: string;
  ignore: string;
}

/** Combines our markers, other tools' markers, the host's options and the server's config into selectors. */
export function buildSelectors(options: ResolvedOptions, serverPrivate: readonly string[]): { selectors: PrivacySelectors; all: string[] } {
  const mask = [...MASK_SELECTORS, ...options.privateSelectors, ...serverPrivate];
  const block = [...BLOCK_SELECTORS, ...options.blockSelectors];
  return { selectors: { mask: mask.join(","), block: block.join(","), ignore: IGNORE_SELECTORS.join(",") }, all: [...mask, ...block] };
}

/**
 * rrweb's own privacy options, set to the strictest useful values: every input masked (also when
 * set from script: rrweb hooks the value setters and hears input events), blocked
 * elements kept only as a sized box, and nothing that copies content out of the page (canvas
 * pixels, inlined images, fonts). What rrweb cannot do is left to scrubEvent.
 */
export function buildRrwebOptions(options: ResolvedOptions, selectors: PrivacySelectors): recordOptions<eventWithTime> {
  return {
    maskAllInputs: options.maskAllInputs,
    maskInputOptions: options.maskAllInputs ? undefined : { password: true },
    maskInputFn: (value) => maskValue(value),
    // Private text is masked by scrubEvent, before anything is buffered (it also reaches into shadow
    // roots and attributes). Handing rrweb the selector too would make it run Element.closest for
    // every added node, which on a re-sorted 200-row table alone costs more than our whole pass.
    maskTextClass: "rr-mask",
    maskTextFn: (text) => maskText(text),
    blockClass: "rr-block",
    blockSelector: selectors.block,
    ignoreClass: IGNORE_CLASS,
    ignoreSelector: selectors.ignore,
    // Scripts, comments and head metadata are dead weight in a replay (and meta tags can hold tokens).
    slimDOMOptions: "all",
    inlineStylesheet: true,
    recordCanvas: false,
    inlineImages: false,
    collectFonts: false,
    recordCrossOriginIframes: false,
    checkoutEveryNms: options.checkoutEveryMs,
    sampling: {
      mousemove: options.sampling.mousemove,
      scroll: options.sampling.scroll,
      media: options.sampling.media,
      // rrweb's "last" listens to change events only, which neither leave a shadow root nor follow
      // a value set by script and announced with an input event: "all" sees both, and the
      // recorder keeps only a burst's last value itself when asked (buffer/input-burst).
      input: "all",
    },
  };
}
