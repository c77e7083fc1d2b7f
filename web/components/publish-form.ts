// <publish-form>: sends a notification to everyone following a key this person may publish to.
import { LitElement, html, nothing } from 'lit';
import type { CubbyController, FollowRow } from '../app/cubby-controller.ts';
import { controlStyles } from '../styles/control-styles.ts';

export class PublishForm extends LitElement {
  static override properties = {
    controller: { attribute: false },
    keys: { attribute: false },
    _error: { state: true },
    _done: { state: true },
    _busy: { state: true },
  };
  static override styles = [controlStyles];

  declare controller: CubbyController;
  declare keys: FollowRow[];
  declare private _error: string;
  declare private _done: string;
  declare private _busy: boolean;

  constructor() {
    super();
    this.keys = [];
    this._error = '';
    this._done = '';
    this._busy = false;
  }

  override render() {
    const keys = this.keys.filter((k) => k.rights.includes('publish'));
    if (keys.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="publish-title">
      <h2 id="publish-title">Send a notification</h2>
      <form @submit=${this._submit}>
        <div class="field">
          <label for="publish-key">To key</label>
          <select id="publish-key" name="key" required>
            ${keys.map((k) => html`<option value=${k.key}>${k.key}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="title">Title</label>
          <input id="title" name="title" required maxlength="200" />
        </div>
        <div class="field">
          <label for="message">Message <span class="hint">(optional)</span></label>
          <input id="message" name="body" maxlength="1000" />
        </div>
        <p class="error" role="alert">${this._error}</p>
        <p role="status">${this._done}</p>
        <button class="primary" type="submit" ?disabled=${this._busy}>Send</button>
      </form>
    </section>`;
  }

  private async _submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body = String(data.get('body') ?? '').trim();
    this._busy = true;
    this._error = '';
    this._done = '';
    try {
      const answer = await this.controller.publish({
        key: String(data.get('key')),
        command: 'NOTE',
        title: String(data.get('title') ?? '').trim(),
        ...(body ? { body } : {}),
      });
      const { live, offline } = answer.recipients;
      this._done = `Sent: ${live} ${live === 1 ? 'browser' : 'browsers'} live, ${offline} away.`;
      (form.elements.namedItem('title') as HTMLInputElement).value = '';
      (form.elements.namedItem('body') as HTMLInputElement).value = '';
    } catch (err) {
      this._error = (err as Error).message;
    } finally {
      this._busy = false;
    }
  }
}
customElements.define('publish-form', PublishForm);
