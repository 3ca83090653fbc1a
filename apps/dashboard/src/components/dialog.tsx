import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

/** A modal <dialog>: focus moves into it, Escape closes it, and focus returns where it was. */
export function Dialog(props: {
  title: string;
  onClose(): void;
  children: ComponentChildren;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    const before = document.activeElement as HTMLElement | null;
    d.showModal();
    return () => {
      d.close();
      before?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class={props.wide ? "wide" : undefined}
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <header class="dialog-head">
        <h2 id="dialog-title">{props.title}</h2>
        <button type="button" class="plain" onClick={props.onClose} aria-label="Close">
          ×
        </button>
      </header>
      {props.children}
    </dialog>
  );
}

/** Asks before a write: nothing happens until the person presses the named button. */
export function Confirm(props: {
  title: string;
  children: ComponentChildren;
  action: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <div class="dialog-body">{props.children}</div>
      <footer class="dialog-foot">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          class={props.danger ? "danger" : "primary"}
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.busy ? "Working…" : props.action}
        </button>
      </footer>
    </Dialog>
  );
}
