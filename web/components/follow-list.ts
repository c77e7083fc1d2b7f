// <follow-list>: every key this person may follow, with this browser's choice for each: Alert (a
// notification), Silent (the inbox only) or Off (not received here).
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { followsContext } from '../app/contexts.ts';
import type { FollowMode } from '../common/db/schema.ts';
import { controlStyles } from '../styles/control-styles.ts';
import { ModelConsumer } from './model-consumer.ts';

const modes: { mode: FollowMode; label: string; hint: string }[] = [
  { mode: 'alert', label: 'Alert', hint: 'inbox and a notification' },
  { mode: 'silent', label: 'Silent', hint: 'inbox only' },
  { mode: 'off', label: 'Off', hint: 'not received here' },
];

export class FollowList extends LitElement {
  static override properties = { _errors: { state: true } };
  static override styles = [
    controlStyles,
    css`
      fieldset {
        margin: 0;
        border: 1px solid var(--c-border);
        border-radius: var(--radius);
        background: var(--c-surface);
        padding: 0.75rem 1rem;
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 0.5rem 1rem;
        align-items: center;
      }
      legend {
        float: left;
        padding: 0;
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .about {
        grid-column: 1;
        margin: 0;
        color: var(--c-muted);
        font-size: 0.875rem;
        overflow-wrap: anywhere;
      }
      .choices {
        grid-column: 2;
        grid-row: 1 / span 2;
        display: flex;
        border: 1px solid var(--c-border);
        border-radius: var(--radius);
        overflow: hidden;
      }
      .choices label {
        margin: 0;
        font-weight: 500;
        display: flex;
        align-items: center;
        gap: 0.35rem;
        padding: 0.45rem 0.75rem;
        min-height: 2.75rem;
        cursor: pointer;
      }
      .choices label + label {
        border-left: 1px solid var(--c-border);
      }
      .choices label:has(input:checked) {
        background: var(--c-accent);
        color: var(--c-accent-text);
      }
      .choices label:has(input:focus-visible) {
        outline: 3px solid var(--c-focus);
        outline-offset: -3px;
      }
      .choices input {
        width: auto;
        min-height: auto;
        margin: 0;
        accent-color: var(--c-accent-text);
      }
      .key-error {
        grid-column: 1 / -1;
        margin: 0;
      }
      @media (max-width: 34rem) {
        fieldset {
          grid-template-columns: minmax(0, 1fr);
        }
        .choices {
          grid-column: 1;
          grid-row: auto;
          justify-self: start;
        }
      }
    `,
  ];

  /** What failed for each key, by key. */
  declare private _errors: Map<string, string>;
  private readonly _follows = new ModelConsumer(this, followsContext);

  constructor() {
    super();
    this._errors = new Map();
  }

  override render() {
    return html`<section aria-labelledby="follow-title">
      <h2 id="follow-title">What this browser follows</h2>
      <p class="hint">
        Alert: in the inbox and as a notification. Silent: in the inbox only. Off: not received on
        this browser.
      </p>
      ${this._body()}
    </section>`;
  }

  private _body() {
    const follows = this._follows.value;
    if (follows.state === 'error') {
      return html`<div class="error" role="alert">
        <p>${follows.error}</p>
        <button @click=${() => follows.retry()}>Try again</button>
      </div>`;
    }
    const keys = follows.keys;
    if (follows.state === 'loading' && keys.length === 0) return html`<p>Loading keys…</p>`;
    if (keys.length === 0) {
      return html`<p>
        No keys to follow yet. Create one below, or ask someone to share a folder or chat with you.
      </p>`;
    }
    return html`<ul aria-label="Keys you can follow">
      ${repeat(
        keys,
        (k) => k.key,
        (k) =>
          html`<li>
            <fieldset>
              <legend>${k.key}</legend>
              <p class="about">
                ${k.description ? html`${k.description} · ` : nothing}owner
                ${k.owner}${k.push === 'alert' ? '' : ' · no alerts while away (the owner turned them off)'}
              </p>
              <div class="choices">
                ${modes.map(
                  (m) =>
                    html`<label title=${m.hint}
                      ><input
                        type="radio"
                        name="mode-${k.key}"
                        value=${m.mode}
                        .checked=${k.mode === m.mode}
                        @change=${() => this._choose(k.key, m.mode)}
                      />${m.label}</label
                    >`,
                )}
              </div>
              ${
                this._errors.get(k.key)
                  ? html`<p class="error key-error" role="alert">${this._errors.get(k.key)}</p>`
                  : nothing
              }
            </fieldset>
          </li>`,
      )}
    </ul>`;
  }

  private async _choose(key: string, mode: FollowMode) {
    const errors = new Map(this._errors);
    errors.delete(key);
    this._errors = errors;
    try {
      await this._follows.value.setFollow(key, mode);
    } catch (err) {
      // Rendered again, the radios go back to the saved choice.
      this._errors = new Map(this._errors).set(key, (err as Error).message);
    }
  }
}
customElements.define('follow-list', FollowList);
