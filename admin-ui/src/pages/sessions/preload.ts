import type { RouteDefinition } from "@solidjs/router";
import { getMe, getSessionDetail, getSessions } from "../../api/admin";
import { authGeneration } from "../../api/token";
import { readFilters } from "./filters";

// Route preloads warm the query cache (on navigation and on link hover), but only after the
// server said this is an admin: a non-admin's browser never asks for session data at all.

/** Warms the session list for the URL's filters. */
export const preloadSessions: RouteDefinition["preload"] = ({ location }) => {
  const filters = readFilters(Object.fromEntries(new URLSearchParams(location.search)));
  getMe(authGeneration()).then(
    () => getSessions(filters),
    () => undefined,
  );
};

/** Warms one session's detail. */
export const preloadSessionDetail: RouteDefinition["preload"] = ({ params }) => {
  const id = params.id;
  if (id)
    getMe(authGeneration()).then(
      () => getSessionDetail(id),
      () => undefined,
    );
};
