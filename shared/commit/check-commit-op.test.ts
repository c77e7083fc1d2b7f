import { describe, expect, it } from 'vitest';
import type { CommitOp } from '../api/content.ts';
import { TreeStore } from '../tree/index.ts';
import { checkCommitOp, type CommitCheckOptions } from './check-commit-op.ts';
import { emptySha256 } from './empty-sha256.ts';

const ROOT = 1;
const uploaded = 'a'.repeat(64);
const elsewhere = 'b'.repeat(64);

/** root ─┬ docs (10, rev 2) ── inner (11) ─ note.txt (12)
 *        ├ Café.txt (20, rev 3)
 *        └ "trail " (21) */
function tree(): TreeStore {
  const t = new TreeStore({ rootId: ROOT });
  t.add({ id: 10, parent: ROOT, name: 'docs', kind: 'folder', rev: 2 });
  t.add({ id: 11, parent: 10, name: 'inner', kind: 'folder', rev: 1 });
  t.add({ id: 12, parent: 11, name: 'note.txt', kind: 'file', rev: 1 });
  t.add({ id: 20, parent: ROOT, name: 'Caf\u00e9.txt', kind: 'file', rev: 3 });
  t.add({ id: 21, parent: ROOT, name: 'trail ', kind: 'folder', rev: 1 });
  return t;
}

const options: CommitCheckOptions = {
  caseSensitive: false,
  hasContent: (hash, size) => hash === uploaded && size === 5,
};
const codeOf = (op: CommitOp, o: CommitCheckOptions = options, t = tree()) =>
  checkCommitOp(t, op, o)?.code ?? null;
const add = (name: string, parentId = ROOT): CommitOp => ({
  op: 'add',
  parentId,
  name,
  kind: 'dir',
});

