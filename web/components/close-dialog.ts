// Closes the <dialog> the clicked button is in: the Close and Cancel buttons of Cubby's dialogs.
export function closeDialog(event: Event): void {
  (event.currentTarget as Element).closest('dialog')?.close();
}
