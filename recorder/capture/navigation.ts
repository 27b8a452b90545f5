/**
 * Reports same-document navigations (pushState, replaceState, back/forward, hash changes) so the
 * replay can show the URL change; rrweb only records the URL at full snapshots. The history
 * methods are wrapped, not replaced: the original always runs first and its errors stay the
 * page's own. Returns the function that undoes everything.
 */
export function observeNavigation(report: (href: string, kind: string) => void): () => void {
  const history = window.history;
  const originals = { pushState: history.pushState, replaceState: history.replaceState };
  const wrap = (name: "pushState" | "replaceState") =>
    function (this: History, ...args: Parameters<History["pushState"]>) {
      const result = originals[name].apply(this, args);
      try {
        report(location.href, name);
      } catch {
        // The report is ours; the navigation has happened either way.
      }
      return result;
    };
  const wrappers = { pushState: wrap("pushState"), replaceState: wrap("replaceState") };
  history.pushState = wrappers.pushState;
  history.replaceState = wrappers.replaceState;
  const onPop = () => report(location.href, "popstate");
  const onHash = () => report(location.href, "hashchange");
  window.addEventListener("popstate", onPop);
  window.addEventListener("hashchange", onHash);
  return () => {
    // Only undo our own wrapper: another script may have wrapped it after us.
    if (history.pushState === wrappers.pushState) history.pushState = originals.pushState;
    if (history.replaceState === wrappers.replaceState) history.replaceState = originals.replaceState;
    window.removeEventListener("popstate", onPop);
    window.removeEventListener("hashchange", onHash);
  };
}
