// <cubby-app>: the app shell: header with the connection and sync status, navigation and account,
// notices and the update prompt, then the screen for the route, and the undo toasts of deletes. It
// provides the page's models to every component below it (see app/contexts.ts).
import { ContextProvider, type Context } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import {
  alertsContext,
  followsContext,
  foldersContext,
  inboxContext,
  routerContext,
  sessionContext,
  sharingContext,
} from '../app/contexts.ts';
import type { Models } from '../app/models.ts';
import { parseRoute, type Route } from '../app/route.ts';
import { controlStyles } from '../styles/control-styles.ts';
import './account-form.ts';
import './alerts-card.ts';
import './connection-status.ts';
import './files/files-screen.ts';
import './files/sync-status.ts';
import './files/undo-toasts.ts';
import './follow-list.ts';
import './inbox-view.ts';
import './new-key-form.ts';
import './publish-form.ts';
import './update-banner.ts';

export class CubbyApp extends LitElement {
  static override properties = { models: { attribute: false } };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      .skip {
        position: absolute;
        left: 0.5rem;
        top: -4rem;
        z-index: 2;
        background: var(--c-surface);
        padding: 0.5rem 1rem;
        border-radius: var(--radius);
      }
      .skip:focus {
        top: 0.5rem;
      }
      header {
        background: var(--c-surface);
        border-bottom: 1px solid var(--c-border);
      }
      .bar {
        max-width: 64rem;
        margin: 0 auto;
        padding: 0.5rem 1rem;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        font-weight: 800;
        font-size: 1.25rem;
        color: var(--c-text);
        text-decoration: none;
        margin-right: auto;
      }
      .brand img {
        width: 2rem;
        height: 2rem;
        border-radius: 8px;
      }
      .account {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        color: var(--c-muted);
        font-size: 0.875rem;
      }
      .account strong {
        color: var(--c-text);
      }
      .account button {
        min-height: 2.25rem;
        padding: 0.25rem 0.75rem;
      }
      nav {
        max-width: 64rem;
        margin: 0 auto;
        padding: 0 1rem;
        display: flex;
        gap: 0.25rem;
      }
      nav a {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        padding: 0.6rem 0.9rem;
        color: var(--c-muted);
        text-decoration: none;
        font-weight: 600;
        border-bottom: 3px solid transparent;
      }
      nav a[aria-current='page'] {
        color: var(--c-text);
        border-bottom-color: var(--c-accent);
      }
      .badge {
        min-width: 1.4rem;
        padding: 0 0.4rem;
        border-radius: 999px;
        background: var(--c-accent);
        color: var(--c-accent-text);
        font-size: 0.75rem;
        line-height: 1.4rem;
        text-align: center;
      }
      main {
        max-width: 64rem;
        margin: 0 auto;
        padding: 1rem;
        display: grid;
        gap: 1rem;
      }
      main:focus {
        outline: none;
      }
      .notice {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
      }
      .notice p {
        margin: 0;
      }
      .notice.warning {
        border-left: 4px solid var(--c-warn);
      }
      @media (max-width: 40rem) {
        .bar sync-status {
          order: 3;
          flex-basis: 100%;
        }
      }
      @media (max-width: 30rem) {
        .bar {
          gap: 0.5rem;
        }
        .account span.who {
          display: none;
        }
        .account button {
          padding: 0.25rem 0.5rem;
        }
      }
    `,
  ];

  declare models: Models | null;
  private _lastView = '';
  private _stopListening: (() => void) | null = null;
  private readonly _provide = [
    this._provider(sessionContext, (m) => m.session),
    this._provider(routerContext, (m) => m.router),
    this._provider(inboxContext, (m) => m.inbox),
    this._provider(followsContext, (m) => m.follows),
    this._provider(alertsContext, (m) => m.alerts),
    this._provider(foldersContext, (m) => m.folders),
    this._provider(sharingContext, (m) => m.sharing),
  ];

  constructor() {
    super();
    this.models = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    // Same-origin links anywhere in the app (inner shadow roots too) change the route in place.
    this.addEventListener('click', (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
      if (event.shiftKey || event.altKey) return;
      const link = event
        .composedPath()
        .find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
      if (!link || link.target || link.origin !== location.origin) return;
      event.preventDefault();
      this.models?.router.navigate(parseRoute(link.pathname));
    });
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    const models = this.models;
    if (!changed.has('models') || !models) return;
    for (const provide of this._provide) provide(models);
    // The shell shows who is signed in, the route, the unread count and what just arrived.
    this._stopListening?.();
    const stops = [models.session, models.router, models.inbox].map((m) =>
      m.listen({ change: () => this.requestUpdate() }),
    );
    this._stopListening = () => stops.forEach((stop) => stop());
  }

  override updated() {
    const m = this.models;
    if (!m || m.session.phase === 'starting') return;
    const view = `${m.session.phase}:${m.router.route.view}`;
    // After moving to another screen, put keyboard and screen reader focus at its start.
    if (this._lastView && this._lastView !== view) {
      this.renderRoot.querySelector<HTMLElement>('main')?.focus();
    }
    this._lastView = view;
  }

  override render() {
    const m = this.models;
    if (!m || m.session.phase === 'starting') {
      return html`<p class="visually-hidden">Opening Cubby…</p>`;
    }
    const { session, router, inbox } = m;
    const signedIn = session.phase === 'signed-in';
    return html`
      <a class="skip" href="#main" @click=${this._skip}>Skip to content</a>
      <header>
        <div class="bar">
          <a class="brand" href="/"
            ><img src="/icons/icon-192.png" alt="" width="32" height="32" />Cubby</a
          >
          ${
            signedIn
              ? html`<connection-status .status=${session.status}></connection-status>
                  <sync-status></sync-status>
                  <div class="account">
                    <span class="who"
                      >Signed in as <strong>${session.account?.username}</strong></span
                    >
                    <button @click=${() => void session.signOut()}>Sign out</button>
                  </div>`
              : nothing
          }
        </div>
        ${signedIn ? this._nav(router.route.view, inbox.unread) : nothing}
      </header>
      <main id="main" tabindex="-1">
        <update-banner .reloadNow=${session.updateReady}></update-banner>
        ${
          session.notice
            ? html`<div class="card notice ${session.notice.tone}" role="status">
                <p>${session.notice.text}</p>
                <button @click=${() => void session.dismissNotice()}>Dismiss</button>
              </div>`
            : nothing
        }
        ${this._screen(router.route)}
      </main>
      ${signedIn ? html`<undo-toasts></undo-toasts>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${inbox.announcement}</div>
    `;
  }

