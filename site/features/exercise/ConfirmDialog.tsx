/**
 * A modal confirmation on the native <dialog> (focus is trapped and Escape cancels:
 * https://developer.mozilla.org/en-US/docs/Web/HTML/Element/dialog). Open it with openDialog.
 */
import { useId } from 'preact/hooks';

/**
 * Opens a ConfirmDialog. The return value is cleared first: Escape closes a dialog without
 * setting it, and a stale 'confirm' from an earlier use must not count as a new confirmation.
 */
export function openDialog(dialog: HTMLDialogElement | null) {
  if (!dialog || dialog.open) return;
  dialog.returnValue = '';
  dialog.showModal();
}

export default function ConfirmDialog(props: {
  dialogRef: { current: HTMLDialogElement | null };
  title: string;
  body: string;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
}) {
  const titleId = useId();
  const bodyId = useId();
  return (
    <dialog
      ref={props.dialogRef}
      class="exercise-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={(e) => {
        if ((e.currentTarget as HTMLDialogElement).returnValue === 'confirm') props.onConfirm();
      }}
    >
      <form method="dialog">
        <h2 id={titleId}>{props.title}</h2>
        <p id={bodyId}>{props.body}</p>
        <div class="exercise-dialog-buttons">
          {/* Cancel first and focused by default: the safe choice is the easy one. */}
          <button value="cancel" autofocus>
            {props.cancel}
          </button>
          <button value="confirm" class="exercise-danger">
            {props.confirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}