describe('checkCommitOp', () => {
  it('accepts valid ops of every kind', () => {
    expect(codeOf(add('new'))).toBeNull();
    expect(
      codeOf({ op: 'add', parentId: 11, name: 'x', kind: 'file', size: 5, hash: uploaded }),
    ).toBeNull();
    expect(codeOf({ op: 'edit', id: 20, rev: 3, size: 5, hash: uploaded })).toBeNull();
    expect(codeOf({ op: 'move', id: 12, rev: 1, parentId: ROOT, name: 'moved' })).toBeNull();
    expect(codeOf({ op: 'delete', id: 10, rev: 2 })).toBeNull();
  });

  it('answers parent_missing and not_a_dir for the folder an op goes into', () => {
    expect(checkCommitOp(tree(), add('x', 999), options)).toEqual({
      code: 'parent_missing',
      message: 'The folder 999 does not exist (any more).',
    });
    expect(checkCommitOp(tree(), add('x', 20), options)).toEqual({
      code: 'not_a_dir',
      message: '"Caf\u00e9.txt" is a file, not a folder.',
    });
    expect(codeOf({ op: 'move', id: 12, rev: 1, parentId: 20 })).toBe('not_a_dir');
    expect(codeOf({ op: 'move', id: 12, rev: 1, parentId: 999 })).toBe('parent_missing');
  });

  it('answers not_a_dir, with its own message, for an edit of a folder', () => {
    expect(
      checkCommitOp(tree(), { op: 'edit', id: 10, rev: 2, size: 5, hash: uploaded }, options),
    ).toEqual({
      code: 'not_a_dir',
      message: 'Only files have content to edit.',
    });
  });

  it('answers invalid_name for the names normalizeName refuses, without trimming any', () => {
    for (const name of ['', '.', '..', 'a/b', 'a\0b', '\ud800', 'x'.repeat(256)]) {
      expect(codeOf(add(name)), JSON.stringify(name)).toBe('invalid_name');
      expect(codeOf({ op: 'move', id: 12, rev: 1, name })).toBe('invalid_name');
    }
    expect(checkCommitOp(tree(), add(''), options)?.message).toBe('A name cannot be empty.');
    expect(codeOf(add('x'.repeat(255)))).toBeNull();
    // Spaces are part of the name: " " is a name, and "trail" is not "trail ".
    expect(codeOf(add(' '))).toBeNull();
    expect(codeOf(add('trail'))).toBeNull();
    expect(codeOf(add('trail '))).toBe('name_taken');
  });

  it('answers name_taken for case and normalization twins, unless case-sensitive', () => {
    expect(checkCommitOp(tree(), add('DOCS'), options)).toEqual({
      code: 'name_taken',
      message: 'That folder already has an item of that name.',
    });
    expect(codeOf(add('Cafe\u0301.txt'))).toBe('name_taken');
    expect(codeOf(add('CAFE\u0301.TXT'))).toBe('name_taken');
    const exact = { ...options, caseSensitive: true };
    expect(codeOf(add('DOCS'), exact)).toBeNull();
    expect(codeOf(add('Cafe\u0301.txt'), exact)).toBe('name_taken');
    expect(codeOf(add('docs', 10), exact)).toBeNull();
  });

  it('lets a node keep or recase its own name, but not take a sibling’s', () => {
    expect(codeOf({ op: 'move', id: 10, rev: 2, name: 'DOCS' })).toBeNull();
    expect(codeOf({ op: 'move', id: 10, rev: 2 })).toBeNull();
    expect(codeOf({ op: 'move', id: 10, rev: 2, name: 'caf\u00e9.TXT' })).toBe('name_taken');
    expect(codeOf({ op: 'move', id: 12, rev: 1, parentId: ROOT, name: 'Docs' })).toBe('name_taken');
  });

  it('asks the name holder port when given one, with the folded key', () => {
    const asked: [number, string][] = [];
    const port: CommitCheckOptions = {
      ...options,
      nameHolder: (parentId, key) => {
        asked.push([parentId, key]);
        return key === 'taken' ? 99 : undefined;
      },
    };
    expect(codeOf(add('TAKEN'), port)).toBe('name_taken');
    expect(codeOf(add('docs'), port)).toBeNull();
    expect(asked).toEqual([
      [ROOT, 'taken'],
      [ROOT, 'docs'],
    ]);
  });

  it('answers cycle for a move into the node itself or its subtree', () => {
    expect(checkCommitOp(tree(), { op: 'move', id: 10, rev: 2, parentId: 11 }, options)).toEqual({
      code: 'cycle',
      message: '"docs" cannot move into itself.',
    });
    expect(codeOf({ op: 'move', id: 10, rev: 2, parentId: 10 })).toBe('cycle');
    expect(codeOf({ op: 'move', id: 11, rev: 1, parentId: ROOT })).toBeNull();
  });

  it('answers not_found, rev_mismatch and forbidden for the node an op changes', () => {
    for (const op of [
      { op: 'edit', id: 404, rev: 1, size: 0, hash: emptySha256 },
      { op: 'move', id: 404, rev: 1, name: 'x' },
      { op: 'delete', id: 404, rev: 1 },
    ] as CommitOp[])
      expect(codeOf(op)).toBe('not_found');
    expect(checkCommitOp(tree(), { op: 'delete', id: 404, rev: 1 }, options)?.message).toBe(
      'There is no node 404 in this folder tree.',
    );
    expect(checkCommitOp(tree(), { op: 'delete', id: 20, rev: 2 }, options)).toEqual({
      code: 'rev_mismatch',
      message:
        '"Caf\u00e9.txt" changed meanwhile (revision 3, not 2); fetch the changes and try again.',
    });
    expect(codeOf({ op: 'move', id: 10, rev: 1, name: 'x' })).toBe('rev_mismatch');
    // The root stands at revision 1: the right one is forbidden, another is stale.
    expect(checkCommitOp(tree(), { op: 'delete', id: ROOT, rev: 1 }, options)).toEqual({
      code: 'forbidden',
      message: 'The root folder cannot be changed.',
    });
    expect(codeOf({ op: 'move', id: ROOT, rev: 1, name: 'x' })).toBe('forbidden');
    expect(codeOf({ op: 'delete', id: ROOT, rev: 2 })).toBe('rev_mismatch');
  });

  it('answers blob_missing for content the committer cannot use, never for the empty file', () => {
    expect(
      checkCommitOp(
        tree(),
        { op: 'add', parentId: ROOT, name: 'f', kind: 'file', size: 5, hash: elsewhere },
        options,
      ),
    ).toEqual({
      code: 'blob_missing',
      message:
        'Upload the file\u2019s bytes first (PUT /api/blobs/<sha256>), with the size given here.',
    });
    expect(
      codeOf({ op: 'add', parentId: ROOT, name: 'f', kind: 'file', size: 4, hash: uploaded }),
    ).toBe('blob_missing');
    expect(codeOf({ op: 'edit', id: 20, rev: 3, size: 6, hash: uploaded })).toBe('blob_missing');
    expect(codeOf({ op: 'add', parentId: ROOT, name: 'f', kind: 'file' })).toBeNull();
    expect(
      codeOf({ op: 'add', parentId: ROOT, name: 'f', kind: 'file', size: 0, hash: emptySha256 }),
    ).toBeNull();
    expect(codeOf({ op: 'edit', id: 20, rev: 3, size: 0, hash: emptySha256 })).toBeNull();
    // A folder has no content to check.
    expect(
      codeOf({ op: 'add', parentId: ROOT, name: 'd', kind: 'dir', size: 5, hash: elsewhere }),
    ).toBeNull();
  });

  it('checks in order: the first failing rule answers', () => {
    // Missing parent before a bad name, bad name before a taken one, taken before missing content.
    expect(codeOf(add('', 999))).toBe('parent_missing');
    expect(
      codeOf({ op: 'add', parentId: ROOT, name: 'DOCS', kind: 'file', size: 5, hash: elsewhere }),
    ).toBe('name_taken');
    // Stale revision before the folder-edit rule and the content.
    expect(codeOf({ op: 'edit', id: 10, rev: 1, size: 5, hash: elsewhere })).toBe('rev_mismatch');
    // Cycle before the name.
    expect(codeOf({ op: 'move', id: 10, rev: 2, parentId: 11, name: '' })).toBe('cycle');
  });

  it('does not change the tree', () => {
    const t = tree();
    const before = t.rootDiffValue;
    checkCommitOp(t, { op: 'move', id: 12, rev: 1, parentId: ROOT, name: 'moved' }, options);
    checkCommitOp(t, { op: 'delete', id: 10, rev: 2 }, options);
    expect(t.rootDiffValue).toBe(before);
    expect(t.size).toBe(6);
  });
});
