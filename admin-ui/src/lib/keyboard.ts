/** True when a key press belongs to a text field or control, not to page shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** True while a modal dialog is open (its own keys win). */
export function isDialogOpen(): boolean {
  return document.querySelector("dialog[open]") !== null;
}
