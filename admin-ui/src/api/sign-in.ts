import * as z from "zod/mini";
import { callWithoutToken } from "./client";

const signInAnswer = z.object({ token: z.string(), expiresAt: z.number() });

/** Exchanges a sign-in link's single-use code for an admin token (a second use gets 401). */
export function exchangeSignInCode(code: string) {
  return callWithoutToken("/api/admin/sign-in", signInAnswer, { method: "POST", body: JSON.stringify({ code }) });
}
