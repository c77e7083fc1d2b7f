// <inbox-view>: notifications newest first, unread marked, mark one or all read, with empty and
// error states that say what to do. Fires mark-read (detail: id), mark-all-read, show-older, retry.
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { headline, type InboxEntry } from '../common/inbox/inbox-entry.ts';
import { controlStyles } from '../styles/control-styles.ts';

const timeToday = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const timeEarlier = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function when(iso: string): string {
  const at = new Date(iso);
  const today = new Date().toDateString() === at.toDateString();
  return (today ? timeToday : timeEarlier).format(at);
}

export class InboxView extends LitElement {
  static override properties = {
    entries: { attribute: false },
    unread: { type: Number },
    state: {},
    selectedId: { attribute: false },
    mayHaveOlder: { type: Boolean },
  };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .head {
        justify-content: space-between;
        margin-bottom: 0.75rem;
      }
      .head h2 {
        margin: 0;
      }
      .count {
        color: var(--c-muted);
        font-weight: normal;
        font-size: 1rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      li {
        display: grid;
        grid-template-columns: 0.75rem minmax(0, 1fr) auto;
        gap: 0.5rem 0.75rem;
        align-items: start;
        padding: 0.75rem;
        border-radius: var(--radius);
        background: var(--c-surface);
        border: 1px solid var(--c-border);
      }
      li.unread {
        border-left: 4px solid var(--c-accent);
        background: var(--c-accent-soft);
      }
      li[aria-current='true'] {
        outline: 3px solid var(--c-focus);
      }
      .marker {
        width: 0.6rem;
        height: 0.6rem;
        margin-top: 0.45rem;
        border-radius: 50%;
      }
      .unread .marker {
        background: var(--c-accent);
      }
      h3 {
        margin: 0;
        font-size: 1rem;
        overflow-wrap: anywhere;
      }
      .unread h3 {
        font-weight: 700;
      }
      li:not(.unread) h3 {
        font-weight: 500;
      }
      .body {
        margin: 0.15rem 0 0;
        overflow-wrap: anywhere;
      }
      .meta {
        margin: 0.25rem 0 0;
        font-size: 0.875rem;
        color: var(--c-muted);
        overflow-wrap: anywhere;
      }
      li button {
        min-height: 2.25rem;
        padding: 0.25rem 0.75rem;
        font-size: 0.875rem;
      }
      .empty {
        text-align: center;
        padding: 2rem 1rem;
      }
      .older {
        margin-top: 1rem;
        width: 100%;
      }
      @media (max-width: 28rem) {
        li {
          grid-template-columns: 0.6rem minmax(0, 1fr);
        }
        li button {
          grid-column: 2;
          justify-self: start;
        }
      }
    `,
  ];

  declare entries: InboxEntry[];
  declare unread: number;
  declare state: 'loading' | 'ready' | 'error';
  declare selectedId: number | null;
  declare mayHaveOlder: boolean;

  constructor() {
    super();
    this.entries = [];
    this.unread = 0;
    this.state = 'loading';
    this.selectedId = null;
    this.mayHaveOlder = false;
  }

  override updated(changed: Map<PropertyKey, unknown>) {
    if (changed.has('selectedId') && this.selectedId !== null) {
      const item = this.renderRoot.querySelector<HTMLElement>(`#item-${this.selectedId}`);
      item?.scrollIntoView({ block: 'center' });
      item?.focus();
    }
  }

  override render() {
    return html`
      <section aria-labelledby="inbox-title">
        <div class="head row">
          <h2 id="inbox-title">
            Inbox <span class="count">${this.unread > 0 ? `${this.unread} unread` : ''}</span>
          </h2>
          <button @click=${() => this._fire('mark-all-read')} ?disabled=${this.unread === 0}>
            Mark all as read
          </button>
        </div>
        ${this._body()}
      </section>
    `;
  }

  private _body() {
    if (this.state === 'error') {
      return html`<div class="card error" role="alert">
        <p>
          Cubby could not read the inbox kept on this device. Try again; if it keeps happening,
          allow site data for Cubby in the browser's settings or free some disk space.
        </p>
        <button @click=${() => this._fire('retry')}>Try again</button>
      </div>`;
    }
    if (this.state === 'ready' && this.entries.length === 0) {
      return html`<div class="card empty">
        <h3>Nothing here yet</h3>
        <p>
          Follow a folder, an invitation or a chat on the <a href="/following">Following</a> page.
          What changes shows up here, and as alerts while Cubby is closed.
        </p>
      </div>`;
    }
    return html`
      <ul aria-label="Notifications">
        ${repeat(
          this.entries,
          (e) => e.id,
          (e) => this._item(e),
        )}
      </ul>
      ${
        this.mayHaveOlder
          ? html`<button class="older" @click=${() => this._fire('show-older')}>
              Show older notifications
            </button>`
          : nothing
      }
    `;
  }

  private _item(e: InboxEntry) {
    const title = headline(e);
    const unread = e.read === 0;
    return html`<li
      id="item-${e.id}"
      class=${unread ? 'unread' : ''}
      aria-current=${e.id === this.selectedId ? 'true' : nothing}
      tabindex="-1"
    >
      <span class="marker" aria-hidden="true"></span>
      <div>
        <h3>${unread ? html`<span class="visually-hidden">Unread: </span>` : nothing}${title}</h3>
        ${e.body ? html`<p class="body">${e.body}</p>` : nothing}
        <p class="meta">${e.key} · <time datetime=${e.at}>${when(e.at)}</time></p>
      </div>
      ${
        unread
          ? html`<button
              aria-label="Mark “${title}” as read"
              @click=${() => this._fire('mark-read', e.id)}
            >
              Mark read
            </button>`
          : nothing
      }
    </li>`;
  }

  private _fire(type: string, detail?: number) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
customElements.define('inbox-view', InboxView);
