import { describe, expect, it } from 'vitest';
import type { ContentNode } from '../../shared/api/content.ts';
import { parseHashKey, TreeStore } from '../../shared/tree/index.ts';
import { applyJournalEntry } from './apply-journal-entry.ts';

const hash = (c: string) => c.repeat(64);
const node = (over: Partial<ContentNode> & { id: number }): ContentNode => ({
  parentId: 1,
  name: `n${over.id}`,
  kind: 'file',
  size: 10,
  hash: hash('a'),
  rev: 1,
  mtime: 1_700_000_000_123,
  ...over,
});

function tree() {
  return new TreeStore({ rootId: 1, key: parseHashKey('0123456789abcdef0123456789abcdef') });
}

describe('applyJournalEntry', () => {
  it('adds, edits, moves and deletes as the journal says, mtime in seconds', () => {
    const t = tree();
    applyJournalEntry(t, { op: 'add', node: node({ id: 2, kind: 'dir', size: 0, hash: '' }) });
    applyJournalEntry(t, { op: 'add', node: node({ id: 3 }) });
    expect(t.get(3)).toMatchObject({ parent: 1, name: 'n3', mtime: 1_700_000_000, rev: 1 });
    applyJournalEntry(t, { op: 'edit', node: node({ id: 3, size: 99, hash: hash('b'), rev: 2 }) });
    expect(t.get(3)).toMatchObject({ size: 99, contentHash: 'b'.repeat(16), rev: 2 });
    applyJournalEntry(t, { op: 'move', node: node({ id: 3, parentId: 2, name: 'x', rev: 3 }) });
    expect(t.pathOf(3)).toBe('n2/x');
    applyJournalEntry(t, { op: 'delete', node: node({ id: 2, kind: 'dir', size: 0, hash: '' }) });
    expect(t.size).toBe(1);
  });

  it('is state, not replay: applying an entry twice or out of date changes nothing more', () => {
    const once = tree();
    const twice = tree();
    const entries = [
      { op: 'add' as const, node: node({ id: 2 }) },
      { op: 'edit' as const, node: node({ id: 2, size: 5, rev: 2 }) },
      { op: 'delete' as const, node: node({ id: 9 }) }, // never held: nothing to do
    ];
    for (const e of entries) applyJournalEntry(once, e);
    for (const e of [...entries, ...entries]) applyJournalEntry(twice, e);
    expect(twice.rootDiffValue).toBe(once.rootDiffValue);
    expect(twice.get(2)).toEqual(once.get(2));
  });

  it('throws the tree engine’s error when the parent is missing: the tree has diverged', () => {
    expect(() =>
      applyJournalEntry(tree(), { op: 'add', node: node({ id: 5, parentId: 4 }) }),
    ).toThrow(expect.objectContaining({ code: 'id_unknown' }));
  });
});
