import { ApiError } from "../errors";
import { limitPerAdmin } from "./limit-admin";
import { liveDirectory } from "./live-directory";
import { hashTicket, looksLikeTicket, type StoredTicket, type TicketTarget } from "./tickets";

/** Takes the ticket named in the URL out of the directory (so it can never be used again), if there is one. */
async function redeem(env: Env, ticket: string | undefined): Promise<StoredTicket | null> {
  return looksLikeTicket(ticket) ? liveDirectory(env).redeemTicket(await hashTicket(ticket)) : null;
}

/**
 * Decides whether a live socket may open for `target`, in the order contract §9 gives: the Origin
 * (missing or foreign: 403), then the ticket (missing, unknown, used or expired: 401), the
 * minter's upgrade budget (429), and the ticket's target (another one: 403). The ticket is used
 * up by any attempt, even a refused one. Returns the admin who minted it.
 */
export async function admitViewer(env: Env, request: Request, target: TicketTarget): Promise<string> {
  const url = new URL(request.url);
  const redeemed = redeem(env, url.searchParams.get("ticket") ?? undefined);
  if (request.headers.get("Origin") !== url.origin) {
    await redeemed;
    throw new ApiError(403, "forbidden_origin", "Live sockets open only from the admin UI's own origin");
  }
  const ticket = await redeemed;
  if (!ticket) throw new ApiError(401, "invalid_ticket", "The ticket is missing, unknown or used; ask for a new one");
  await limitPerAdmin(env.LIVE_UPGRADE_LIMITER, ticket.mintedBy, "live sockets");
  if (ticket.expiresAt <= Date.now()) throw new ApiError(401, "invalid_ticket", "The ticket has expired; ask for a new one");
  if (ticket.target !== target) throw new ApiError(403, "wrong_target", "The ticket was minted for another live socket");
  return ticket.mintedBy;
}
