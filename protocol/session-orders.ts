/**
 * Orders of the admin session list (`?sort=`, contract §5); the first is the default. Dependency-free:
 * the worker and the admin UI both import it.
 */
export const SESSION_ORDERS = ["newest", "frustration"] as const;

export type SessionOrder = (typeof SESSION_ORDERS)[number];
