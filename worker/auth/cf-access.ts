import { jwtVerify } from "jose";
import type { Config } from "../config";
import { jwksFor } from "./verify-token";

/**
 * Verifies a Cloudflare Access assertion (`Cf-Access-Jwt-Assertion`) against the team's certs
 * and the application's AUD. Returns the identity's subject (e-mail or id) or null.
 */
export async function verifyAccessAssertion(assertion: string, config: Config): Promise<string | null> {
  if (!config.cfAccess) return null;
  const team = config.cfAccess.teamDomain.replace(/^https?:\/\//, "").replace(/\/$/, "");
  try {
    const { payload } = await jwtVerify(assertion, jwksFor(`https://${team}/cdn-cgi/access/certs`), {
      algorithms: ["RS256"],
      issuer: `https://${team}`,
      audience: config.cfAccess.aud,
      requiredClaims: ["exp", "sub"],
    });
    const who = typeof payload.email === "string" ? payload.email : payload.sub;
    return typeof who === "string" && who ? who : null;
  } catch {
    return null;
  }
}
