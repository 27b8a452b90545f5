import { z } from "zod";

const metaViewport = z.object({ viewport: z.object({ width: z.number(), height: z.number() }) });

/** Only the recorded viewport from a session's stored meta JSON (a share shows nothing else of it). */
export function parseViewport(metaJson: string): { width: number; height: number } | undefined {
  try {
    const parsed = metaViewport.safeParse(JSON.parse(metaJson));
    return parsed.success ? { width: parsed.data.viewport.width, height: parsed.data.viewport.height } : undefined;
  } catch {
    return undefined;
  }
}
