import { DEFAULT_ALLOWED_PARAMS } from "../../../protocol/redact-url.ts";
import type { ScrubContext } from "../../../recorder/privacy/scrub-event.ts";

/**
 * The recorder's default privacy settings as a scrub context, with no DOM behind it (unit tests
 * have none): nodes are judged by their serialized form unless `overrides` gives a mirror.
 */
export function scrubContext(overrides: Partial<ScrubContext> = {}): ScrubContext {
  return {
    maskSelector: "[data-private]",
    maskAllInputs: true,
    maskAllText: false,
    allowedParams: new Set(DEFAULT_ALLOWED_PARAMS),
    getNode: () => null,
    getId: () => -1,
    ...overrides,
  };
}
