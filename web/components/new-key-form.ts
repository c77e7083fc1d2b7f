// <new-key-form>: creates a notification key (a folder, a chat, anything people can follow).
import { LitElement, css, html } from 'lit';
import { followsContext } from '../app/contexts.ts';
import { controlStyles } from '../styles/control-styles.ts';
import { ActionStatus } from './action-status.ts';
import { ModelConsumer } from './model-consumer.ts';
import { submittedForm } from './submitted-form.ts';

export class NewKeyForm extends LitElement {
  static override styles = [
    controlStyles,
    css`
      .check {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 500;
      }
      .check input {
        width: 1.25rem;
        min-height: 1.25rem;
      }
    `,
  ];

  private readonly _follows = new ModelConsumer(this, followsContext, {});
  private readonly _action = new ActionStatus(this);

  override render() {
    return html`<section class="card" aria-labelledby="new-key-title">
      <h2 id="new-key-title">Create a key</h2>
      <form @submit=${this._submit}>
        <div class="field">
          <label for="key">New key</label>
          <input
            id="key"
            name="key"
            required
            maxlength="200"
            autocapitalize="none"
            spellcheck="false"
            placeholder="folder:team"
            aria-describedby="key-hint"
          />
          <span class="hint" id="key-hint"
            >A type and a name, such as folder:team or chat:lobby:messages.</span
          >
        </div>
        <div class="field">
          <label for="description">Description <span class="hint">(optional)</span></label>
          <input id="description" name="description" maxlength="500" />
        </div>
        <div class="field">
          <label class="check"
            ><input type="checkbox" name="push" checked />Alert followers who are away</label
          >
        </div>
        ${this._action.errorLine()} ${this._action.statusLine()}
        <button class="primary" type="submit" ?disabled=${this._action.isBusy()}>Create key</button>
      </form>
    </section>`;
  }

  private async _submit(event: SubmitEvent) {
    const { form, text, has } = submittedForm(event);
    const key = text('key');
    const description = text('description');
    await this._action.run(async () => {
      await this._follows.value.defineKey({
        key,
        ...(description ? { description } : {}),
        push: has('push') ? 'alert' : 'none',
      });
      form.reset();
      return `Created ${key}. Choose Alert or Silent for it above to follow it here.`;
    });
  }
}
customElements.define('new-key-form', NewKeyForm);
