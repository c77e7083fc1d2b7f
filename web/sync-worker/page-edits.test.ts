// The page's edits and the server's commit rules give the same verdicts: random edits on random trees, both checked.
import { describe, expect, it } from 'vitest';
import type { CommitOp } from '../../shared/api/content.ts';
import { checkCommitOp, foldName } from '../../shared/commit/index.ts';
import { isPortableName } from '../../shared/sync/index.ts';
import { ManualClock } from '../../shared/sync/manual-clock.ts';
import { SeededRandom } from '../../shared/sync/seeded-random.ts';
import { normalizeName, TreeStore } from '../../shared/tree/index.ts';
import { PageEdits, type DeviceWrites, type PageEditsHooks } from './page-edits.ts';
import { SyncFailure } from './sync-failure.ts';

/** Names that collide, fold, need trimming, or cannot be used here or anywhere. */
const names = [
  'a',
  'A',
  'b.txt',
  'B.TXT',
  'é',
  'e\u0301',
  'H\u0331',
  'ẖ',
  ' a ',
  'note ',
  'x?',
  'con',
  'end.',
  '..',
  '',
  'a/b',
  'tab\tname',
];
/** Names a path of `addFiles` can end in (its `/` and empty segments are path syntax). */
const fileNames = names.filter((n) => n.trim() !== '' && !n.includes('/') && n !== '..');

/** A device that takes every write (the checks come before any). */
const device: DeviceWrites = {
  createFolder: async () => undefined,
  write: async (path, content) => new File([content], path.at(-1)!, { lastModified: 1e12 }),
  move: async () => undefined,
  remove: async () => undefined,
};

/** Page edits of `tree` as `role` on `device`, ids resolving to themselves. */
function editsOn(
  tree: TreeStore,
  role: ReturnType<PageEditsHooks['role']>,
  hooks: Partial<Pick<PageEditsHooks, 'clock' | 'newId'>> = {},
): PageEdits {
  return new PageEdits({
    local: () => tree,
    files: () => device,
    role: () => role,
    clock: new ManualClock(),
    newId: () => 0x80000000,
    resolve: (id) => id,
    edited: async () => undefined,
    ...hooks,
  });
}

function randomTree(random: SeededRandom): TreeStore {
  const tree = new TreeStore({ rootId: 0 });
  const folders = [0];
  for (let id = 1; id <= 12; id++) {
    const parent = folders[random.below(folders.length)]!;
    const name = `${names[random.below(7)]}${random.below(3)}`;
    if (tree.children(parent).some((c) => foldName(tree.nameOf(c)) === foldName(name))) continue;
    const kind = random.below(2) === 0 ? 'folder' : 'file';
    tree.add({ id, parent, name, kind, rev: 1 + random.below(3), size: kind === 'file' ? 3 : 0 });
    if (kind === 'folder') folders.push(id);
  }
  return tree;
}

/** An edit as the page asks for it, and the commit op the server would be asked for. */
type Edit =
  | { call: 'createFolder'; parentId: number; name: string }
  | { call: 'addFile'; parentId: number; name: string }
  | { call: 'rename'; id: number; name: string }
  | { call: 'move'; id: number; parentId: number; name?: string }
  | { call: 'remove'; id: number };

function randomEdit(random: SeededRandom, tree: TreeStore): Edit {
  const ids = [...tree.ids(), 999];
  const any = () => ids[random.below(ids.length)]!;
  const name = () => names[random.below(names.length)]!;
  switch (random.below(5)) {
    case 0:
      return { call: 'createFolder', parentId: any(), name: name() };
    case 1:
      return { call: 'addFile', parentId: any(), name: fileNames[random.below(fileNames.length)]! };
    case 2:
      return { call: 'rename', id: any(), name: name() };
    case 3:
      return {
        call: 'move',
        id: any(),
        parentId: any(),
        name: random.below(2) ? name() : undefined,
      };
    default:
      return { call: 'remove', id: any() };
  }
}

/** The commit op for `edit` on `tree`, as its words mean it (names trimmed, a file of a taken name replaced). */
function commitOpOf(edit: Edit, tree: TreeStore): CommitOp {
  const rev = (id: number) => (tree.get(id)?.parent === null ? 1 : (tree.get(id)?.rev ?? 1));
  switch (edit.call) {
    case 'createFolder':
      return { op: 'add', parentId: edit.parentId, name: edit.name.trim(), kind: 'dir' };
    case 'addFile': {
      let key: string | undefined;
      try {
        key = foldName(normalizeName(edit.name.trim()));
      } catch {
        key = undefined;
      }
      const holder = tree.has(edit.parentId)
        ? tree.children(edit.parentId).find((c) => foldName(tree.nameOf(c)) === key)
        : undefined;
      if (holder !== undefined && tree.get(holder)!.kind === 'file') {
        return { op: 'edit', id: holder, rev: rev(holder), size: 3, hash: 'f'.repeat(64) };
      }
      return { op: 'add', parentId: edit.parentId, name: edit.name.trim(), kind: 'file', size: 3 };
    }
    case 'rename': {
      const parentId = tree.get(edit.id)?.parent ?? undefined;
      return { op: 'move', id: edit.id, rev: rev(edit.id), parentId, name: edit.name.trim() };
    }
    case 'move':
      return {
        op: 'move',
        id: edit.id,
        rev: rev(edit.id),
        parentId: edit.parentId,
        name: edit.name?.trim(),
      };
    case 'remove':
      return { op: 'delete', id: edit.id, rev: rev(edit.id) };
  }
}

