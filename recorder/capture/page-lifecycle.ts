/** What the recorder does as the page is hidden or unloaded. */
export interface LifecycleHandlers {
  /** The tab went to the background: send now, the user may never come back. */
  onHidden(): void;
  /** The page is being unloaded (or frozen into the back/forward cache): only synchronous work and keepalive sends survive. */
  onPageHide(): void;
  onPageShow(): void;
}

/** Listens to visibilitychange/pagehide/pageshow (never unload: it disables the back/forward cache). Returns the remover. */
export function observePageLifecycle(handlers: LifecycleHandlers): () => void {
  const onVisibility = () => {
    if (document.visibilityState === "hidden") handlers.onHidden();
  };
  const onHide = () => handlers.onPageHide();
  const onShow = (e: PageTransitionEvent) => {
    if (e.persisted) handlers.onPageShow();
  };
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("pagehide", onHide);
  window.addEventListener("pageshow", onShow);
  return () => {
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("pagehide", onHide);
    window.removeEventListener("pageshow", onShow);
  };
}
