// <inbox-view>: notifications newest first, unread marked, mark one or all read, with empty and
// error states that say what to do. The entry in the route (`/inbox/<id>`) is scrolled to.
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { inboxContext, routerContext } from '../app/contexts.ts';
import { headline, type InboxEntry } from '../common/inbox/inbox-entry.ts';
import { controlStyles } from '../styles/control-styles.ts';
import { ModelConsumer } from './model-consumer.ts';

const timeToday = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const timeEarlier = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function when(iso: string): string {
  const at = new Date(iso);
  const today = new Date().toDateString() === at.toDateString();
  return (today ? timeToday : timeEarlier).format(at);
}

export class InboxView extends LitElement {
  static override styles = [
    controlStyles,
    css`
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

  private readonly _inbox = new ModelConsumer(this, inboxContext);
  private readonly _router = new ModelConsumer(this, routerContext);
  /** The entry last scrolled to. */
  private _shownId: number | null = null;

  private get _selectedId(): number | null {
    const route = this._router.value.route;
    return route.view === 'inbox' ? route.itemId : null;
  }

  override updated() {
    const selected = this._selectedId;
    if (selected === this._shownId) return;
    this._shownId = selected;
    if (selected === null) return;
    const item = this.renderRoot.querySelector<HTMLElement>(`#item-${selected}`);
    item?.scrollIntoView({ block: 'center' });
    item?.focus();
  }

  override render() {
    const { unread } = this._inbox.value;
    return html`
      <section aria-labelledby="inbox-title">
        <div class="head row">
          <h2 id="inbox-title">
            Inbox <span class="count">${unread > 0 ? `${unread} unread` : ''}</span>
          </h2>
          <button @click=${() => void this._inbox.value.markAllRead()} ?disabled=${unread === 0}>
            Mark all as read
          </button>
        </div>
        ${this._body()}
      </section>
    `;
  }

  private _body() {
    const inbox = this._inbox.value;
    if (inbox.state === 'error') {
      return html`<div class="card error" role="alert">
        <p>
          Cubby could not read the inbox kept on this device. Try again; if it keeps happening,
          allow site data for Cubby in the browser's settings or free some disk space.
        </p>
        <button @click=${() => void inbox.reload()}>Try again</button>
      </div>`;
    }
    if (inbox.state === 'ready' && inbox.entries.length === 0) {
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
          inbox.entries,
          (e) => e.id,
          (e) => this._item(e),
        )}
      </ul>
      ${
        inbox.mayHaveOlder
          ? html`<button class="older" @click=${() => inbox.showOlder()}>
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
      aria-current=${e.id === this._selectedId ? 'true' : nothing}
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
              @click=${() => void this._inbox.value.markRead(e.id)}
            >
              Mark read
            </button>`
          : nothing
      }
    </li>`;
  }
}
customElements.define('inbox-view', InboxView);
