// A Lit reactive controller for drag and drop in the file browser: entries dragged onto a folder
// listed or a breadcrumb (moved), files and folders dropped from the computer (added), and where a
// drop would land, for the component to mark. Files dropped beside the drop zone must not make the
// browser leave Cubby to show them, so those drops are refused while the component is on the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { carriesFiles, filesFromDrop, type FileToAdd } from '../../app/dropped-files.ts';
import type { FolderEntry } from '../../common/sync-client/sync-api.ts';

/** The drag data of an entry moved within Cubby. */
const entryDragType = 'application/x-cubby-entry';

/** An entry dragged within Cubby, as its drag data says. */
export interface DraggedEntry {
  namespaceId: string;
  id: number;
  name: string;
}

/** Where a drag would drop: the folder shown (`'here'`), or a folder listed or a breadcrumb (its id). */
export type DropTarget = 'here' | number;

export interface EntryDragHandlers {
  /** Whether the folder shown may change (an editor's or the owner's). */
  editable(): boolean;
  namespaceId(): string;
  /** Files dropped from the computer, to add under `parentId`. */
  add(parentId: number, files: Promise<FileToAdd[]>): void;
  /** An entry dropped on a folder. */
  move(entry: DraggedEntry, parentId: number): void;
}

export class EntryDrag implements ReactiveController {
  /** Where the drag in progress would drop (null: nowhere, or no drag). */
  target: DropTarget | null = null;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _handlers: EntryDragHandlers,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    addEventListener('dragover', this._refuseStrayDrop);
    addEventListener('drop', this._refuseStrayDrop);
  }

  hostDisconnected(): void {
    removeEventListener('dragover', this._refuseStrayDrop);
    removeEventListener('drop', this._refuseStrayDrop);
  }

  start(event: DragEvent, entry: FolderEntry): void {
    if (!this._handlers.editable() || !event.dataTransfer) return;
    const dragged: DraggedEntry = {
      namespaceId: this._handlers.namespaceId(),
      id: entry.id,
      name: entry.name,
    };
    event.dataTransfer.setData(entryDragType, JSON.stringify(dragged));
    event.dataTransfer.setData('text/plain', entry.name);
    event.dataTransfer.effectAllowed = 'move';
  }

  end(): void {
    this._setTarget(null);
  }

  over(event: DragEvent, target: DropTarget): void {
    const transfer = event.dataTransfer;
    const files = carriesFiles(transfer);
    const entry = transfer?.types.includes(entryDragType) ?? false;
    // An entry dropped on the folder it is in already changes nothing.
    if (!this._handlers.editable() || (!files && !(entry && target !== 'here'))) return;
    event.preventDefault();
    event.stopPropagation();
    if (transfer) transfer.dropEffect = files ? 'copy' : 'move';
    this._setTarget(target);
  }

  /** The drag left the drop zone `event.currentTarget` (not only for one of its children). */
  leave(event: DragEvent): void {
    const zone = event.currentTarget as HTMLElement;
    if (!zone.contains(event.relatedTarget as Node | null)) this._setTarget(null);
  }

  drop(event: DragEvent, parentId: number): void {
    const transfer = event.dataTransfer;
    this._setTarget(null);
    if (!transfer || !this._handlers.editable()) return;
    event.preventDefault();
    event.stopPropagation();
    const moved = transfer.getData(entryDragType);
    if (moved) {
      this._handlers.move(JSON.parse(moved) as DraggedEntry, parentId);
      return;
    }
    // Read the items now: they are gone once this handler returns.
    if (carriesFiles(transfer)) this._handlers.add(parentId, filesFromDrop(transfer));
  }

  private _setTarget(target: DropTarget | null): void {
    if (target === this.target) return;
    this.target = target;
    this._host.requestUpdate();
  }

  private readonly _refuseStrayDrop = (event: DragEvent) => {
    if (carriesFiles(event.dataTransfer)) event.preventDefault();
  };
}
