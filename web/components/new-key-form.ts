// <new-key-form>: creates a notification key (a folder, a chat, anything people can follow).
import { LitElement, css, html } from 'lit';
import type { CubbyController } from '../app/cubby-controller.ts';
import { controlStyles } from '../styles/control-styles.ts';

export class NewKeyForm extends LitElement {
  static override properties = {
    controller: { attribute: false },
    _error: { state: true },
    _done: { state: true },
    _busy: { state: true },
  };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .check {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 500;
      }
      .check input {
        width: 1.25rem;
        min-height: 1.25rem;
      }
    `,
  ];

  declare controller: CubbyController;
  declare private _error: string;
  declare private _done: string;
  declare private _busy: boolean;

  constructor() {
    super();
    this._error = '';
    this._done = '';
    this._busy = false;
  }

  override render() {
    return html`<section class="card" aria-labelledby="new-key-title">
      <h2 id="new-key-title">Create a key</h2>
      <form @submit=${this._submit}>
        <div class="field">
          <label for="key">New key</label>
          <input
            id="key"
            name="key"
            required
            maxlength="200"
            autocapitalize="none"
            spellcheck="false"
            placeholder="folder:team"
            aria-describedby="key-hint"
          />
          <span class="hint" id="key-hint"
            >A type and a name, such as folder:team or chat:lobby:messages.</span
          >
        </div>
        <div class="field">
          <label for="description">Description <span class="hint">(optional)</span></label>
          <input id="description" name="description" maxlength="500" />
        </div>
        <div class="field">
          <label class="check"
            ><input type="checkbox" name="push" checked />Alert followers who are away</label
          >
        </div>
        <p class="error" role="alert">${this._error}</p>
        <p role="status">${this._done}</p>
        <button class="primary" type="submit" ?disabled=${this._busy}>Create key</button>
      </form>
    </section>`;
  }

  private async _submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const key = String(data.get('key') ?? '').trim();
    const description = String(data.get('description') ?? '').trim();
    this._busy = true;
    this._error = '';
    this._done = '';
    try {
      await this.controller.defineKey({
        key,
        ...(description ? { description } : {}),
        push: data.get('push') ? 'alert' : 'none',
      });
      form.reset();
      this._done = `Created ${key}. Choose Alert or Silent for it above to follow it here.`;
    } catch (err) {
      this._error = (err as Error).message;
    } finally {
      this._busy = false;
    }
  }
}
customElements.define('new-key-form', NewKeyForm);
