/**
 * Reports same-document navigations (pushState, replaceState, back/forward, hash changes) so the
 * replay can show the URL change; rrweb only records the URL at full snapshots. Returns the
 * function that undoes everything.
 *
 * Where the browser has the Navigation API, its `currententrychange` event says all of it, once
 * per navigation, without touching the page's `history`: nothing of ours runs inside the page's
 * own pushState (a wrapper sat on the stack of every call, so the browser's own work was counted
 * as the recorder's), and no other script's wrapper meets ours. Elsewhere the history methods are
 * wrapped, not replaced: the original always runs first and its errors stay the page's own.
 */
export function observeNavigation(report: (href: string, kind: string) => void): () => void {
  const navigation = (window as WindowWithNavigation).navigation;
  return navigation && typeof navigation.addEventListener === "function" ? observeEntries(navigation, report) : wrapHistory(report);
}

/** The part of the Navigation API used here (TypeScript's DOM types do not have it yet). */
interface EntryChange extends Event {
  navigationType: "push" | "replace" | "traverse" | "reload" | null;
  from: { url: string | null };
}
interface NavigationLike {
  addEventListener(type: "currententrychange", listener: (event: EntryChange) => void): void;
  removeEventListener(type: "currententrychange", listener: (event: EntryChange) => void): void;
}
type WindowWithNavigation = Window & { navigation?: NavigationLike };

/** The part of a URL before its fragment. */
const withoutFragment = (url: string) => {
  const hash = url.indexOf("#");
  return hash < 0 ? url : url.slice(0, hash);
};

/** The kinds the history wrapper reports, from the entry change (a fragment-only change is a hash change, however it was made). */
function kindOf(event: EntryChange, href: string): string | null {
  const from = event.from?.url ?? null;
  if (from !== null && from !== href && withoutFragment(from) === withoutFragment(href)) return "hashchange";
  if (event.navigationType === "push") return "pushState";
  if (event.navigationType === "replace") return "replaceState";
  if (event.navigationType === "traverse") return "popstate";
  return null;
}

function observeEntries(navigation: NavigationLike, report: (href: string, kind: string) => void): () => void {
  const onChange = (event: EntryChange) => {
    try {
      const href = location.href;
      const kind = kindOf(event, href);
      if (kind) report(href, kind);
    } catch {
      // The report is ours: nothing of it may reach the page's error handlers.
    }
  };
  navigation.addEventListener("currententrychange", onChange);
  return () => navigation.removeEventListener("currententrychange", onChange);
}

function wrapHistory(report: (href: string, kind: string) => void): () => void {
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
