// <folder-chat>: a shared folder's chat: the messages (a log screen readers follow) and a field to
// write one. New messages are fetched when a `chat:<ns>:messages` notification arrives.
import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage } from '../../../shared/api/content.ts';
import { sharingContext } from '../../app/contexts.ts';
import { CoalescedRun } from '../../app/coalesced-run.ts';
import { failureText } from '../../app/failure-text.ts';
import type { NamespaceEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { ActionStatus } from '../action-status.ts';
import { ModelConsumer } from '../model-consumer.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

export class FolderChat extends LitElement {
  static override properties = {
    namespace: { attribute: false },
    _messages: { state: true },
    _loadError: { state: true },
  };
  static override styles = [
    controlStyles,
    css`
      ol {
        margin: 0 0 0.75rem;
        padding: 0.5rem;
        max-height: 22rem;
        overflow: auto;
        background: var(--c-surface-2);
        border-radius: var(--radius);
      }
      li {
        padding: 0.4rem 0.6rem;
        background: var(--c-surface);
        border-radius: var(--radius);
        overflow-wrap: anywhere;
      }
      .text {
        white-space: pre-wrap;
      }
      li.mine {
        background: var(--c-accent-soft);
      }
      .from {
        font-weight: 700;
      }
      time {
        color: var(--c-muted);
        font-size: 0.8rem;
        margin-left: 0.4rem;
      }
      .empty {
        color: var(--c-muted);
        background: none;
      }
      form {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 0.5rem;
        align-items: end;
      }
      textarea {
        resize: vertical;
        min-height: 2.75rem;
      }
      form label {
        grid-column: 1 / -1;
        margin: 0;
      }
    `,
  ];

  declare namespace: NamespaceEntry;
  declare private _messages: ChatMessage[] | null;
  declare private _loadError: string;
  private readonly _sharing = new ModelConsumer(this, sharingContext, {
    chat: (namespaceId) => {
      if (namespaceId === this.namespace?.id) void this._load();
    },
  });
  private readonly _action = new ActionStatus(this);
  private _loadedFor = '';
  // Not a Task: each fetch adds to the messages shown, and a notification during one asks for one
  // more rather than dropping what the first one brings.
  private readonly _fetches = new CoalescedRun(() => this._fetchNew());

  constructor() {
    super();
    this._messages = null;
    this._loadError = '';
  }

  override willUpdate() {
    if (this.namespace && this.namespace.id !== this._loadedFor) {
      this._loadedFor = this.namespace.id;
      this._messages = null;
      this._action.clear();
      void this._load();
    }
  }

  override render() {
    const ns = this.namespace;
    const me = this._sharing.value.username;
    const messages = this._messages ?? [];
    return html`<section class="card" aria-labelledby="chat-title">
      <h2 id="chat-title">Chat</h2>
      ${this._loadError ? html`<p class="error" role="alert">${this._loadError}</p>` : ''}
      <ol role="log" aria-label="Chat in ${ns.name}">
        ${
          this._messages === null
            ? html`<li class="empty">Loading messages…</li>`
            : messages.length === 0
              ? html`<li class="empty">
                  No messages yet. Say hello to the others in “${ns.name}”.
                </li>`
              : repeat(
                  messages,
                  (m) => m.seq,
                  (m) =>
                    html`<li class=${m.from === me ? 'mine' : ''}>
                      <span class="from">${m.from}</span
                      ><time datetime=${m.at}>${when.format(new Date(m.at))}</time>
                      <div class="text">${m.text}</div>
                    </li>`,
                )
        }
      </ol>
      <form @submit=${this._send}>
        <label for="chat-text">Message</label>
        <textarea
          id="chat-text"
          name="text"
          rows="2"
          maxlength="4000"
          required
          @keydown=${this._keydown}
        ></textarea>
        <button class="primary" type="submit" ?disabled=${this._action.isBusy()}>Send</button>
      </form>
      ${this._action.errorLine()}
    </section>`;
  }

  override updated(changed: Map<PropertyKey, unknown>) {
    if (changed.has('_messages')) {
      const log = this.renderRoot.querySelector('ol');
      if (log) log.scrollTop = log.scrollHeight;
    }
  }

  /** Fetches what came after the last message shown; one fetch at a time, one more if asked. */
  private _load(): Promise<void> {
    return this._fetches.run();
  }

  private async _fetchNew(): Promise<void> {
    const ns = this.namespace;
    const shown = this._messages ?? [];
    try {
      const after = shown.at(-1)?.seq ?? 0;
      const more = await this._sharing.value.chatAfter(ns.id, after);
      if (ns.id !== this.namespace.id) return;
      const seen = new Set(shown.map((m) => m.seq));
      this._messages = [...shown, ...more.filter((m) => !seen.has(m.seq))];
      this._loadError = '';
    } catch (err) {
      this._loadError = failureText('Could not load the chat', err);
      if (this._messages === null) this._messages = [];
    }
  }

  private _keydown(event: KeyboardEvent) {
    // Enter sends, Shift+Enter starts a new line, as in most chats.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      (event.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  private async _send(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = form.querySelector('textarea');
    const text = field?.value.trim() ?? '';
    if (!text) return;
    await this._action.run(
      async () => {
        await this._sharing.value.postChat(this.namespace.id, text);
        form.reset();
        await this._load();
      },
      { failure: 'Could not send the message' },
    );
    field?.focus();
  }
}
customElements.define('folder-chat', FolderChat);
