// <alerts-card>: turns on alerts while Cubby is closed (Web Push). Permission is asked only when the
// person clicks, after a sentence saying why; the offer variant can be put off with "Not now".
import { LitElement, css, html, nothing } from 'lit';
import type { AlertsState, CubbyController } from '../app/cubby-controller.ts';
import { controlStyles } from '../styles/control-styles.ts';

export class AlertsCard extends LitElement {
  static override properties = {
    controller: { attribute: false },
    state: {},
    error: {},
    variant: {},
    _busy: { state: true },
  };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .card {
        border-left: 4px solid var(--c-accent);
      }
      p:last-child {
        margin-bottom: 0;
      }
    `,
  ];

  declare controller: CubbyController;
  declare state: AlertsState;
  declare error: string;
  /** `offer` on the inbox (hidden unless offered); `settings` on the Following page. */
  declare variant: 'offer' | 'settings';
  declare private _busy: boolean;

  constructor() {
    super();
    this.state = 'unsupported';
    this.error = '';
    this.variant = 'settings';
    this._busy = false;
  }

  override render() {
    if (this.variant === 'offer' && this.state !== 'offer') return nothing;
    return html`<section class="card" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Alerts while Cubby is closed</h2>
      ${this._content()}
      <p class="error" role="alert">${this.error}</p>
    </section>`;
  }

  private _content() {
    switch (this.state) {
      case 'unsupported':
        return html`<p>
          This browser cannot show Cubby's alerts while Cubby is closed. Notifications still arrive
          in your inbox whenever Cubby is open.
        </p>`;
      case 'blocked':
        return html`<p>
          Notifications are blocked for Cubby in this browser. To get alerts, allow notifications
          for this site in the browser's site settings, then reload.
        </p>`;
      case 'on':
        return html`<p>
            Alerts are on for this browser: keys you set to Alert show a notification here even
            while Cubby is closed.
          </p>
          <button
            ?disabled=${this._busy}
            @click=${() => this._run(() => this.controller.disableAlerts())}
          >
            Turn off alerts
          </button>`;
      default:
        return html`<p>
            Cubby can tell you when something you follow changes — a shared file edited, an
            invitation, a message — even while no Cubby tab is open. Your browser will ask for
            permission to show notifications.
          </p>
          <div class="row">
            <button
              class="primary"
              ?disabled=${this._busy}
              @click=${() => this._run(() => this.controller.enableAlerts())}
            >
              Turn on alerts
            </button>
            ${
              this.variant === 'offer'
                ? html`<button
                    @click=${() => this._run(() => this.controller.dismissAlertsOffer())}
                  >
                    Not now
                  </button>`
                : nothing
            }
          </div>`;
    }
  }

  private async _run(work: () => Promise<void>) {
    this._busy = true;
    try {
      await work();
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this._busy = false;
    }
  }
}
customElements.define('alerts-card', AlertsCard);