/** What the worker's edit answered: done, or the code it refused with. */
async function workerVerdict(edits: PageEdits, edit: Edit): Promise<string> {
  try {
    switch (edit.call) {
      case 'createFolder':
        await edits.createFolder(edit.parentId, edit.name);
        break;
      case 'addFile': {
        const file = new Blob(['abc']);
        await edits.addFiles(
          edit.parentId,
          [{ path: edit.name, file }],
          new AbortController().signal,
        );
        break;
      }
      case 'rename':
        await edits.rename(edit.id, edit.name);
        break;
      case 'move':
        await edits.move(edit.id, edit.parentId, edit.name);
        break;
      case 'remove':
        await edits.remove(edit.id);
        break;
    }
    return 'ok';
  } catch (err) {
    if (err instanceof SyncFailure) return err.code;
    throw err;
  }
}

/**
 * The rules' verdict as the worker words it: a folder that is missing or a file is "not on this
 * device", and so is the root (which the rules refuse as `forbidden`).
 */
function asWorkerSays(code: string | undefined): string {
  if (code === undefined) return 'ok';
  if (['parent_missing', 'not_a_dir', 'forbidden'].includes(code)) return 'not_found';
  return code;
}

describe('PageEdits and checkCommitOp', () => {
  it('refuse and allow the same random edits, the device refusing only names it cannot hold', async () => {
    const tallies = new Map<string, number>();
    for (let seed = 1; seed <= 60; seed++) {
      const random = new SeededRandom(seed);
      const tree = randomTree(random);
      let nextId = 0x80000000;
      const edits = editsOn(tree, 'editor', {
        clock: new ManualClock(1e12),
        newId: () => nextId++,
      });
      for (let step = 0; step < 40; step++) {
        const edit = randomEdit(random, tree);
        const op = commitOpOf(edit, tree);
        const rules = asWorkerSays(
          checkCommitOp(tree, op, { caseSensitive: false, hasContent: () => true })?.code,
        );
        const worker = await workerVerdict(edits, edit);
        const name = 'name' in op ? op.name : undefined;
        const unportable =
          name !== undefined && (rules === 'ok' || rules === 'name_taken') && !isPortableName(name);
        const context = { seed, step, edit, op, rules };
        if (unportable) expect(worker, JSON.stringify(context)).toBe('invalid_name');
        else if (edit.call === 'addFile' && rules === 'name_taken' && op.op === 'add') {
          // A file over a folder of that name: refused by both, in the worker's own words.
          expect(worker, JSON.stringify(context)).toBe('name_taken');
        } else expect(worker, JSON.stringify(context)).toBe(rules);
        const tally = `${edit.call}:${worker}`;
        tallies.set(tally, (tallies.get(tally) ?? 0) + 1);
      }
    }
    // The edits reached every kind of verdict, so the comparison covered them.
    for (const verdict of ['ok', 'not_found', 'invalid_name', 'name_taken']) {
      expect(
        [...tallies.keys()].some((k) => k.endsWith(`:${verdict}`)),
        verdict,
      ).toBe(true);
    }
    expect(tallies.get('move:cycle') ?? 0).toBeGreaterThan(0);
    expect(tallies.get('addFile:ok') ?? 0).toBeGreaterThan(0);
  });

  it('refuses in the words the person has always read', async () => {
    const tree = new TreeStore({ rootId: 0 });
    tree.add({ id: 1, parent: 0, name: 'Docs', kind: 'folder' });
    tree.add({ id: 2, parent: 1, name: 'inner', kind: 'folder' });
    tree.add({ id: 3, parent: 0, name: 'a.txt', kind: 'file', size: 3 });
    const edits = editsOn(tree, 'editor');
    await expect(edits.createFolder(0, 'docs')).rejects.toThrow(
      'There is already something named “docs” here.',
    );
    await expect(edits.move(3, 1, 'INNER')).rejects.toThrow(
      'There is already something named “INNER” there.',
    );
    await expect(edits.move(1, 2)).rejects.toThrow('“Docs” cannot go into a folder inside itself.');
    await expect(edits.rename(3, 'a?.txt')).rejects.toThrow(
      '“a?.txt” cannot be used as a name: leave out \\ : * ? " < > | and do not end it with a dot or a space.',
    );
    await expect(edits.createFolder(3, 'x')).rejects.toThrow(
      'That folder is not on this device (yet).',
    );
    await expect(edits.remove(0)).rejects.toThrow('That file or folder is not on this device.');
    const path = [{ path: 'a.txt/b', file: new Blob(['x']) }];
    await expect(edits.addFiles(0, path, new AbortController().signal)).rejects.toThrow(
      '“a.txt” is a file here, not a folder.',
    );
    const over = [{ path: 'docs', file: new Blob(['x']) }];
    await expect(edits.addFiles(0, over, new AbortController().signal)).rejects.toThrow(
      'There is a folder named “docs” here already.',
    );
  });

  it('refuses a viewer every edit before looking at it', async () => {
    const tree = new TreeStore({ rootId: 0 });
    tree.add({ id: 1, parent: 0, name: 'a', kind: 'folder' });
    const edits = editsOn(tree, 'viewer');
    await expect(edits.createFolder(0, 'b')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(edits.move(1, 0, 'c')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(edits.remove(1)).rejects.toMatchObject({ code: 'forbidden' });
    expect(tree.children(0)).toEqual([1]);
  });
});
