// <folder-crumbs>: the path from the namespace's root to the folder shown, as links; an entry
// dragged onto one is moved there. The file browser shows it below the namespace's root.
import { LitElement, css, html } from 'lit';
import { controlStyles } from '../../styles/control-styles.ts';
import type { DropTarget, EntryDrag } from './entry-drag.ts';

export class FolderCrumbs extends LitElement {
  static override properties = {
    path: { attribute: false },
    dropTarget: { attribute: false },
    hrefOf: { attribute: false },
    drag: { attribute: false },
  };
  static override styles = [
    controlStyles,
    css`
      ol {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        font-size: 0.875rem;
      }
      li {
        display: flex;
        gap: 0.25rem;
        overflow-wrap: anywhere;
      }
      li + li::before {
        content: '/';
        color: var(--c-muted);
      }
      a {
        padding: 0.15rem 0.25rem;
        border-radius: 6px;
      }
      [aria-current] {
        padding: 0.15rem 0.25rem;
        font-weight: 600;
      }
    `,
  ];

  /** From the root to the folder shown. */
  declare path: { id: number; name: string }[];
  declare dropTarget: DropTarget | null;
  /** The link of a folder. */
  declare hrefOf: (folderId: number) => string;
  /** The file browser's drag and drop. */
  declare drag: EntryDrag | null;

  constructor() {
    super();
    this.path = [];
    this.dropTarget = null;
    this.hrefOf = () => '/';
    this.drag = null;
  }

  override render() {
    const path = this.path;
    return html`<nav aria-label="Folder path">
      <ol>
        ${path.map((p, i) =>
          i === path.length - 1
            ? html`<li><span aria-current="page">${p.name}</span></li>`
            : html`<li>
                <a
                  href=${this.hrefOf(p.id)}
                  class=${this.dropTarget === p.id ? 'drop-into' : ''}
                  @dragover=${(e: DragEvent) => this.drag?.over(e, p.id)}
                  @drop=${(e: DragEvent) => this.drag?.drop(e, p.id)}
                  >${p.name}</a
                >
              </li>`,
        )}
      </ol>
    </nav>`;
  }
}
customElements.define('folder-crumbs', FolderCrumbs);
