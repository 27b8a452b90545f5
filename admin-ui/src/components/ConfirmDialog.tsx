import type { Component, JSX } from "solid-js";
import { syncModal } from "../lib/modal";
import ErrorText from "./ErrorText";

interface Props {
  open: boolean;
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  busy: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal confirmation on the native <dialog> (focus trap and Escape for free). */
const ConfirmDialog: Component<Props> = (props) => {
  let dialog!: HTMLDialogElement;
  syncModal(
    () => dialog,
    () => props.open,
  );
  return (
    <dialog
      ref={dialog}
      class="confirm"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id="confirm-title">{props.title}</h2>
      <div class="confirm-body">{props.children}</div>
      <ErrorText message={props.error} />
      <div class="confirm-actions">
        <button type="button" onClick={() => props.onCancel()} autofocus>
          Cancel
        </button>
        <button type="button" class="danger" data-testid="confirm-delete" disabled={props.busy} onClick={() => props.onConfirm()}>
          {props.busy ? "Deleting…" : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
};

export default ConfirmDialog;
