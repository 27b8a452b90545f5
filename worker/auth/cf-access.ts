import { jwtVerify } from "jose";
import type { Config } from "../config";
import { CLOCK_TOLERANCE_SECONDS, jwksFor } from "./verify-token";

/** Who a valid Access assertion names: its e-mail when it has one, and its subject. */
export interface AccessIdentity {
  email?: string;
  sub: string;
}

/**
 * Verifies a Cloudflare Access assertion (`Cf-Access-Jwt-Assertion`) against the team's certs
 * and the application's AUD. Returns whom it names, or null when it is not valid.
 */
export async function verifyAccessAssertion(assertion: string, config: Config): Promise<AccessIdentity | null> {
  if (!config.cfAccess) return null;
  const team = config.cfAccess.teamDomain.replace(/^https?:\/\//, "").replace(/\/$/, "");
  try {
    const { payload } = await jwtVerify(assertion, jwksFor(`https://${team}/cdn-cgi/access/certs`), {
      algorithms: ["RS256"],
      issuer: `https://${team}`,
      audience: config.cfAccess.aud,
      requiredClaims: ["exp", "sub"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    if (typeof payload.sub !== "string" || !payload.sub) return null;
    return { sub: payload.sub, email: typeof payload.email === "string" && payload.email ? payload.email : undefined };
  } catch {
    return null;
  }
}

/** Whether an Access identity is an admin: its e-mail (or subject) is listed in REPLAY_ADMIN_USERS. */
export function isAdminAccessIdentity(who: AccessIdentity, config: Config): boolean {
  return (who.email !== undefined && config.adminUsers.has(who.email)) || config.adminUsers.has(who.sub);
}
