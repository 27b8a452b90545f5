import type { useNavigate } from "@solidjs/router";

/** Moves focus between a table's row links (`a.row-link`) with ↑/↓ (or j/k), like a mail client. */
export function onTableKey(e: KeyboardEvent & { currentTarget: HTMLElement }) {
  const keys: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 };
  const step = keys[e.key];
  if (step === undefined || !(e.target instanceof HTMLElement)) return;
  const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>("a.row-link")];
  const at = links.findIndex((link) => link === e.target);
  const next = links[Math.min(links.length - 1, Math.max(0, at + step))];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

/** A row's click handler that opens `href`; real clicks on the row's link (and ctrl/middle clicks) stay links. */
export function openRow(navigate: ReturnType<typeof useNavigate>, href: string) {
  return (e: MouseEvent) => {
    if (e.target instanceof HTMLAnchorElement || e.ctrlKey || e.metaKey) return;
    navigate(href);
  };
}
