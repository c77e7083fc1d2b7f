// The commit rules: whether one op may be applied to a namespace's tree, and if not, why.
import type { CommitOp, OpErrorCode } from '../api/content.ts';
import { normalizeName } from '../tree/normalize-name.ts';
import { TreeError } from '../tree/tree-error.ts';
import type { TreeNode } from '../tree/tree-node.ts';
import type { TreeStore } from '../tree/tree-store.ts';
import { emptySha256 } from './empty-sha256.ts';
import { foldName } from './fold-name.ts';

/** Why an op was refused: a code of the contract and a sentence for a person. */
export interface OpRefusal {
  code: OpErrorCode;
  message: string;
}

/** What the check needs besides the tree: how names compare, and what the tree does not hold. */
export interface CommitCheckOptions {
  /** Names in a folder compare exactly (after NFC) rather than case-folded: CONTENT_CASE_SENSITIVE. */
  caseSensitive: boolean;
  /**
   * True when the committer may use content `hash` of `size` bytes: a blob of that size they
   * uploaded or can read. Never asked for the empty file, which needs no blob.
   */
  hasContent(hash: string, size: number): boolean;
  /**
   * The child of folder `parentId` whose folded name (see `foldName`) is `key`, if any. By default
   * a scan of the folder's children in the tree, O(children); the server answers from its
   * (parent, name key) index instead.
   */
  nameHolder?(parentId: number, key: string): number | undefined;
}

/**
 * The store creates every root at revision 1 and no op may change it; the tree engine keeps its
 * root at 0 (the root's own hash, and so every digest, has always been computed so).
 */
const ROOT_REV = 1;

/**
 * Checks `op` against `tree`, the namespace as it stands before the op (the server's in-memory tree,
 * or a client's mirror of it), without changing anything. Returns null when the op may be applied,
 * else the refusal the server answers with. The checks run in this order, the first failing one
 * answering:
 *
 * - add: the parent exists (`parent_missing`) and is a folder (`not_a_dir`); the name is valid
 *   (`invalid_name`, see `normalizeName`: NFC, never trimmed); no child of the parent folds to the
 *   same name (`name_taken`); a file's content is available (`blob_missing`).
 * - edit: the node exists (`not_found`), `op.rev` is its revision (`rev_mismatch`), it is not the
 *   root (`forbidden`), it is a file (`not_a_dir`: only files have content); content as for add.
 * - move: node, rev and root as for edit; the target folder (`op.parentId`, default the current one)
 *   as for add; the target is not the node or inside it (`cycle`); the name (`op.name`, default the
 *   current one) valid and free in the target, the node itself apart.
 * - delete: node, rev and root as for edit.
 *
 * Ids are the tree's: `op.id` and `op.parentId` must be nodes of this namespace. Pure: the same
 * tree, op and options give the same answer on every side.
 *
 * A client checking its own edit first makes the op the server would get: `rev` the node's
 * revision in its tree, the name as the person typed it (trim it there if the UI trims; the rule
 * does not), and `hasContent: () => true` for bytes it holds itself. The signature is stable: the
 * sync worker calls it too.
 */
export function checkCommitOp(
  tree: TreeStore,
  op: CommitOp,
  options: CommitCheckOptions,
): OpRefusal | null {
  try {
    switch (op.op) {
      case 'add': {
        _folder(tree, op.parentId);
        _freeName(tree, op.parentId, op.name, options);
        if (op.kind === 'file') _content(op.size ?? 0, op.hash ?? emptySha256, options);
        return null;
      }
      case 'edit': {
        const node = _changeable(tree, op.id, op.rev);
        if (node.kind !== 'file') _refuse('not_a_dir', 'Only files have content to edit.');
        _content(op.size, op.hash, options);
        return null;
      }
      case 'move': {
        const node = _changeable(tree, op.id, op.rev);
        const parentId = op.parentId ?? node.parent!;
        _folder(tree, parentId);
        // Into its own subtree would make a cycle: walk up from the new parent.
        for (let at: number | null = parentId; at !== null; at = tree.get(at)?.parent ?? null) {
          if (at === op.id) _refuse('cycle', `"${node.name}" cannot move into itself.`);
        }
        _freeName(tree, parentId, op.name ?? node.name, options, op.id);
        return null;
      }
      case 'delete': {
        _changeable(tree, op.id, op.rev);
        return null;
      }
      default:
        throw new Error(`unknown op ${(op as { op: string }).op}`);
    }
  } catch (err) {
    if (err instanceof _Refused) return { code: err.code, message: err.message };
    throw err;
  }
}

/** Thrown by the checks below, caught by `checkCommitOp`: the first refusal ends the check. */
class _Refused extends Error {
  constructor(
    readonly code: OpErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function _refuse(code: OpErrorCode, message: string): never {
  throw new _Refused(code, message);
}

/** The node `id` at revision `rev`, and not the root. */
function _changeable(tree: TreeStore, id: number, rev: number): TreeNode {
  const node = tree.get(id);
  if (!node) _refuse('not_found', `There is no node ${id} in this folder tree.`);
  const current = node.parent === null ? ROOT_REV : node.rev;
  if (current !== rev) {
    _refuse(
      'rev_mismatch',
      `"${node.name}" changed meanwhile (revision ${current}, not ${rev}); fetch the changes and try again.`,
    );
  }
  if (node.parent === null) _refuse('forbidden', 'The root folder cannot be changed.');
  return node;
}

function _folder(tree: TreeStore, id: number): void {
  const node = tree.get(id);
  if (!node) _refuse('parent_missing', `The folder ${id} does not exist (any more).`);
  if (node.kind !== 'folder') _refuse('not_a_dir', `"${node.name}" is a file, not a folder.`);
}

/** `raw` is a valid name no child of `parentId` but `self` holds, case and normalization folded. */
function _freeName(
  tree: TreeStore,
  parentId: number,
  raw: string,
  options: CommitCheckOptions,
  self?: number,
): void {
  let name: string;
  try {
    name = normalizeName(raw);
  } catch (err) {
    if (err instanceof TreeError) _refuse('invalid_name', err.message);
    throw err;
  }
  const key = foldName(name, options.caseSensitive);
  const holder = options.nameHolder
    ? options.nameHolder(parentId, key)
    : _scanForHolder(tree, parentId, key, options.caseSensitive);
  if (holder !== undefined && holder !== self) {
    _refuse('name_taken', 'That folder already has an item of that name.');
  }
}

function _scanForHolder(
  tree: TreeStore,
  parentId: number,
  key: string,
  caseSensitive: boolean,
): number | undefined {
  // Case-sensitive keys are the NFC names the tree interns: compared as integers, nothing decoded.
  if (caseSensitive) return tree.childByName(parentId, key);
  return tree.children(parentId).find((c) => foldName(tree.nameOf(c)) === key);
}

function _content(size: number, hash: string, options: CommitCheckOptions): void {
  if (hash === emptySha256 && size === 0) return;
  if (!options.hasContent(hash, size)) {
    _refuse(
      'blob_missing',
      'Upload the file\u2019s bytes first (PUT /api/blobs/<sha256>), with the size given here.',
    );
  }
}
