// <publish-form>: sends a notification to everyone following a key this person may publish to.
import { LitElement, html, nothing } from 'lit';
import { followsContext } from '../app/contexts.ts';
import { controlStyles } from '../styles/control-styles.ts';
import { ActionStatus } from './action-status.ts';
import { ModelConsumer } from './model-consumer.ts';
import { submittedForm } from './submitted-form.ts';

export class PublishForm extends LitElement {
  static override styles = [controlStyles];

  private readonly _follows = new ModelConsumer(this, followsContext);
  private readonly _action = new ActionStatus(this);

  override render() {
    const keys = this._follows.value.keys.filter((k) => k.rights.includes('publish'));
    if (keys.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="publish-title">
      <h2 id="publish-title">Send a notification</h2>
      <form @submit=${this._submit}>
        <div class="field">
          <label for="publish-key">To key</label>
          <select id="publish-key" name="key" required>
            ${keys.map((k) => html`<option value=${k.key}>${k.key}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="title">Title</label>
          <input id="title" name="title" required maxlength="200" />
        </div>
        <div class="field">
          <label for="message">Message <span class="hint">(optional)</span></label>
          <input id="message" name="body" maxlength="1000" />
        </div>
        ${this._action.errorLine()} ${this._action.statusLine()}
        <button class="primary" type="submit" ?disabled=${this._action.isBusy()}>Send</button>
      </form>
    </section>`;
  }

  private async _submit(event: SubmitEvent) {
    const { form, text } = submittedForm(event);
    const body = text('body');
    await this._action.run(async () => {
      const answer = await this._follows.value.publish({
        key: text('key'),
        command: 'NOTE',
        title: text('title'),
        ...(body ? { body } : {}),
      });
      (form.elements.namedItem('title') as HTMLInputElement).value = '';
      (form.elements.namedItem('body') as HTMLInputElement).value = '';
      const { live, offline } = answer.recipients;
      return `Sent: ${live} ${live === 1 ? 'browser' : 'browsers'} live, ${offline} away.`;
    });
  }
}
customElements.define('publish-form', PublishForm);
