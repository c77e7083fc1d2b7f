// <connection-status>: live, catching up, or offline, as a polite status for screen readers.
import { LitElement, css, html } from 'lit';
import type { LinkStatus } from '../common/live/link-state.ts';
import { controlStyles } from '../styles/control-styles.ts';

const labels: Record<LinkStatus, string> = {
  live: 'Live',
  'catching-up': 'Catching up…',
  offline: 'Offline',
};

export class ConnectionStatus extends LitElement {
  static override properties = { status: {} };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: inline-flex;
      }
      span[role='status'] {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        font-size: 0.875rem;
        font-weight: 600;
        padding: 0.2rem 0.6rem;
        border-radius: 999px;
        border: 1px solid currentColor;
        white-space: nowrap;
      }
      .live {
        color: var(--c-live);
      }
      .catching-up {
        color: var(--c-warn);
      }
      .offline {
        color: var(--c-muted);
      }
      .dot {
        width: 0.55rem;
        height: 0.55rem;
        border-radius: 50%;
        background: currentColor;
      }
      .offline .dot {
        background: none;
        border: 2px solid currentColor;
      }
    `,
  ];

  declare status: LinkStatus;

  constructor() {
    super();
    this.status = 'offline';
  }

  override render() {
    return html`<span role="status" class=${this.status}
      ><span class="dot" aria-hidden="true"></span
      ><span class="visually-hidden">Connection: </span>${labels[this.status]}</span
    >`;
  }
}
customElements.define('connection-status', ConnectionStatus);