  private _nav(view: Route['view'], unread: number) {
    return html`<nav aria-label="Main">
      <a href="/" aria-current=${view === 'files' ? 'page' : nothing}>Files</a>
      <a href="/inbox" aria-current=${view === 'inbox' ? 'page' : nothing}
        >Inbox${
          unread > 0
            ? html`<span class="badge" aria-label="${unread} unread">${unread}</span>`
            : nothing
        }</a
      >
      <a href="/following" aria-current=${view === 'following' ? 'page' : nothing}>Following</a>
    </nav>`;
  }

  private _screen(route: Route) {
    switch (route.view) {
      case 'sign-in':
      case 'sign-up':
        return html`<account-form mode=${route.view}></account-form>`;
      case 'following':
        return html`
          <follow-list></follow-list>
          <alerts-card variant="settings"></alerts-card>
          <new-key-form></new-key-form>
          <publish-form></publish-form>
        `;
      case 'files':
        return html`<files-screen .route=${route}></files-screen>`;
      case 'inbox':
        return html`
          <alerts-card variant="offer"></alerts-card>
          <inbox-view></inbox-view>
        `;
    }
  }

  /** Provides one model to the components below, once the models are given. */
  private _provider<T>(context: Context<unknown, T>, pick: (models: Models) => T) {
    const provider = new ContextProvider(this, { context });
    return (models: Models) => provider.setValue(pick(models));
  }

  private _skip(event: Event) {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }
}
customElements.define('cubby-app', CubbyApp);
