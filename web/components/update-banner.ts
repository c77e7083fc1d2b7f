// <update-banner>: a new version is ready; it takes over only when the person chooses to reload.
import { LitElement, css, html } from 'lit';
import { controlStyles } from '../styles/control-styles.ts';

export class UpdateBanner extends LitElement {
  static override properties = { reloadNow: { attribute: false }, _hidden: { state: true } };
  static override styles = [
    controlStyles,
    css`
      .card {
        background: var(--c-accent-soft);
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
      }
      p {
        margin: 0;
      }
    `,
  ];

  declare reloadNow: (() => void) | null;
  declare private _hidden: boolean;

  constructor() {
    super();
    this.reloadNow = null;
    this._hidden = false;
  }

  override render() {
    if (!this.reloadNow || this._hidden) return html``;
    return html`<div class="card" role="status">
      <p>A new version of Cubby is available.</p>
      <div class="row">
        <button class="primary" @click=${() => this.reloadNow?.()}>Reload to update</button>
        <button @click=${() => (this._hidden = true)}>Later</button>
      </div>
    </div>`;
  }
}
customElements.define('update-banner', UpdateBanner);
