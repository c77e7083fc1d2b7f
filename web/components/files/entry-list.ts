// <entry-list>: the entries of the folder shown, folders first, one <entry-row> each; a row is
// what is dragged (to move it), and a folder's row takes drops. The rows' `entry-action` events
// reach the file browser through it.
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { FolderEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { entryRowStyles } from '../../styles/entry-row-styles.ts';
import type { DropTarget, EntryDrag } from './entry-drag.ts';
import './entry-row.ts';

export class EntryList extends LitElement {
  static override properties = {
    entries: { attribute: false },
    label: {},
    editable: { type: Boolean },
    offline: { type: Boolean },
    dropTarget: { attribute: false },
    drag: { attribute: false },
    hrefOf: { attribute: false },
  };
  static override styles = [
    controlStyles,
    entryRowStyles,
    css`
      ul {
        display: block;
        border: 1px solid var(--c-border);
        border-radius: var(--radius);
        background: var(--c-surface);
      }
      li + li {
        border-top: 1px solid var(--c-border);
      }
      li.drop-into {
        background: var(--c-accent-soft);
        outline: 2px solid var(--c-accent);
        outline-offset: -2px;
      }
    `,
  ];

  declare entries: FolderEntry[];
  /** The folder's name, for the list's label. */
  declare label: string;
  declare editable: boolean;
  /** Whether sync is offline (uploads wait). */
  declare offline: boolean;
  declare dropTarget: DropTarget | null;
  /** The file browser's drag and drop. */
  declare drag: EntryDrag | null;
  /** The link of a folder. */
  declare hrefOf: (folderId: number) => string;

  constructor() {
    super();
    this.entries = [];
    this.label = '';
    this.editable = false;
    this.offline = false;
    this.dropTarget = null;
    this.drag = null;
    this.hrefOf = () => '/';
  }

  override render() {
    return html`<ul aria-label="Contents of ${this.label}">
      ${repeat(
        this.entries,
        // By name, not id: an entry made here gets the server's id once uploaded, and its row (and
        // the keyboard focus in it) should stay.
        (e) => e.name,
        (e) => this._row(e),
      )}
    </ul>`;
  }

  private _row(entry: FolderEntry) {
    const folder = entry.kind === 'folder';
    const drag = this.drag;
    return html`<li
      class=${this.dropTarget === entry.id ? 'drop-into' : ''}
      draggable=${this.editable ? 'true' : 'false'}
      @dragstart=${(e: DragEvent) => drag?.start(e, entry)}
      @dragend=${() => drag?.end()}
      @dragover=${folder ? (e: DragEvent) => drag?.over(e, entry.id) : nothing}
      @drop=${folder ? (e: DragEvent) => drag?.drop(e, entry.id) : nothing}
    >
      <entry-row
        .entry=${entry}
        href=${folder ? this.hrefOf(entry.id) : ''}
        ?editable=${this.editable}
        ?offline=${this.offline}
      ></entry-row>
    </li>`;
  }
}
customElements.define('entry-list', EntryList);
