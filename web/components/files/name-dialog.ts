// <name-dialog>: asks for a name (a new folder, a rename) in a modal dialog; the action runs from
// the dialog, so a refusal ("a file named … is here already") is shown where the name is typed.
import { LitElement, html } from 'lit';
import { controlStyles } from '../../styles/control-styles.ts';
import { dialogStyles } from '../../styles/dialog-styles.ts';
import { ActionStatus } from '../action-status.ts';
import { closeDialog } from '../close-dialog.ts';

export interface NameRequest {
  title: string;
  label: string;
  submitLabel: string;
  value: string;
  /** Words for a failure: "Could not rename “a.txt”". */
  failure: string;
  submit(name: string): Promise<void>;
}

export class NameDialog extends LitElement {
  static override properties = { _request: { state: true } };
  static override styles = [controlStyles, dialogStyles];

  declare private _request: NameRequest | null;
  private readonly _action = new ActionStatus(this);

  constructor() {
    super();
    this._request = null;
  }

  /** Opens the dialog; the focus goes to the name, its extension left out of the selection. */
  async ask(request: NameRequest): Promise<void> {
    this._request = request;
    this._action.clear();
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    const input = this.renderRoot.querySelector('input');
    if (!dialog || !input) return;
    input.value = request.value;
    dialog.showModal();
    const dot = request.value.lastIndexOf('.');
    input.focus();
    input.setSelectionRange(0, dot > 0 ? dot : request.value.length);
  }

  override render() {
    const r = this._request;
    return html`<dialog aria-labelledby="name-title" @close=${() => (this._request = null)}>
      <form class="dialog-body" @submit=${this._submit}>
        <h2 id="name-title">${r?.title ?? ''}</h2>
        <div>
          <label for="name">${r?.label ?? 'Name'}</label>
          <input
            id="name"
            name="name"
            required
            maxlength="255"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="name-error"
          />
        </div>
        <p class="error" id="name-error" role="alert">${this._action.error}</p>
        <div class="dialog-actions">
          <button type="button" @click=${closeDialog}>Cancel</button>
          <button class="primary" type="submit" ?disabled=${this._action.isBusy()}>
            ${r?.submitLabel ?? 'Save'}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  private async _submit(event: SubmitEvent) {
    event.preventDefault();
    const request = this._request;
    const input = this.renderRoot.querySelector('input');
    if (!request || !input) return;
    const name = input.value.trim();
    if (!name) return;
    const done = await this._action.run(() => request.submit(name), { failure: request.failure });
    if (done) this.renderRoot.querySelector('dialog')?.close();
    else input.focus();
  }
}
customElements.define('name-dialog', NameDialog);
