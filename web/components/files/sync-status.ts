// <sync-status>: the always-visible sync line in the header: "Up to date", "Syncing 3 of 10 (…)",
// "Offline — 2 changes waiting"; the conflicts to look at (a button that lists them); and the
// storage warning, with the request for persistent storage when the browser has not granted it.
import { LitElement, css, html, nothing } from 'lit';
import { foldersContext } from '../../app/contexts.ts';
import { conflictsText, storageText, syncStatusText } from '../../app/sync-status-text.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { ModelConsumer } from '../model-consumer.ts';
import type { ConflictList } from './conflict-list.ts';
import './conflict-list.ts';

export class SyncStatusLine extends LitElement {
  static override properties = { _asked: { state: true } };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.5rem;
        font-size: 0.875rem;
      }
      conflict-list {
        display: contents;
      }
      [role='status'] {
        font-weight: 600;
        color: var(--c-muted);
      }
      .phase-up-to-date {
        color: var(--c-live);
      }
      .phase-offline,
      .phase-paused,
      .phase-error {
        color: var(--c-warn);
      }
      button {
        min-height: 2rem;
        padding: 0.15rem 0.6rem;
        font-size: 0.875rem;
      }
      .conflicts {
        border-color: var(--c-warn);
        color: var(--c-warn);
        font-weight: 600;
      }
      .storage {
        color: var(--c-warn);
        font-weight: 600;
      }
    `,
  ];

  declare private _asked: string;
  private readonly _folders = new ModelConsumer(this, foldersContext);

  constructor() {
    super();
    this._asked = '';
  }

  override render() {
    const files = this._folders.value.files;
    if (!files) return nothing;
    const status = files.status;
    const conflicts = conflictsText(status);
    const storage = status?.storage;
    const low = storageText(storage);
    return html`<span role="status" class="phase-${status?.phase ?? 'starting'}"
        ><span class="visually-hidden">Sync: </span>${syncStatusText(status)}</span
      >
      ${
        conflicts
          ? html`<button
              type="button"
              class="conflicts"
              aria-haspopup="dialog"
              @click=${this._list}
            >
              ${conflicts}
            </button>`
          : nothing
      }
      ${low ? html`<span class="storage" role="status">${low}</span>` : nothing}
      ${
        low && storage && !storage.persisted
          ? html`<button type="button" @click=${this._persist}>Keep files on this device</button>`
          : nothing
      }
      ${this._asked ? html`<span role="status">${this._asked}</span>` : nothing}
      <conflict-list></conflict-list>`;
  }

  private _list() {
    this.renderRoot.querySelector<ConflictList>('conflict-list')?.open();
  }

  private async _persist() {
    const granted = await this._folders.value.files?.askPersist();
    this._asked = granted
      ? 'The browser will keep Cubby’s files when space runs low.'
      : 'The browser did not agree to keep Cubby’s files for good; installing Cubby usually helps.';
  }
}
customElements.define('sync-status', SyncStatusLine);
