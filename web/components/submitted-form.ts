// The form a submit event is for, its fields read as text. Cubby's forms are handled on the page:
// reading one also stops the browser from sending it.

export interface SubmittedForm {
  form: HTMLFormElement;
  /** The field's value as typed ("" when there is none); `text` is it trimmed. */
  value(name: string): string;
  text(name: string): string;
  /** Whether the field was sent (a checked checkbox). */
  has(name: string): boolean;
}

export function submittedForm(event: SubmitEvent): SubmittedForm {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const data = new FormData(form);
  const value = (name: string) => String(data.get(name) ?? '');
  return { form, value, text: (name) => value(name).trim(), has: (name) => data.has(name) };
}
