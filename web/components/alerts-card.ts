// <alerts-card>: turns on alerts while Cubby is closed (Web Push). Permission is asked only when the
// person clicks, after a sentence saying why; the offer variant can be put off with "Not now".
import { LitElement, css, html, nothing } from 'lit';
import { alertsContext } from '../app/contexts.ts';
import { controlStyles } from '../styles/control-styles.ts';
import { ActionStatus } from './action-status.ts';
import { ModelConsumer } from './model-consumer.ts';

export class AlertsCard extends LitElement {
  static override properties = { variant: {} };
  static override styles = [
    controlStyles,
    css`
      .card {
        border-left: 4px solid var(--c-accent);
      }
      p:last-child {
        margin-bottom: 0;
      }
    `,
  ];

  /** `offer` on the inbox (hidden unless offered); `settings` on the Following page. */
  declare variant: 'offer' | 'settings';
  private readonly _alerts = new ModelConsumer(this, alertsContext);
  private readonly _action = new ActionStatus(this);

  constructor() {
    super();
    this.variant = 'settings';
  }

  override render() {
    const alerts = this._alerts.value;
    if (this.variant === 'offer' && alerts.state !== 'offer') return nothing;
    return html`<section class="card" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Alerts while Cubby is closed</h2>
      ${this._content()}
      <p class="error" role="alert">${this._action.error || alerts.error}</p>
    </section>`;
  }

  private _content() {
    const alerts = this._alerts.value;
    const busy = this._action.isBusy();
    switch (alerts.state) {
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
          <button ?disabled=${busy} @click=${() => this._action.run(() => alerts.disable())}>
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
              ?disabled=${busy}
              @click=${() => this._action.run(() => alerts.enable())}
            >
              Turn on alerts
            </button>
            ${
              this.variant === 'offer'
                ? html`<button @click=${() => this._action.run(() => alerts.dismissOffer())}>
                    Not now
                  </button>`
                : nothing
            }
          </div>`;
    }
  }
}
customElements.define('alerts-card', AlertsCard);
