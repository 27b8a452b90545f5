import { createEffect } from "solid-js";

/** Opens `dialog()` as a modal while `open()` is true and closes it when it turns false. */
export function syncModal(dialog: () => HTMLDialogElement, open: () => boolean) {
  // The dialog element exists before effects run, so this follows `open` from the first render.
  createEffect(() => {
    const el = dialog();
    if (open() && !el.open) el.showModal();
    if (!open() && el.open) el.close();
  });
}
