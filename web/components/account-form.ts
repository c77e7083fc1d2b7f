// <account-form>: sign in or create an account; errors in plain words, said by screen readers.
import { LitElement, css, html, nothing } from 'lit';
import { sessionContext } from '../app/contexts.ts';
import { controlStyles } from '../styles/control-styles.ts';
import { ActionStatus } from './action-status.ts';
import { ModelConsumer } from './model-consumer.ts';
import { submittedForm } from './submitted-form.ts';

export class AccountForm extends LitElement {
  static override properties = { mode: {} };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        max-width: 26rem;
        margin: 1.5rem auto;
      }
      .switch {
        margin: 1rem 0 0;
      }
      button.primary {
        width: 100%;
      }
    `,
  ];

  declare mode: 'sign-in' | 'sign-up';
  private readonly _session = new ModelConsumer(this, sessionContext, {});
  private readonly _action = new ActionStatus(this);

  constructor() {
    super();
    this.mode = 'sign-in';
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('mode')) this._action.clear();
  }

  override render() {
    const signUp = this.mode === 'sign-up';
    return html`
      <section class="card" aria-labelledby="account-title">
        <h2 id="account-title">${signUp ? 'Create your Cubby account' : 'Sign in to Cubby'}</h2>
        <form @submit=${this._submit}>
          <div class="field">
            <label for="username">Username</label>
            <input
              id="username"
              name="username"
              autocomplete="username"
              autocapitalize="none"
              spellcheck="false"
              required
              maxlength="32"
              aria-describedby=${signUp ? 'username-hint' : nothing}
            />
            ${
              signUp
                ? html`<span class="hint" id="username-hint"
                    >3 to 32 letters, digits, dots, dashes or underscores.</span
                  >`
                : nothing
            }
          </div>
          <div class="field">
            <label for="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete=${signUp ? 'new-password' : 'current-password'}
              required
              minlength=${signUp ? 8 : nothing}
              maxlength="256"
              aria-describedby=${signUp ? 'password-hint' : nothing}
            />
            ${
              signUp
                ? html`<span class="hint" id="password-hint">At least 8 characters.</span>`
                : nothing
            }
          </div>
          ${this._action.errorLine()}
          <button class="primary" type="submit" ?disabled=${this._action.isBusy()}>
            ${signUp ? 'Create account' : 'Sign in'}
          </button>
        </form>
        <p class="switch">
          ${
            signUp
              ? html`Already have an account? <a href="/sign-in">Sign in</a>`
              : html`New to Cubby? <a href="/sign-up">Create an account</a>`
          }
        </p>
      </section>
    `;
  }

  private async _submit(event: SubmitEvent) {
    const form = submittedForm(event);
    await this._action.run(() =>
      this._session.value.signIn(this.mode, {
        username: form.text('username'),
        password: form.value('password'),
      }),
    );
  }
}
customElements.define('account-form', AccountForm);
